// Found in review: exports made to be opened in Excel write text cells as formulas, ="00100", so
// Excel keeps the leading zeros. The claim id and patient cells are grouped by that text, but the
// procedure code cell was taken as written: ="43214" was "not a well-formed procedure code" and the
// pair was missed. The code (and the date, units and charge) is now read inside the formula, its
// span on the code's characters (csv/excelText.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { addModifierEdit, fixAll } from '../../server/src/core/fixes';
import { applyEdits } from '../../server/src/core/edits';
import { looksLikeClaimCsv, parseCsv } from '../../server/src/core/csv/index';

describe('CSV cells written as Excel text formulas (="…")', () => {
  it('a procedure code written ="43200" is read as 43200, and its conflict is found on it', () => {
    const text = 'Claim,Patient,DOS,CPT,Units\n="00123",="000456",03/12/2026,="43214",1\n="00123",="000456",03/12/2026,="43200",1\n';
    const analysis = analyze(text, emptyKnowledge());
    assert.deepEqual(analysis.doc.claims.flatMap((c) => c.lines.map((l) => l.code)), ['43214', '43200']);
    const rules = analysis.findings.map((f) => f.rule);
    assert.deepEqual(rules, ['ptp.conflict']);
    const f = analysis.findings[0]!;
    assert.equal(text.slice(f.span.start, f.span.end), '43200');
  });
});

describe('CSV Excel text formulas in other cells', () => {
  it('quoted ("=""43200"""), the code is read on its characters', () => {
    const text = 'Claim,DOS,CPT\n1,03/12/2026,"=""43214"""\n1,03/12/2026,"=""43200"""\n';
    const analysis = analyze(text, emptyKnowledge());
    assert.deepEqual(analysis.doc.claims.flatMap((c) => c.lines.map((l) => l.code)), ['43214', '43200']);
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['ptp.conflict']);
    assert.equal(text.slice(analysis.findings[0]!.span.start, analysis.findings[0]!.span.end), '43200');
  });

  it('the date, units and charge are read inside the formula, and the units fix writes inside it', () => {
    const tables = emptyMueTables();
    tables.practitioner.add({ code: '97110', value: 4, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
    const text = 'Claim,DOS,CPT,Units,Charge\n="1",="03/12/2026",="97110",="6",="600.00"\n';
    const analysis = analyze(text, { ...emptyKnowledge(), mue: tables });
    const line = analysis.doc.claims[0]!.lines[0]!;
    assert.deepEqual([line.dateOfService?.from, line.units, line.charge], [20260312, 6, 600]);
    assert.equal(text.slice(line.dateSpan!.start, line.dateSpan!.end), '03/12/2026');
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['mue.exceeded']);
    const fix = fixAll(text, analysis.doc, analysis.findings)!;
    assert.equal(applyEdits(text, fix.edits), 'Claim,DOS,CPT,Units,Charge\n="1",="03/12/2026",="97110",="4",="400.00"\n');
  });

  it('a modifier is added inside the formula of the modifiers cell or of a code written with its modifiers', () => {
    const cases: [string, string][] = [
      ['Claim,DOS,CPT,Modifiers\n1,03/12/2026,="43200",="59"\n', 'Claim,DOS,CPT,Modifiers\n1,03/12/2026,="43200",="59 XS"\n'],
      ['Claim,DOS,CPT,Modifiers\n1,03/12/2026,="43200",=""\n', 'Claim,DOS,CPT,Modifiers\n1,03/12/2026,="43200",="XS"\n'],
      ['Claim,DOS,CPT\n1,03/12/2026,="43200-59"\n', 'Claim,DOS,CPT\n1,03/12/2026,="43200-59-XS"\n'],
    ];
    for (const [text, expected] of cases) {
      const line = parseCsv(text).claims[0]!.lines[0]!;
      assert.equal(line.code, '43200', text);
      const edit = addModifierEdit(text, line, 'XS')!;
      assert.equal(applyEdits(text, [edit]), expected);
    }
  });

  it('an empty formula (="") is an empty cell; a formula with more around it is read as written', () => {
    const doc = parseCsv('Claim,DOS,CPT,Units\n1,="",="",=""\n1,03/12/2026,="43200"&"",1\n');
    assert.deepEqual(doc.findings.map((f) => f.rule), ['csv.procedure-code-invalid', 'csv.procedure-code-invalid']);
    assert.match(doc.findings[0]!.message, /is empty/);
    assert.match(doc.findings[1]!.message, /not a well-formed procedure code/);
    assert.equal(doc.claims[0]!.lines[0]!.units, null);
  });

  it('a generic "Code" column is confirmed by codes written as formulas', () => {
    assert.ok(looksLikeClaimCsv('Claim,Code\n1,="43214"\n'));
  });
});
