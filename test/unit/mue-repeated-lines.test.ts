// A code of MAI 1 reported twice the same way (repeatedLines.ts): lines of one code for one patient
// and provider on the same dates with the same modifiers, which a payer's duplicate check may deny.
// Found in a user review: 20610-RT on two claims of one day passed every check (MAI 1 judges each
// line alone). Checked on the codes an MUE table has a row for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables, type MueRow } from '../../server/src/core/rules/mue';
import { writeX12, type WriterClaim, type WriterLine } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };
const NEXT_DAY = { from: 20260311, to: 20260311 };

function knowledgeWith(rows: Partial<MueRow>[]): Knowledge {
  const tables = emptyMueTables();
  for (const row of rows) tables.practitioner.add({ code: '20610', value: 2, mai: 1, rationale: 'Anatomic Consideration', source: 'mue.csv', kind: 'practitioner', ...row });
  return { ...emptyKnowledge(false), mue: tables };
}

const rendering = (npi: string) => ({ extraSegments: [['NM1', '82', '1', 'DOE', 'JOHN', '', '', '', 'XX', npi]] });
const line = (code: string, modifiers: string[] = [], units = '1', date = DAY): WriterLine => ({ code, modifiers, units, charge: '100.00', date });

function repeats(claims: WriterClaim[], knowledge: Knowledge) {
  const { text } = writeX12(claims, { lineEnding: '\n' });
  const analysis = analyze(text, knowledge);
  return { text, all: analysis.findings, found: analysis.findings.filter((f) => f.rule === 'mue.line-repeated') };
}

describe('mue.line-repeated', () => {
  const k = knowledgeWith([{ code: '20610' }, { code: '97110', value: 4, mai: 2 }]);

  it('a line of the same code, modifiers and date on another claim of the patient: a warning on the later, related to the earlier', () => {
    const { text, found } = repeats([{ id: 'A', lines: [line('20610', ['RT'])] }, { id: 'B', lines: [line('20610', ['RT'])] }], k);
    assert.equal(found.length, 1);
    const [finding] = found;
    assert.equal(finding!.severity, 'warning');
    assert.match(finding!.message, /^20610 is reported again for this patient and provider on 03\/10\/2026, with the same modifier \(RT\), as on claim 1, service line 1: nothing tells the lines apart/);
    assert.match(finding!.message, /say so on this line \(76 or 77 for a repeated procedure, 91 for a repeated laboratory test/);
    const second = text.lastIndexOf('20610');
    assert.equal(finding!.span.start, second, 'on the later line\'s code');
    assert.deepEqual(finding!.related?.map((r) => r.span.start), [text.indexOf('20610')]);
  });

  it('over the MUE together, the message says that MAI 1 lines split like these pass it', () => {
    const { found } = repeats([{ id: 'A', lines: [line('20610', [], '2'), line('20610', [], '1')] }], k);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /with no modifier, as on service line 1:/);
    assert.match(found[0]!.message, /Its MUE of 2 is judged per line \(MAI 1\): split over lines like these, the 3 units pass an edit they are over together\./);
  });

  it('three alike: the second and the third, each related to the first, the third saying one more came between', () => {
    const { text, found } = repeats([{ id: 'A', lines: [line('20610'), line('20610'), line('20610')] }], k);
    assert.deepEqual(found.map((f) => f.related?.map((r) => r.span.start)), [[text.indexOf('20610')], [text.indexOf('20610')]]);
    assert.match(found[0]!.message, /as on service line 1: /);
    assert.match(found[1]!.message, /as on service line 1 and 1 more line before this one: /);
  });

  it('a date range counts its units a day, as the MUE does: 3 + 3 over three days is 2 a day, within 2', () => {
    const range = { from: 20260310, to: 20260312 };
    const within = repeats([{ id: 'A', lines: [line('20610', [], '3', range), line('20610', [], '3', range)] }], k).found;
    assert.equal(within.length, 1);
    assert.doesNotMatch(within[0]!.message, /split over lines/);
    const over = repeats([{ id: 'A', lines: [line('20610', [], '6', range), line('20610', [], '3', range)] }], k).found;
    assert.match(over[0]!.message, /the 3 units a day pass an edit they are over together/);
  });

  it('thousands of lines alike make as many findings, each with one related location (not their square)', () => {
    const many = Array.from({ length: 3000 }, () => line('20610'));
    const { found } = repeats([{ id: 'A', lines: many }], k);
    assert.equal(found.length, 2999);
    assert.ok(found.every((f) => f.related?.length === 1));
    assert.match(found[2998]!.message, /as on service line 1 and 2998 more lines before this one: /);
  });

  it('modifiers in another order are the same modifiers', () => {
    const { found } = repeats([{ id: 'A', lines: [line('20610', ['RT', '59']), line('20610', ['59', 'RT'])] }], k);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /^20610 .* with the same modifiers \(59-RT\)/);
    assert.doesNotMatch(found[0]!.message, /split over lines/, 'two units are within the MUE of 2');
  });

  it('an MAI 2 code is not looked at: its MUE is judged on the day\'s sum already', () => {
    assert.deepEqual(repeats([{ id: 'A', lines: [line('97110', ['GP'], '2'), line('97110', ['GP'], '1')] }], k).found, []);
  });

  it('lines told apart by a modifier, a date, a patient or a rendering provider are not repeats', () => {
    const told = [
      [{ id: 'A', lines: [line('20610', ['RT']), line('20610', ['LT'])] }],
      [{ id: 'A', lines: [line('20610'), line('20610', ['76'])] }],
      [{ id: 'A', lines: [line('20610', ['26']), line('20610', ['TC'])] }],
      [{ id: 'A', lines: [line('20610'), line('20610', [], '1', NEXT_DAY)] }],
      [{ id: 'A', subscriberId: 'M1', lines: [line('20610')] }, { id: 'B', subscriberId: 'M2', lines: [line('20610')] }],
      [{ id: 'A', lines: [{ ...line('20610'), ...rendering('1234567893') }, { ...line('20610'), ...rendering('1245319599') }] }],
    ] as WriterClaim[][];
    for (const claims of told) assert.deepEqual(repeats(claims, k).found, [], JSON.stringify(claims));
  });

  it('a code without an MUE row, or with an MUE of 0, is not looked at (no table: no check)', () => {
    const zero = knowledgeWith([{ code: '20610', value: 0, mai: 2 }]);
    assert.deepEqual(repeats([{ id: 'A', lines: [line('99999'), line('99999')] }], k).found, []);
    const { found, all } = repeats([{ id: 'A', lines: [line('20610'), line('20610')] }], zero);
    assert.deepEqual(found, []);
    assert.equal(all.filter((f) => f.rule === 'mue.not-payable').length, 2);
    assert.deepEqual(repeats([{ id: 'A', lines: [line('20610'), line('20610')] }], emptyKnowledge(false)).found, []);
  });

  it('CSV rows alike are repeats as X12 lines are', () => {
    const csv = 'Patient ID,Provider NPI,Date of Service,CPT,Modifier,Units\nP1,1234567893,2026-03-10,20610,RT,1\nP1,1234567893,2026-03-10,20610,RT,1\nP1,1234567893,2026-03-10,20610,LT,1\n';
    const found = analyze(csv, k).findings.filter((f) => f.rule === 'mue.line-repeated');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /^20610 is reported again .* with the same modifier \(RT\), as on line 2:/);
    assert.equal(found[0]!.span.start, csv.lastIndexOf('20610,RT'));
  });
});
