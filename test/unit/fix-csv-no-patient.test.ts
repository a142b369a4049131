// Found by a user: a CSV whose patient column had a name Claimlint did not know ("Pt ID") was read
// as one patient, so two patients' rows made a PTP conflict, and `fix` removed the second
// patient's line. The common abbreviations are known now (csv/columns.ts); and in a CSV that names
// no patient at all (csv.no-patient-column), fix-all and `fix` leave every PTP and add-on pair to a
// person: which rows are one patient's is a guess. The quick fix of one finding is still offered
// (the person decides). Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixAll } from '../../server/src/core/fixesAll';
import { fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge, loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerMueCsv } from './helpers/ncci-tables';

const knowledge = emptyKnowledge(true);

describe('a CSV that names no patient: fix-all removes no line of a pair', () => {
  const text = 'CPT Code,DOS,Units,Charge\n43214,10/15/2026,1,1500\n43200,10/15/2026,1,400\n';

  it('the conflict is reported, and fix-all offers nothing', () => {
    const analysis = analyze(text, knowledge);
    assert.deepEqual(analysis.findings.map((f) => f.rule).sort(), ['csv.no-patient-column', 'ptp.conflict']);
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null);
  });

  it('the finding\'s own quick fix is still offered', () => {
    const analysis = analyze(text, knowledge);
    const finding = analysis.findings.find((f) => f.rule === 'ptp.conflict')!;
    assert.ok(fixesFor(text, analysis.doc, finding).some((fix) => fix.title.startsWith('Remove')));
  });

  it('beside a fix it does make (units over an MAI 2 MUE need no patient), its title says why the pair is left', () => {
    const mue = practitionerMueCsv(['36415,1,2,Policy']);
    const withMue = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], mueFiles: ['MCR_MUE_PractitionerServices.csv'], readFile: () => mue });
    const withUnits = `${text}36415,10/15/2026,3,30\n`;
    const analysis = analyze(withUnits, withMue);
    const fix = fixAll(withUnits, analysis.doc, analysis.findings);
    assert.ok(fix);
    assert.match(fix.title, /^Lower the units of 1 line to their MUE \(1 finding is left for a person: the file names no patient \(no patient, member or claim id column\), so the lines paired or summed may be different patients' and removing or lowering one is a judgement\)$/);
    assert.deepEqual(fix.removes, []);
  });

  it('with a patient column (Pt ID), the pair is one patient\'s and fix-all removes the bundled line (control)', () => {
    const withPatient = 'Pt ID,CPT Code,DOS,Units,Charge\n1001,43214,10/15/2026,1,1500\n1001,43200,10/15/2026,1,400\n';
    const analysis = analyze(withPatient, knowledge);
    const fix = fixAll(withPatient, analysis.doc, analysis.findings);
    assert.ok(fix);
    assert.equal(fix.removes?.length, 1);
  });

  it('two patients by Pt ID: no conflict at all', () => {
    const two = 'Pt ID,Pt Name,DOS,CPT,Units,Charges\n1001,"Doe, Jane",10/15/2026,43214,1,1500.00\n1002,"Roe, Rich",10/15/2026,43200,1,400.00\n';
    assert.deepEqual(analyze(two, knowledge).findings.filter((f) => f.rule.startsWith('ptp.')), []);
  });
});
