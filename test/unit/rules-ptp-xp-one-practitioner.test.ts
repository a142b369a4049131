// A coder's review: a pair of one practitioner's lines passed silently when one of them carried
// XP ("separate practitioner"), which the claim itself contradicts. XP now lets a pair pass only
// between lines of two providers, or where the file names no rendering provider (a billing
// provider alone may be a group of several). The finding says why XP does not count, and its
// quick fixes replace XP rather than add beside it. Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/fixes';
import { loadKnowledge } from '../../server/src/core/rules';
import { writeX12 } from './helpers/x12-writer';
import { practitionerPtpText } from './helpers/ncci-tables';

const DAY = { from: 20260310, to: 20260310 };

function knowledgeOf(indicator: '0' | '1') {
  const table = practitionerPtpText([`29881\t20610\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`]);
  return loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
}

/** 29881 and 20610 on one claim; `modifiers` on the 20610 line (column 2) and on 29881 (column 1). */
function claimText(twoModifiers: string[], oneModifiers: string[] = []): string {
  return writeX12([{ id: 'A', lines: [{ code: '29881', charge: '900.00', date: DAY, modifiers: oneModifiers }, { code: '20610', charge: '80.00', date: DAY, modifiers: twoModifiers }] }], { lineEnding: '\n' }).text;
}

/** The claim's rendering provider (2310B) after its HI: every line is that practitioner's. */
function withClaimRendering(text: string): string {
  return text.replace(/(HI\*[^~]*~\n)/, '$1NM1*82*1*DOE*ANN****XX*1111111112~\n').replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 1}*`);
}

/** A rendering provider (2420A) on the line of `code`. */
function withLineRendering(code: string, npi: string): (text: string) => string {
  return (text) => text.replace(new RegExp(`(SV1\\*HC:${code}[:*][^~]*~\\n(?:DTP\\*[^~]*~\\n)?)`), `$1NM1*82*1*DOE*ANN****XX*${npi}~\n`).replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 1}*`);
}

function ptpFindings(text: string, indicator: '0' | '1' = '1') {
  const analysis = analyze(text, knowledgeOf(indicator));
  assert.deepEqual(analysis.findings.filter((f) => !f.rule.startsWith('ptp.')).map((f) => f.rule), [], 'the file is otherwise valid');
  return { analysis, findings: analysis.findings.filter((f) => f.rule.startsWith('ptp.')) };
}

describe('XP on one practitioner\'s lines', () => {
  it('the claim names one rendering provider: XP on the column-2 line does not let the pair pass, and the finding says why', () => {
    const { findings } = ptpFindings(withClaimRendering(claimText(['XP'])));
    assert.deepEqual(findings.map((f) => f.rule), ['ptp.modifier-required']);
    assert.match(findings[0]!.message, /The modifiers already written do not let the pair pass: XP on the 20610 line says another practitioner performed the service, but both lines name the same rendering provider \(put one of the modifiers above in its place, if one is true\)\./);
    assert.doesNotMatch(findings[0]!.message, /Not XP/, 'said once');
    assert.match(findings[0]!.message, /\(separate encounter, separate structure or organ or unusual non-overlapping service\), add XE, XS, XU or 59 to the 20610 line; otherwise remove that line\./, 'the advice leaves XP out');
  });

  it('one practitioner\'s pair without XP: the advice leaves XP out and says why; two providers\' or an unnamed one\'s names it', () => {
    const [one] = ptpFindings(withClaimRendering(claimText([]))).findings;
    assert.match(one!.message, /add XE, XS, XU or 59 to the 20610 line; otherwise remove that line\. Not XP: both lines name the same rendering provider, and XP says another practitioner performed the service\.$/);
    const [unnamed] = ptpFindings(claimText([])).findings;
    assert.match(unnamed!.message, /\(separate encounter, separate structure or organ, separate practitioner or unusual non-overlapping service\), add XE, XS, XP, XU or 59 to the 20610 line; otherwise remove that line\.$/);
  });

  it('XP on the column-1 line of one practitioner\'s pair does not count either', () => {
    const { findings } = ptpFindings(withClaimRendering(claimText([], ['XP'])));
    assert.deepEqual(findings.map((f) => f.rule), ['ptp.modifier-required']);
    assert.match(findings[0]!.message, /XP on the 29881 line says another practitioner performed the service/);
  });

  it('both lines name the same rendering provider line by line: the same', () => {
    const text = withLineRendering('20610', '1111111112')(withLineRendering('29881', '1111111112')(claimText(['XP'])));
    assert.deepEqual(ptpFindings(text).findings.map((f) => f.rule), ['ptp.modifier-required']);
  });

  it('XS or 59 beside XP still lets the pair pass', () => {
    assert.deepEqual(ptpFindings(withClaimRendering(claimText(['XP', 'XS']))).findings, []);
    assert.deepEqual(ptpFindings(withClaimRendering(claimText(['59'], ['XP']))).findings, []);
  });

  it('XP between two rendering providers lets the pair pass', () => {
    const text = withLineRendering('20610', '2222222228')(withLineRendering('29881', '1111111112')(claimText(['XP'])));
    assert.deepEqual(ptpFindings(text).findings, []);
  });

  it('no rendering provider named, the billing provider an organization (perhaps a group): XP lets the pair pass, as before', () => {
    assert.match(claimText(['XP']), /NM1\*85\*2\*/, 'the premise: the writer bills as an organization');
    assert.deepEqual(ptpFindings(claimText(['XP'])).findings, []);
  });

  it('no rendering provider named, the billing provider a person (NM102 1, a solo practitioner): XP does not count, and the finding says whose lines they are', () => {
    const solo = claimText(['XP']).replace(/NM1\*85\*2\*EXAMPLE BILLING\*\*\*\*\*/, 'NM1*85*1*SMITH*BOB****');
    assert.match(solo, /NM1\*85\*1\*SMITH\*BOB\*\*\*\*XX\*/);
    const { findings } = ptpFindings(solo);
    assert.deepEqual(findings.map((f) => f.rule), ['ptp.modifier-required']);
    assert.match(findings[0]!.message, /XP on the 20610 line says another practitioner performed the service, but both lines are the billing provider's, a person, and name no other rendering provider/);
    // Without XP: the advice leaves it out and says why.
    const [plain] = ptpFindings(solo.replace('HC:20610:XP', 'HC:20610')).findings;
    assert.match(plain!.message, /add XE, XS, XU or 59 to the 20610 line; otherwise remove that line\. Not XP: both lines are the billing provider's, a person, and name no other rendering provider, and XP says another practitioner performed the service\.$/);
  });

  it('indicator 0: no modifier helps, XP or not; the message does not dwell on XP', () => {
    const { findings } = ptpFindings(withClaimRendering(claimText(['XP'])), '0');
    assert.deepEqual(findings.map((f) => f.rule), ['ptp.conflict']);
    assert.doesNotMatch(findings[0]!.message, /XP on the/);
  });

  it('the quick fixes replace XP with another modifier (never XP), and each leaves no PTP finding', () => {
    const text = withClaimRendering(claimText(['XP']));
    const { analysis, findings } = ptpFindings(text);
    const fixes = fixesFor(text, analysis.doc, findings[0]!);
    const titles = fixes.map((f) => f.title);
    assert.deepEqual(titles.filter((t) => t.startsWith('Replace modifier')), [
      'Replace modifier XP on 20610 with XE (separate encounter)',
      'Replace modifier XP on 20610 with XS (separate structure or organ)',
      'Replace modifier XP on 20610 with XU (unusual non-overlapping service)',
      'Replace modifier XP on 20610 with 59 (distinct procedural service)',
    ]);
    assert.ok(!titles.some((t) => /Add modifier/.test(t)), titles.join('; '));
    for (const fix of fixes.filter((f) => f.title.startsWith('Replace modifier'))) {
      const fixed = applyEdits(text, fix.edits);
      assert.doesNotMatch(fixed, /:XP\*/);
      assert.deepEqual(ptpFindings(fixed).findings, [], fix.title);
    }
  });
});
