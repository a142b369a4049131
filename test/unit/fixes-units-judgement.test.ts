// Found by a user trying `fix` on exports: units fixes that wrote nonsense.
// - A unit count of six or more digits (an id in the units' place, which the finding does not
//   show) was lowered to the MUE with its charge scaled down to 0.00, and a count of 17 digits
//   (past a double's precision) had its whole line removed. No fix lowers or removes for such a
//   count now, none is preferred, and the message asks for the units to be checked.
// - A CSV row with values past its header (csv.row-long: an unquoted "$1,000.00" read as $1) had
//   its units lowered and its misread charge scaled: no fix writes into such a row's cells.
// - In a CSV that names no patient, fix-all lowered the units of an MAI 2 day's sum over several
//   rows, which may be different patients' (as it already left PTP pairs).
// - An MUE message over thousands of lines listed every one of them.
// Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { fixAllPlanned, NONE_LEFT } from '../../server/src/core/fixesAll';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { LISTED_LINES } from '../../server/src/core/rules/lineLabels';
import type { Finding } from '../../server/src/core/model';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledge(mai: 1 | 2): Knowledge {
  const tables = emptyMueTables();
  tables.practitioner.add({ code: '97110', value: 4, mai, rationale: 'CMS Policy', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(false), mue: tables };
}

/**
 * The finding's units are left to a person: no quick fix lowers them, fix-all leaves the finding,
 * and removing its line is still offered. The quick fixes, for more checks.
 */
function assertUnitsLeft(text: string, analysis: ReturnType<typeof analyze>, finding: Finding) {
  const fixes = fixesFor(text, analysis.doc, finding);
  assert.deepEqual(fixes.filter((f) => /units/i.test(f.title)).map((f) => f.title), []);
  assert.ok(fixes.some((f) => f.title.startsWith('Remove')), 'removing the line is still offered');
  const all = fixAll(text, analysis.doc, analysis.findings);
  assert.ok(all === null || !all.findings.includes(finding), 'fix-all leaves it');
  // An MAI 2 finding is one fix-all would fix: its plan counts it as left for a person, by why
  // (what `claimlint fix` says of it); an MAI 1 finding is not fix-all's.
  const { left } = fixAllPlanned(text, analysis.doc, analysis.findings);
  const data = finding.data?.kind === 'mue' ? finding.data : null;
  if (data?.mai === 2) assert.equal(left.units + left.noPatient, 1, JSON.stringify(left));
  else assert.deepEqual(left, NONE_LEFT);
  return fixes;
}

function mueFinding(text: string, k: Knowledge) {
  const analysis = analyze(text, k);
  const finding = analysis.findings.find((f) => f.rule === 'mue.exceeded');
  assert.ok(finding, analysis.findings.map((f) => f.rule).join(', '));
  return { analysis, finding };
}

for (const mai of [1, 2] as const) {
  for (const units of ['123456', '99999999999999999']) {
    describe(`MAI ${mai}: a unit count of ${units.length} digits`, () => {
      const csv = `Claim ID,Patient ID,Date of Service,CPT,Units,Charge\nA6,P6,2026-03-10,97110,${units},100.00\nA6,P6,2026-03-10,99213,1,80.00\n`;
      const { text: x12 } = writeX12([{ id: 'A', lines: [{ code: '97110', units, charge: '100.00', date: DAY }, { code: '99213', units: '1', charge: '80.00', date: DAY }] }], { lineEnding: '\n' });

      for (const [format, text] of [['CSV', csv], ['837P', x12]] as const) {
        it(`${format}: no fix lowers the units, none is preferred, and fix-all leaves the line`, () => {
          const { analysis, finding } = mueFinding(text, knowledge(mai));
          const fixes = assertUnitsLeft(text, analysis, finding);
          assert.deepEqual(fixes.filter((f) => f.isPreferred).map((f) => f.title), []);
        });

        it(`${format}: the message asks for the units to be checked, not lowered`, () => {
          const { finding } = mueFinding(text, knowledge(mai));
          assert.match(finding.message, /Check the units written/);
          assert.doesNotMatch(finding.message, /lower the units|Report at most/);
          assert.ok(!finding.message.includes(units));
        });
      }
    });
  }
}

describe('a five-digit count is a count (control): lowered, its charge kept per unit', () => {
  it('MAI 2: 10000 units of 97110 become 4, the charge 100.00 becomes 0.04', () => {
    const text = 'Claim ID,Patient ID,Date of Service,CPT,Units,Charge\nA6,P6,2026-03-10,97110,10000,100.00\n';
    const { analysis, finding } = mueFinding(text, knowledge(2));
    const fix = fixesFor(text, analysis.doc, finding).find((f) => /units/i.test(f.title));
    assert.ok(fix?.isPreferred);
  });
});

describe('a CSV row with values past its header (csv.row-long)', () => {
  const text = 'Claim ID,Patient ID,Date of Service,CPT,Modifier,Units,Charge\nA11,P11,2026-03-10,97110,,6,$1,000.00\n';

  it('is reported, and gets no units fix, in fix-all or alone; removing it is still offered', () => {
    const { analysis, finding } = mueFinding(text, knowledge(2));
    assert.ok(analysis.findings.some((f) => f.rule === 'csv.row-long'));
    assertUnitsLeft(text, analysis, finding);
  });

  it('gets no modifier written into its cells', () => {
    const rowLong = 'Patient ID,Date of Service,CPT,Modifier,Charge\nP1,2026-03-10,43214,,900.00\nP1,2026-03-10,43239,,$1,000.00\n';
    const analysis = analyze(rowLong, emptyKnowledge(true));
    const line = analysis.doc.claims.flatMap((c) => c.lines).find((l) => l.code === '43239');
    assert.ok(line);
    assert.equal(line.modifierInsert, null);
    // The same row with its charge quoted has a cell for the modifier (control).
    const quoted = analyze(rowLong.replace('$1,000.00', '"$1,000.00"'), emptyKnowledge(true));
    assert.notEqual(quoted.doc.claims.flatMap((c) => c.lines).find((l) => l.code === '43239')?.modifierInsert, null);
  });

  it('the same row with its charge quoted is lowered (control)', () => {
    const quoted = text.replace('$1,000.00', '"$1,000.00"');
    const { analysis, finding } = mueFinding(quoted, knowledge(2));
    assert.ok(fixesFor(quoted, analysis.doc, finding).some((f) => /units/i.test(f.title)));
  });
});

describe('a CSV row with fewer cells than its header (csv.row-short): a cell may be missing from the middle', () => {
  it('its charge read as its units is not lowered into the charge cell; removing it is still offered', () => {
    // The modifier cell is missing: 6 is read as the modifier, 600.00 as the units.
    const text = 'Claim ID,Patient ID,Date of Service,CPT,Modifier,Units,Charge\nA1,P1,2026-03-10,97110,6,600.00\n';
    const { analysis, finding } = mueFinding(text, knowledge(2));
    assert.ok(analysis.findings.some((f) => f.rule === 'csv.row-short'));
    assertUnitsLeft(text, analysis, finding);
  });
});

describe('an MAI 2 day\'s sum with a shifted row among its lines', () => {
  it('lowers no line: the shifted row\'s units, and so the sum, are a guess', () => {
    // Row 1 has an unquoted comma in its description (3 units read as 1); row 2 is well formed.
    const text = 'Claim ID,Patient ID,Date of Service,CPT,Description,Units,Charge\nA1,P1,2026-03-10,97110,Ther,ex,3,300.00\nA1,P1,2026-03-10,97110,Ther ex,8,800.00\n';
    const { analysis, finding } = mueFinding(text, knowledge(2));
    assert.ok(analysis.findings.some((f) => f.rule === 'csv.row-long'));
    assertUnitsLeft(text, analysis, finding);
  });
});

describe('a CSV that names no patient: an MAI 2 sum over several rows is left to a person', () => {
  const text = 'Date of Service,CPT,Units,Charge\n03/10/2026,97110,3,300\n03/10/2026,97110,3,300\n';

  it('fix-all lowers nothing, and says why', () => {
    const { analysis, finding } = mueFinding(text, knowledge(2));
    assert.ok(analysis.findings.some((f) => f.rule === 'csv.no-patient-column'));
    const all = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(all === null || !all.findings.includes(finding));
  });

  it('the finding\'s own quick fix is still offered (the person decides)', () => {
    const { analysis, finding } = mueFinding(text, knowledge(2));
    assert.ok(fixesFor(text, analysis.doc, finding).some((f) => /units/i.test(f.title)));
  });

  it('one row over its MUE is that row\'s alone: fix-all lowers it (control)', () => {
    const one = 'Date of Service,CPT,Units,Charge\n03/10/2026,97110,6,600\n';
    const { analysis, finding } = mueFinding(one, knowledge(2));
    assert.ok(fixAll(one, analysis.doc, analysis.findings)?.findings.includes(finding));
  });
});

describe('an MUE sum over many lines names the first ones and counts the rest', () => {
  const rows = Array.from({ length: 40 }, () => 'A1,P1,2026-03-10,97110,1,10.00').join('\n');
  const text = `Claim ID,Patient ID,Date of Service,CPT,Units,Charge\n${rows}\n`;

  it(`lists ${LISTED_LINES - 1} lines, then "30 more lines", and keeps every line as related information`, () => {
    const { finding } = mueFinding(text, knowledge(2));
    assert.match(finding.message, /over 40 lines \(lines 2, 3, 4, 5, 6, 7, 8, 9, 10; 30 more lines, and this one\)/);
    assert.equal(finding.related?.length, 39);
  });

  it(`${LISTED_LINES} lines are listed whole (control)`, () => {
    const few = `Claim ID,Patient ID,Date of Service,CPT,Units,Charge\n${rows.split('\n').slice(0, LISTED_LINES + 1).join('\n')}\n`;
    const { finding } = mueFinding(few, knowledge(2));
    assert.match(finding.message, /over 11 lines \(lines 2, 3, 4, 5, 6, 7, 8, 9, 10 and 11, and this one\)/);
  });
});

describe('a large day\'s sum of ordinary counts is a sum, not an id', () => {
  it('30 lines of 4000 units over an MUE of 5000: the sum is shown, the advice is to lower, and the units fix is preferred', () => {
    const tables = emptyMueTables();
    tables.practitioner.add({ code: 'J1642', value: 5000, mai: 2, rationale: 'Policy', source: 'mue.csv', kind: 'practitioner' });
    const k = { ...emptyKnowledge(false), mue: tables };
    const rows = Array.from({ length: 30 }, () => 'A1,P1,2026-03-10,J1642,4000,40.00').join('\n');
    const text = `Claim ID,Patient ID,Date of Service,HCPCS,Units,Charge\n${rows}\n`;
    const { analysis, finding } = mueFinding(text, k);
    assert.match(finding.message, /120000 units of J1642 are reported/);
    assert.match(finding.message, /lower the units to 5000/);
    assert.doesNotMatch(finding.message, /may be an id|Check the units/);
    assert.ok(fixesFor(text, analysis.doc, finding).some((f) => f.isPreferred && /units/i.test(f.title)));
  });
});
