// Found in review: an 837D's tooth numbers and surfaces were never checked. TOO*JP*33 (no such
// tooth), TOO*JP*08 and a surface X went through clean, in 5010 files (no guide map) and, for the
// tooth, in 4010 ones too (the map takes any 1-30 characters); a clearinghouse rejects them. The
// reader now checks TOO02 against the Universal/National Tooth Designation System and TOO03
// against the surface codes, and the element hover says which tooth or surface a code is.
// Synthetic files.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12, type ClaimKind, type SegmentSpec } from './helpers/x12-writer';
import { applyEdits } from '../../server/src/core/edits';
import { fixAllWithGuides, guideFixesFor, hasGuideFix } from '../../server/src/core/guides/fixes';

const knowledge = emptyKnowledge();
const DAY = { from: 20260310, to: 20260310 };

function file(tooth: SegmentSpec, options: { kind?: ClaimKind; version?: '5010' | '4010' } = {}): string {
  const kind = options.kind ?? 'dental';
  const code = kind === 'dental' ? 'D2391' : '43214';
  // An 837D line's TOO comes before its DTP*472 (the writer puts extra segments after it): no date here.
  const date = kind === 'dental' ? null : DAY;
  return writeX12([{ id: 'C1', date, lines: [{ code, charge: '150.00', date, extraSegments: [tooth] }] }], {
    kind,
    ...(options.version === undefined ? {} : { version: options.version }),
  }).text;
}

function toothFindings(text: string, mode: 'envelope' | 'full' = 'envelope'): Finding[] {
  return analyze(text, knowledge, undefined, undefined, { guideChecks: mode }).findings.filter((f) => f.rule.startsWith('x12.tooth') || (f.rule.startsWith('guide.') && f.message.includes('TOO')));
}

function shown(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule} ${text.slice(f.span.start, f.span.end)}`);
}

describe('837D tooth numbers (TOO02)', () => {
  test('a permanent, a primary and a supernumerary tooth, with surfaces: nothing', () => {
    for (const tooth of ['8', '32', 'A', 'T', '51', '82', 'AS', 'TS']) {
      const text = file(['TOO', 'JP', tooth, ['M', 'O', 'D']]);
      assert.ok(text.includes(`TOO*JP*${tooth}*M:O:D~`), text);
      assert.deepEqual(toothFindings(text), [], tooth);
      assert.deepEqual(toothFindings(text, 'full'), [], `${tooth} in full`);
    }
  });

  test('33, 0, 50 and U are no teeth: an error on TOO02 that gives the system\'s numbers', () => {
    for (const tooth of ['33', '0', '50', 'U', 'US', '83']) {
      const text = file(['TOO', 'JP', tooth]);
      const found = toothFindings(text);
      assert.deepEqual(shown(text, found), [`x12.tooth-invalid ${tooth}`], tooth);
      assert.equal(found[0]!.severity, 'error');
      assert.equal(
        found[0]!.message,
        `TOO02 (tooth) should be a tooth number of the Universal/National Tooth Designation System (TOO01 JP): 1-32 for permanent teeth, A-T for primary teeth, 51-82 and AS-TS for supernumerary ones; found '${tooth}'`,
      );
    }
  });

  test('a tooth written with a leading zero gets a hint, a primary tooth too', () => {
    const [found] = toothFindings(file(['TOO', 'JP', '08']));
    assert.ok(found);
    assert.match(found.message, /found '08' \(8, without the leading zero\?\)$/);
    const [primary] = toothFindings(file(['TOO', 'JP', '0A']));
    assert.match(primary?.message ?? '', /found '0A' \(A, without the leading zero\?\)$/);
  });

  test('blanks after a tooth are not read as part of it (they are the guide\'s trailing spaces)', () => {
    const text = file(['TOO', 'JP', '8  ']);
    assert.deepEqual(toothFindings(text).filter((f) => f.rule.startsWith('x12.')), []);
  });

  test('a name where the tooth belongs is described, not quoted', () => {
    const [found] = toothFindings(file(['TOO', 'JP', 'GARCIA']));
    assert.ok(found);
    assert.doesNotMatch(found.message, /GARCIA/);
    assert.match(found.message, /found a value that is not a code$/);
  });

  test('only under TOO01 JP, and only in an 837D', () => {
    // Another qualifier is the guide's to report; its teeth are not read.
    assert.deepEqual(toothFindings(file(['TOO', 'XX', '99'])), []);
    // A TOO in an 837P is a segment the guide does not expect there, not a tooth to read.
    assert.deepEqual(toothFindings(file(['TOO', 'JP', '99'], { kind: 'professional' })), []);
  });
});

describe('the leading-zero fix', () => {
  test('08: "Write the tooth as 8", which leaves no tooth finding; fix-all takes it; 0A is A; 33 and 00 have none', () => {
    const text = file(['TOO', 'JP', '08', ['O']]);
    const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
    const [finding] = analysis.findings.filter((f) => f.rule === 'x12.tooth-invalid');
    assert.ok(finding);
    const fixes = guideFixesFor(text, analysis.doc, finding);
    assert.deepEqual(fixes.map((f) => f.title), ['Write the tooth as 8 (without the leading zero)']);
    const fixed = applyEdits(text, fixes[0]!.edits);
    assert.ok(fixed.includes('TOO*JP*8*O~'), fixed);
    assert.deepEqual(toothFindings(fixed, 'full'), []);
    assert.equal(applyEdits(text, fixAllWithGuides(text, analysis.doc, analysis.findings)!.edits), fixed);
    const primary = file(['TOO', 'JP', '0A']);
    const primaryAnalysis = analyze(primary, knowledge);
    const primaryFinding = primaryAnalysis.findings.find((f) => f.rule === 'x12.tooth-invalid')!;
    assert.deepEqual(guideFixesFor(primary, primaryAnalysis.doc, primaryFinding).map((f) => f.title), ['Write the tooth as A (without the leading zero)']);
    for (const tooth of ['33', '00']) {
      const other = file(['TOO', 'JP', tooth]);
      const found = analyze(other, knowledge).findings.filter((f) => f.rule === 'x12.tooth-invalid');
      assert.equal(found.length, 1, tooth);
      assert.deepEqual(guideFixesFor(other, analyze(other, knowledge).doc, found[0]!), [], tooth);
      // And the cheap test of whether a finding has a fix says so (the editor offers no fix-all for it).
      assert.equal(hasGuideFix(analyze(other, knowledge).doc, found[0]!, other), false, tooth);
    }
  });
});

describe('837D tooth surfaces (TOO03)', () => {
  test('surfaces run together (MOD): the finding says to write one a component', () => {
    const [found] = toothFindings(file(['TOO', 'JP', '14', ['MOD']]));
    assert.ok(found);
    assert.match(found.message, /found 'MOD' \(M:O:D, one surface a component\?\)$/);
  });

  test('the run-together hint only for a value that may be shown and names each surface once', () => {
    // Found in review: a name made of surface letters (BILL) was spelled out in the hint.
    for (const value of ['BILL', 'MM']) {
      const [found] = toothFindings(file(['TOO', 'JP', '14', [value]]));
      assert.ok(found, value);
      assert.doesNotMatch(found.message, /one surface a component/, value);
      assert.doesNotMatch(found.message, /B:I:L:L/);
    }
  });

  test('a sixth surface: an error in 5010 (no map); in 4010 full, the map\'s finding alone', () => {
    const surfaces = ['M', 'O', 'D', 'B', 'L', 'I'];
    const text = file(['TOO', 'JP', '8', surfaces]);
    assert.deepEqual(toothFindings(text).map((f) => [f.rule, text.slice(f.span.start, f.span.end), f.message]), [
      ['x12.tooth-surface-invalid', 'I', 'TOO03 (tooth surfaces) names more than 5 surfaces: a tooth has at most 5'],
    ]);
    const old = file(['TOO', 'JP', '8', surfaces], { version: '4010' });
    assert.deepEqual(toothFindings(old, 'full').map((f) => f.rule), ['guide.too-many-components']);
  });

  test('4010 full, a first surface that is none: said once, as the reader\'s error, which lists the surface codes (the map\'s "not a valid code" goes)', () => {
    const text = file(['TOO', 'JP', '8', ['X', 'O']], { version: '4010' });
    const found = toothFindings(text, 'full');
    assert.deepEqual(found.map((f) => [f.rule, f.severity, text.slice(f.span.start, f.span.end)]), [['x12.tooth-surface-invalid', 'error', 'X']]);
  });

  test('an empty first surface before others (TOO*JP*8*:O): an error in 5010; in 4010 full, the map\'s finding alone', () => {
    const text = file(['TOO', 'JP', '8', ['', 'O']]);
    assert.ok(text.includes('TOO*JP*8*:O~'), text);
    assert.deepEqual(toothFindings(text).map((f) => [f.rule, f.message]), [['x12.tooth-surface-invalid', 'TOO03-1 (tooth surface) is empty, but later surfaces are given: the first surface is required']]);
    const old = file(['TOO', 'JP', '8', ['', 'O']], { version: '4010' });
    const found = toothFindings(old, 'full');
    assert.equal(found.length, 1, found.map((f) => `${f.rule}: ${f.message}`).join('\n'));
    assert.ok(found[0]!.rule.startsWith('guide.'), found[0]!.rule);
  });

  test('surfaces of no tooth (TOO*JP**O): TOO02 must name the tooth', () => {
    const text = file(['TOO', 'JP', '', ['O']]);
    const found = toothFindings(text);
    assert.deepEqual(found.map((f) => f.rule), ['x12.tooth-invalid']);
    assert.equal(found[0]!.message, 'TOO02 (tooth) is empty, but TOO03 names surfaces: the surfaces are of a tooth, which TOO02 must name');
  });

  test('a code that is no surface, and a surface named twice: an error on that component', () => {
    const text = file(['TOO', 'JP', '14', ['M', 'X', 'M']]);
    const found = toothFindings(text);
    assert.deepEqual(shown(text, found), ['x12.tooth-surface-invalid X', 'x12.tooth-surface-invalid M']);
    assert.equal(found[0]!.message, 'TOO03-2 (tooth surface) should be a surface code (B buccal, D distal, F facial, I incisal, L lingual, M mesial, O occlusal), found \'X\'');
    assert.equal(found[1]!.message, 'TOO03-3 (tooth surface): M (mesial) is named twice for one tooth');
    assert.ok(text.slice(found[1]!.span.start - 4, found[1]!.span.end).endsWith('M:X:M'), 'the second M, not the first');
  });

  test('4010, in full: a code not in the list of a later (situational) surface is said once, as the reader\'s error; a repeat is the reader\'s', () => {
    // Found in review: the map's warning replaced the reader's error, and the exit code went from 1 to 0 in full mode.
    const bad = file(['TOO', 'JP', '14', ['M', 'Q']], { version: '4010' });
    const found = toothFindings(bad, 'full');
    assert.deepEqual(found.map((f) => [f.rule, f.severity, bad.slice(f.span.start, f.span.end)]), [['x12.tooth-surface-invalid', 'error', 'Q']]);
    assert.deepEqual(shown(bad, toothFindings(bad)), ['x12.tooth-surface-invalid Q'], 'in envelope mode, the same');
    const twice = file(['TOO', 'JP', '14', ['O', 'O']], { version: '4010' });
    assert.deepEqual(shown(twice, toothFindings(twice, 'full')), ['x12.tooth-surface-invalid O']);
  });
});

describe('the element hover says which tooth and surface', () => {
  test('TOO02 8 is the upper right central incisor; TOO03 O occlusal', () => {
    const text = file(['TOO', 'JP', '8', ['O']]);
    const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
    const at = text.indexOf('TOO*JP*8') + 'TOO*JP*'.length;
    assert.match(hoverAt(analysis, at, knowledge)?.markdown ?? '', /`8`: permanent tooth, upper right central incisor/);
    assert.match(hoverAt(analysis, at + 2, knowledge)?.markdown ?? '', /`O`: occlusal/);
    // Found in review: a tooth that is none said nothing at all.
    const padded = file(['TOO', 'JP', '08']);
    const onPadded = hoverAt(analyze(padded, knowledge, undefined, undefined, { guideChecks: 'full' }), padded.indexOf('*08') + 1, knowledge);
    assert.match(onPadded?.markdown ?? '', /`08`: tooth 8 written with a leading zero \(permanent tooth, upper right central incisor\); write 8/);
    const none = file(['TOO', 'JP', '33']);
    const onNone = hoverAt(analyze(none, knowledge, undefined, undefined, { guideChecks: 'full' }), none.indexOf('*33') + 1, knowledge);
    assert.match(onNone?.markdown ?? '', /`33`: not a tooth of the Universal\/National Tooth Designation System/);
    const primary = file(['TOO', 'JP', 'KS']);
    const hover = hoverAt(analyze(primary, knowledge, undefined, undefined, { guideChecks: 'full' }), primary.indexOf('*KS') + 1, knowledge);
    assert.match(hover?.markdown ?? '', /`KS`: supernumerary tooth beside primary tooth K \(lower left second molar\)/);
  });
});

// Found in a user review (an EDI analyst): DN2*33*M (the claim's tooth status: tooth 33 missing)
// went through, though TOO*JP*33 on a line is an error: DN201 is a tooth number of the same system.
describe('837D tooth status (DN2): DN201 is a tooth number', () => {
  const withStatus = (dn2: string, kind: ClaimKind = 'dental') => {
    const text = file(['TOO', 'JP', '8'], { kind });
    const clm = text.indexOf('CLM*');
    const end = text.indexOf('~', clm) + 1;
    return text.slice(0, end) + dn2 + text.slice(end);
  };

  test('33 is no tooth: an error on DN201 that gives the system\'s numbers; 8, A and 51 are teeth', () => {
    const text = withStatus('DN2*33*M~');
    const found = toothFindings(text);
    assert.deepEqual(shown(text, found), ['x12.tooth-invalid 33']);
    assert.equal(found[0]!.message, "DN201 (tooth number) should be a tooth number of the Universal/National Tooth Designation System: 1-32 for permanent teeth, A-T for primary teeth, 51-82 and AS-TS for supernumerary ones; found '33'");
    for (const tooth of ['8', 'A', '51']) assert.deepEqual(toothFindings(withStatus(`DN2*${tooth}*M~`)), [], tooth);
    // Written with a leading zero: the same fix as TOO02's.
    const padded = withStatus('DN2*08*M~');
    const analysis = analyze(padded, knowledge);
    const finding = analysis.findings.find((f) => f.rule === 'x12.tooth-invalid')!;
    assert.deepEqual(guideFixesFor(padded, analysis.doc, finding).map((f) => f.title), ['Write the tooth as 8 (without the leading zero)']);
  });

  test('with DN205 JP it names the qualifier; with another system it is not read; nor in an 837P', () => {
    const jp = withStatus('DN2*33*M***JP~');
    assert.match(toothFindings(jp)[0]!.message, /System \(DN205 JP\): /);
    assert.deepEqual(toothFindings(withStatus('DN2*33*M***XX~')), []);
    assert.deepEqual(toothFindings(withStatus('DN2*33*M~', 'professional')).filter((f) => f.rule === 'x12.tooth-invalid'), []);
  });

  test('a tooth status after the claim\'s first line is another loop\'s: not read as the claim\'s', () => {
    const text = file(['TOO', 'JP', '8']).replace('TOO*JP*8~', 'TOO*JP*8~DN2*33*M~');
    assert.deepEqual(toothFindings(text), []);
  });
});
