// The implementation guides wired into an analysis (claimlint.guideChecks, --guide), the element
// hover and completion: full reports the guide's findings, envelope (the default) does not, off
// drops the envelope and structure checks too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { completionsAt } from '../../server/src/core/completion';
import { CLI_DEFAULT_GUIDE_CHECKS, DEFAULT_GUIDE_CHECKS, guideChecksOf, keptWhenOff, OFF_KEPT_X12_RULES } from '../../server/src/core/guides/checks';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';

const root = resolve(__dirname, '../..');
const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
const example = readFileSync(join(root, 'examples/professional-43214.837'), 'utf8');

function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `${from} occurs once`);
  return text.replace(from, to);
}

/** The example 837P with CLM05-02 left out, a bad SV103 code and a wrong SE01. */
export function broken837P(): string {
  let text = replaceOnce(example, 'CLM*DEMO-P-0001*2150.00***22:B:1*', 'CLM*DEMO-P-0001*2150.00***22::1*');
  text = replaceOnce(text, 'SV1*HC:43214*1500.00*UN*1***1~', 'SV1*HC:43214*1500.00*ZZ*1***1~');
  return replaceOnce(text, 'SE*34*0001~', 'SE*35*0001~');
}

const rules = (text: string, guideChecks: 'off' | 'envelope' | 'full') => analyze(text, knowledge, undefined, undefined, { guideChecks }).findings;

test('the editor default is full, the CLI default envelope, and an unknown setting value is the editor default', () => {
  assert.equal(DEFAULT_GUIDE_CHECKS, 'full');
  assert.equal(CLI_DEFAULT_GUIDE_CHECKS, 'envelope');
  assert.equal(guideChecksOf('envelope'), 'envelope');
  assert.equal(guideChecksOf('FULL'), 'full');
  assert.equal(guideChecksOf(undefined), 'full');
  // analyze without options (the core API) is envelope.
  const text = broken837P();
  assert.deepEqual(analyze(text, knowledge).findings.map((f) => f.rule), rules(text, 'envelope').map((f) => f.rule));
});

test('full reports a missing required element and a bad code with the guide reference; envelope does not', () => {
  const text = broken837P();
  const full = rules(text, 'full');
  const missing = full.find((f) => f.rule === 'guide.element-missing');
  assert.ok(missing, full.map((f) => f.rule).join(', '));
  assert.match(missing.message, /CLM05-02/);
  assert.equal(missing.severity, 'error');
  // Placed on the empty component, between the two component separators.
  assert.equal(text.slice(missing.span.start - 3, missing.span.end + 2), '22::1');
  const code = full.find((f) => f.rule === 'guide.code-invalid');
  assert.ok(code);
  assert.match(code.message, /'ZZ' is not a valid code for SV103/);
  assert.equal(text.slice(code.span.start, code.span.end), 'ZZ');
  // The reader's own checks stay in full.
  assert.ok(full.some((f) => f.rule === 'x12.se01-count'));
  assert.ok(full.some((f) => f.rule === 'ptp.conflict'));

  const envelope = rules(text, 'envelope');
  assert.equal(envelope.filter((f) => f.rule.startsWith('guide.')).length, 0);
  assert.ok(envelope.some((f) => f.rule === 'x12.se01-count'));
});

test('off drops the envelope and structure checks but keeps reading problems, claim values and coding checks', () => {
  const text = broken837P();
  const off = rules(text, 'off');
  assert.ok(!off.some((f) => f.rule === 'x12.se01-count' || f.rule.startsWith('guide.')));
  assert.ok(off.some((f) => f.rule === 'ptp.conflict'));
  const badCode = replaceOnce(text, 'SV1*HC:43200*400.00*UN*1***1~\nDTP*472*D8*20261015', 'SV1*HC:4320*400.00*UN*1***1~\nDTP*472*D8*20261015');
  assert.ok(rules(badCode, 'off').some((f) => f.rule === 'x12.procedure-code-invalid'), 'a malformed procedure code is still reported');
  assert.ok(keptWhenOff('x12.isa-missing') && keptWhenOff('x12.clm02-sum') && keptWhenOff('mue.exceeded') && keptWhenOff('x12.not-a-claim-transaction'));
  assert.ok(!keptWhenOff('x12.se01-count') && !keptWhenOff('x12.lx-sequence') && !keptWhenOff('x12.envelope-unclosed'));
  assert.equal(OFF_KEPT_X12_RULES.size, 8);
});

test('the valid example files give no guide finding', () => {
  const files = readdirSync(join(root, 'examples')).filter((name) => /\.837/.test(name));
  assert.ok(files.length >= 2);
  for (const name of files) {
    const text = readFileSync(join(root, 'examples', name), 'utf8');
    const guide = rules(text, 'full').filter((f) => f.rule.startsWith('guide.'));
    assert.deepEqual(guide.map((f) => `${f.rule}: ${f.message}`), [], name);
  }
});

test('837 Dental 5010 is said to be not validated, once, as information', () => {
  let text = example.replace(/005010X222A1/g, '005010X224A2');
  // Two transaction sets in the group: still one finding.
  const set = text.slice(text.indexOf('ST*837'), text.indexOf('GE*'));
  text = text.replace('GE*1*1~', `${set.replace('ST*837*0001', 'ST*837*0002').replace('SE*34*0001', 'SE*34*0002')}GE*2*1~`);
  const full = rules(text, 'full');
  const info = full.filter((f) => f.rule === 'guide.not-validated');
  assert.equal(info.length, 1);
  assert.equal(info[0]!.severity, 'information');
  // The example's lines are SV1 (professional): sent under the dental guide, that is said once per transaction set.
  const mismatch = full.filter((f) => f.rule === 'guide.version-mismatch');
  assert.deepEqual(mismatch.map((f) => text.slice(f.span.start, f.span.start + 3)), ['SV1', 'SV1']);
  assert.equal(full.filter((f) => f.rule.startsWith('guide.') && f.rule !== 'guide.version-mismatch').length, 1, 'nothing else is checked against a guide');
  assert.equal(rules(text, 'envelope').filter((f) => f.rule.startsWith('guide.')).length, 0);
});

test('the element hover adds the guide: name, usage, type, lengths, valid codes and loop', () => {
  const analysis = analyze(example, knowledge);
  const at = example.indexOf('22:B:1');
  const markdown = hoverAt(analysis, at + 1, knowledge)!.markdown;
  assert.match(markdown, /^\*\*CLM05-01\*\* Place of Service Code \(in CLM05 /);
  // One title, the guide's: the dictionary's name of the element is not said again above it.
  assert.equal(markdown.match(/\*\*CLM-?05-0?1\*\*/g)?.length, 1, markdown);
  assert.match(markdown, /\n---\n\n\*Implementation guide [^\n]*, loop 2300 Claim Information, CLM Claim Information\*$/);
  assert.match(markdown, /Required · string \(AN\) · 1-2 characters/);
  assert.match(markdown, /`11`/);
  assert.match(markdown, /and \d+ more/);
  const qualifier = hoverAt(analysis, at + 3, knowledge)!.markdown;
  // What the dictionary adds of a value stays: a procedure qualifier's meaning, under the guide's title.
  const hc = hoverAt(analysis, example.indexOf('SV1*HC:') + 5, knowledge)!.markdown;
  assert.match(hc, /^\*\*SV101-01\*\* Product or Service ID Qualifier[^\n]*\n\n`HC`: HCPCS \/ CPT code\n\nRequired · code \(ID\)/);
  assert.match(qualifier, /\*\*CLM05-02\*\* Facility Code Qualifier/);
  assert.match(qualifier, /Valid codes: `B`/);
  // A file whose version Claimlint has no guide for gets the dictionary hover only.
  const unknown = example.replace(/005010X222A1/g, '005010X224A2');
  const plain = hoverAt(analyze(unknown, knowledge), unknown.indexOf('22:B:1') + 1, knowledge)!.markdown;
  assert.doesNotMatch(plain, /Implementation guide/);
});

test('completion offers the valid codes of a code element and the segments the guide allows next', () => {
  const analysis = analyze(example, knowledge);
  const sv1 = example.indexOf('SV1*HC:43214') + 4;
  const codes = completionsAt(analysis, sv1);
  assert.deepEqual(codes.map((c) => c.label), ['ER', 'HC', 'IV', 'WK']);
  assert.equal(codes.find((c) => c.label === 'HC')!.detail, 'HCPCS / CPT code');
  assert.deepEqual(codes[0]!.span, { start: sv1, end: sv1 + 2 }, 'replaces the qualifier typed so far');

  // At the start of the segment after the service line's DTP: more of 2400, or a new line or claim.
  // The line's DTP*472 (max use 1) is not offered again; the set's SE comes before any envelope segment.
  const next = example.indexOf('LX*2~');
  const segments = completionsAt(analysis, next).map((c) => c.label);
  for (const expected of ['DTP*471', 'LX', 'CLM', 'HL', 'SE']) assert.ok(segments.includes(expected), `${expected} in ${segments.join(' ')}`);
  assert.ok(!segments.includes('DTP*472'), segments.join(' '));
  const ids = segments.map((label) => label.split('*')[0]);
  for (const id of ['BHT', 'ISA', 'GS', 'ST', 'GE', 'IEA']) assert.ok(!ids.includes(id), `${id} in ${segments.join(' ')}`);
  // An id being typed.
  const typed = example.replace('LX*2~\n', 'LX*2~\nSV\n');
  const offered = completionsAt(analyze(typed, knowledge), typed.indexOf('LX*2~\nSV') + 8);
  assert.ok(offered.some((c) => c.label === 'SV1' && c.insertText === 'SV1*'));
  // Nothing in a CSV.
  const csv = readFileSync(join(root, 'examples/claims-export.csv'), 'utf8');
  assert.deepEqual(completionsAt(analyze(csv, knowledge), 10), []);
});

test('full reports a problem the guide and the envelope checks both see once, as the guide finding', () => {
  // A letter O for a zero in CLM02, and an ISA not padded to its widths.
  let text = replaceOnce(example, 'CLM*DEMO-P-0001*2150.00*', 'CLM*DEMO-P-0001*215O.00*');
  const isaEnd = text.indexOf('~');
  text = text.slice(0, isaEnd).split('*').map((field) => field.trimEnd() || field).join('*') + text.slice(isaEnd);
  const envelope = rules(text, 'envelope').map((f) => f.rule);
  assert.ok(envelope.includes('x12.amount-invalid') && envelope.includes('x12.isa-width'), envelope.join(' '));
  const full = rules(text, 'full');
  assert.deepEqual(full.filter((f) => f.rule === 'x12.amount-invalid' || f.rule === 'x12.isa-width'), []);
  const clm02 = text.indexOf('215O.00');
  assert.ok(full.some((f) => f.rule === 'guide.element-type' && f.span.start === clm02), 'the guide names CLM02');
  assert.ok(full.some((f) => f.rule === 'guide.element-length' && f.span.end <= isaEnd), 'the guide names the short ISA fields');
});
