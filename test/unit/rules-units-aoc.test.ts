// The MUE and add-on code checks (issue 16) end to end through analyze(), and their fixes: each
// fix leaves a file that passes the structural checks and no longer has the finding it fixes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import type { Finding } from '../../server/src/core/model';
import { AocTable, type AocRow } from '../../server/src/core/rules/aoc';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables, type MueRow } from '../../server/src/core/rules/mue';
import { writeX12, type WriterClaim, type WriterLine } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledgeWith(mue: Partial<MueRow>[], aoc: Partial<AocRow>[] = []): Knowledge {
  const tables = emptyMueTables();
  for (const row of mue) {
    const kind = row.kind ?? 'practitioner';
    tables[kind].add({ code: '97110', value: 4, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind, ...row });
  }
  const addOns = new AocTable();
  for (const row of aoc) {
    addOns.add({ addOn: '11045', primary: '11042', type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt', ...row });
  }
  return { ...emptyKnowledge(false), mue: tables, aoc: addOns };
}

function line(code: string, units: string, charge = '100.00', date = DAY): WriterLine {
  return { code, units, charge, date };
}

function check(claims: WriterClaim[], knowledge: Knowledge) {
  const { text } = writeX12(claims, { lineEnding: '\n' });
  const analysis = analyze(text, knowledge);
  return { text, analysis, coding: analysis.findings.filter((f) => f.rule.startsWith('mue.') || f.rule.startsWith('aoc.')) };
}

function structural(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.rule.startsWith('x12.')).map((f) => `${f.rule}: ${f.message}`);
}

describe('MUE check', () => {
  it('the lines summed are listed by claim: "claim 1, service lines 1 and 2, and this one"', () => {
    const k = knowledgeWith([{ code: '97110', value: 4, mai: 2 }]);
    const { coding } = check([{ id: 'A', lines: [line('97110', '2'), line('97110', '2')] }, { id: 'B', lines: [line('97110', '1', '50.00')] }], k);
    assert.match(coding[0]!.message, /5 units of 97110 are reported for this patient and provider on 03\/10\/2026, over 3 lines \(claim 1, service lines 1 and 2, and this one\)/);
  });

  it('MAI 2 sums a code across lines and claims of one patient and provider on one date', () => {
    const k = knowledgeWith([{ code: '97110', value: 4, mai: 2 }]);
    const { coding, text } = check([{ id: 'A', lines: [line('97110', '3')] }, { id: 'B', lines: [line('97110', '2', '50.00')] }], k);
    assert.deepEqual(coding.map((f) => [f.rule, f.severity]), [['mue.exceeded', 'error']]);
    const finding = coding[0]!;
    assert.match(finding.message, /^97110 is over its MUE of 4 \(practitioner table, MAI 2/);
    assert.match(finding.message, /5 units of 97110 are reported for this patient and provider on 03\/10\/2026, over 2 lines \(claim 1, service line 1 and this one\)/);
    assert.equal(text.slice(finding.span.start, finding.span.end), '2', 'on the units of the last line');
    assert.equal(finding.related?.length, 1);
    assert.equal(text.slice(finding.related![0]!.span.start, finding.related![0]!.span.end), '3');
  });

  it('MAI 2 and 3 across claims: the later claim is judged against the units already paid (a coder\'s review: "every line is denied" overstated it)', () => {
    for (const mai of [2, 3] as const) {
      const k = knowledgeWith([{ code: '97110', value: 4, mai }]);
      const across = check([{ id: 'A', lines: [line('97110', '3')] }, { id: 'B', lines: [line('97110', '2', '50.00')] }], k).coding[0]!;
      assert.match(across.message, /The payer judges the later claim against the units it already paid for the day: its lines of 97110 are denied whole, /, `MAI ${mai}`);
      assert.doesNotMatch(across.message, /Every line of 97110 on the day/);
      // Within one claim every line of the day is denied.
      const within = check([{ id: 'A', lines: [line('97110', '3'), line('97110', '2', '50.00')] }], k).coding[0]!;
      assert.match(within.message, /Every line of 97110 on the day is denied whole/, `MAI ${mai}`);
      // The earlier claim over the MUE on its own is denied itself: nothing paid to judge the later one against (the re-review's case).
      const earlierOver = check([{ id: 'A', lines: [line('97110', '5')] }, { id: 'B', lines: [line('97110', '1', '50.00')] }], k).coding[0]!;
      assert.doesNotMatch(earlierOver.message, /already paid/, `MAI ${mai}`);
      assert.match(earlierOver.message, /Every line of 97110 on the day is denied whole/, `MAI ${mai}`);
    }
  });

  it('MAI 2: other patients, providers and dates are counted apart', () => {
    const k = knowledgeWith([{ code: '97110', value: 4, mai: 2 }]);
    assert.deepEqual(check([{ id: 'A', lines: [line('97110', '3')] }, { id: 'B', subscriberId: 'OTHER', lines: [line('97110', '2')] }], k).coding, []);
    assert.deepEqual(check([{ id: 'A', lines: [line('97110', '3'), line('97110', '2', '100.00', { from: 20260311, to: 20260311 })] }], k).coding, []);
    assert.deepEqual(check([{ id: 'A', lines: [line('97110', '4')] }], k).coding, [], 'at the value is not over it');
  });

  it('MAI 1 judges each line alone; MAI 3 is an error too (denied on processing, appealed after); value 0 is not payable', () => {
    const one = knowledgeWith([{ code: '97110', value: 4, mai: 1 }]);
    // 3 + 3 on lines told apart (59 on the second): each line is within 4.
    assert.deepEqual(check([{ id: 'A', lines: [line('97110', '3'), { ...line('97110', '3'), modifiers: ['59'] }] }], one).coding, []);
    // The same lines told apart by nothing: no line over 4 either, but the split is said (repeatedLines.ts).
    assert.deepEqual(check([{ id: 'A', lines: [line('97110', '3'), line('97110', '3')] }], one).coding.map((f) => [f.rule, f.severity]), [['mue.line-repeated', 'warning']]);
    assert.deepEqual(check([{ id: 'A', lines: [line('97110', '5')] }], one).coding.map((f) => [f.rule, f.severity]), [['mue.exceeded', 'error']]);
    const three = knowledgeWith([{ code: '97110', value: 4, mai: 3 }]);
    assert.deepEqual(check([{ id: 'A', lines: [line('97110', '5')] }], three).coding.map((f) => [f.rule, f.severity]), [['mue.exceeded', 'error']]);
    const zero = knowledgeWith([{ code: '97110', value: 0, mai: 2 }]);
    assert.deepEqual(check([{ id: 'A', lines: [line('97110', '1')] }], zero).coding.map((f) => [f.rule, f.severity]), [['mue.not-payable', 'error']]);
  });

  it('a date range counts its units per day, rounded up', () => {
    const k = knowledgeWith([{ code: '97110', value: 2, mai: 2 }]);
    const range = { from: 20260310, to: 20260312 };
    assert.deepEqual(check([{ id: 'A', lines: [line('97110', '6', '100.00', range)] }], k).coding, [], '6 units over 3 days is 2 a day');
    assert.equal(check([{ id: 'A', lines: [line('97110', '7', '100.00', range)] }], k).coding.length, 1, '7 over 3 days is 3 a day');
  });

  it('MAI 2 with a line over a date range in the day\'s sum: no units fix, whichever line comes last', () => {
    // Found by a user: with the range line first, fix removed the other line; with it last, nothing.
    const k = knowledgeWith([{ code: '97110', value: 2, mai: 2 }]);
    const range = { from: 20260309, to: 20260311 };
    for (const order of [[line('97110', '6', '100.00', range), line('97110', '2')], [line('97110', '2'), line('97110', '6', '100.00', range)]]) {
      const { text, analysis, coding } = check([{ id: 'A', lines: order }], k);
      assert.deepEqual(coding.map((f) => f.rule), ['mue.exceeded']);
      assert.equal(fixAll(text, analysis.doc, analysis.findings), null);
      assert.ok(!fixesFor(text, analysis.doc, coding[0]!).some((fix) => fix.title.startsWith('Lower') || fix.title.startsWith('Set')));
    }
  });

  it('an 837I uses the outpatient hospital MUE table', () => {
    const k = knowledgeWith([{ code: '97110', value: 9, mai: 2 }, { code: '97110', value: 1, mai: 2, kind: 'hospital' }]);
    const { text } = writeX12([{ id: 'A', lines: [{ ...line('97110', '2'), revenueCode: '0420' }] }], { kind: 'institutional', lineEnding: '\n' });
    const findings = analyze(text, k).findings.filter((f) => f.rule.startsWith('mue.'));
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /hospital table/);
  });

  it('a missing unit count is its own finding and counts as 1', () => {
    const k = knowledgeWith([{ code: '97110', value: 4, mai: 2 }]);
    const { coding } = check([{ id: 'A', lines: [line('97110', '')] }], k);
    assert.deepEqual(coding.map((f) => f.rule), ['mue.units-unknown']);
  });
});

describe('MUE fixes', () => {
  it('MAI 2: lowers the last lines to the value, keeping the charge per unit and CLM02', () => {
    const k = knowledgeWith([{ code: '97110', value: 4, mai: 2 }]);
    const { text, analysis, coding } = check([{ id: 'A', lines: [line('97110', '3', '90.00'), line('99213', '1', '75.00'), line('97110', '2', '60.00')] }], k);
    const [setUnits, remove] = fixesFor(text, analysis.doc, coding[0]!);
    assert.equal(setUnits?.title, 'Lower the units of 97110 to its MUE of 4 for the day');
    const fixed = applyEdits(text, setUnits!.edits);
    assert.match(fixed, /SV1\*HC:97110\*30\.00\*UN\*1\*/, 'the last line keeps 30.00 a unit');
    assert.match(fixed, /CLM\*A\*195\.00\*/, 'CLM02 lowered by the 30.00 taken off');
    const after = analyze(fixed, k);
    assert.deepEqual(structural(after.findings), []);
    assert.deepEqual(after.findings.filter((f) => f.rule.startsWith('mue.')), []);
    assert.match(remove!.title, /^Remove service line 3 \(97110 over its MUE\)$/);
    const removed = analyze(applyEdits(text, remove!.edits), k);
    assert.deepEqual(structural(removed.findings), []);
    assert.deepEqual(removed.findings.filter((f) => f.rule.startsWith('mue.')), []);
  });

  it('MAI 2: a line brought to no units is removed', () => {
    const k = knowledgeWith([{ code: '97110', value: 3, mai: 2 }]);
    const { text, analysis, coding } = check([{ id: 'A', lines: [line('97110', '3'), line('97110', '2', '40.00'), line('99213', '1')] }], k);
    const fixed = applyEdits(text, fixesFor(text, analysis.doc, coding[0]!)[0]!.edits);
    const after = analyze(fixed, k);
    assert.deepEqual(after.doc.claims[0]!.lines.map((l) => [l.code, l.units]), [['97110', 3], ['99213', 1]]);
    assert.deepEqual(structural(after.findings), []);
  });

  it('MAI 1 sets the line to its value; MAI 3 offers no fix', () => {
    const one = knowledgeWith([{ code: '97110', value: 4, mai: 1 }]);
    const a = check([{ id: 'A', lines: [line('97110', '6', '60.00')] }], one);
    const [fix] = fixesFor(a.text, a.analysis.doc, a.coding[0]!);
    assert.equal(fix?.title, 'Set the units of 97110 to 4 (its MUE)');
    assert.match(applyEdits(a.text, fix!.edits), /SV1\*HC:97110\*40\.00\*UN\*4\*/);
    const three = knowledgeWith([{ code: '97110', value: 4, mai: 3 }]);
    const b = check([{ id: 'A', lines: [line('97110', '6')] }], three);
    assert.deepEqual(fixesFor(b.text, b.analysis.doc, b.coding[0]!), []);
  });
});

describe('add-on code check', () => {
  it('Type 1 without its primary is an error naming the primaries; with it, nothing', () => {
    const k = knowledgeWith([], [{ addOn: '11045', primary: '11042', type: 1 }, { addOn: '11045', primary: '11043', type: 1 }]);
    const missing = check([{ id: 'A', lines: [line('11045', '1')] }], k).coding;
    assert.deepEqual(missing.map((f) => [f.rule, f.severity]), [['aoc.primary-missing', 'error']]);
    assert.match(missing[0]!.message, /paid only with 11042, 11043/);
    assert.deepEqual(check([{ id: 'A', lines: [line('11042', '1'), line('11045', '1')] }], k).coding, []);
    assert.deepEqual(check([{ id: 'A', lines: [line('11042', '1')] }, { id: 'B', lines: [line('11045', '1')] }], k).coding, [], 'the primary on another claim of the patient');
    assert.equal(check([{ id: 'A', lines: [line('11042', '1', '1.00', { from: 20260309, to: 20260309 }), line('11045', '1')] }], k).coding.length, 1, 'another date');
  });

  it('Type 1 whose primary is billed on another date: the message names it, and fix-all leaves the line to a person', () => {
    const k = knowledgeWith([], [{ addOn: '99292', primary: '99291', type: 1 }]);
    const { text, analysis, coding } = check([{ id: 'A', lines: [line('99291', '1', '300.00', { from: 20260309, to: 20260309 }), line('99292', '1')] }], k);
    assert.equal(coding.length, 1);
    assert.match(coding[0]!.message, /^99292 is an add-on code \(AOC edit type 1\) billed without one of its primary procedures by the same provider on 03\/10\/2026, but its primary 99291 is billed on 03\/09\/2026\. If that is the same session, correct the date of service/);
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null, 'nothing certain to fix');
    assert.deepEqual(fixesFor(text, analysis.doc, coding[0]!).map((fix) => [fix.title, fix.isPreferred]), [['Remove service line 2 (add-on code 99292; its primary is billed on another date)', false]], 'the removal is still offered for the person to choose, not preferred');
  });

  it('Type 1 whose primary is billed the same day by another rendering provider: the message says so, and fix-all leaves the line to a person', () => {
    // Found in a coder's review: fix deleted the add-on, though one line's rendering NPI written wrong is the usual cause.
    const k = knowledgeWith([], [{ addOn: '64484', primary: '64483', type: 1 }]);
    const written = writeX12([{ id: 'A', lines: [line('64483', '1', '500.00'), line('64484', '1', '300.00')] }], { lineEnding: '\n' }).text;
    const rendering = (code: string, npi: string) => (text: string) => text.replace(new RegExp(`(SV1\\*HC:${code}\\*[^~]*~\n(?:DTP\\*[^~]*~\n)?)`), `$1NM1*82*1*DOE*ANN****XX*${npi}~\n`);
    const text = rendering('64484', '2222222228')(rendering('64483', '1111111112')(written)).replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 2}*`);
    assert.equal((text.match(/NM1\*82\*/g) ?? []).length, 2, 'the premise: each line names its rendering provider');
    const analysis = analyze(text, k);
    assert.deepEqual(structural(analysis.findings), []);
    const coding = analysis.findings.filter((f) => f.rule.startsWith('aoc.'));
    assert.equal(coding.length, 1);
    assert.match(coding[0]!.message, /^64484 is an add-on code \(AOC edit type 1\) billed without one of its primary procedures by the same provider on 03\/10\/2026, but its primary 64483 is billed that day by another provider\. An add-on is paid only to the provider who performed the primary: if one provider performed both, correct the rendering provider of one line/);
    assert.equal(coding[0]!.data?.kind === 'aoc' && coding[0]!.data.primaryByAnotherProvider, true);
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null, 'nothing certain to fix');
    // Offered for the person to choose, not preferred (an editor's auto-fix takes a preferred fix), and titled for what it is.
    const removals = fixesFor(text, analysis.doc, coding[0]!);
    assert.deepEqual(removals.map((fix) => [fix.title, fix.isPreferred]), [['Remove service line 2 (add-on code 64484; its primary is billed by another provider)', false]]);
    // The same provider on both lines: the primary is there, nothing is found.
    assert.deepEqual(analyze(text.replace('2222222228', '1111111112'), k).findings.filter((f) => f.rule.startsWith('aoc.')), []);
  });

  it('fix-all\'s title says every reason it leaves findings, in one parenthesis', () => {
    const k = knowledgeWith([], [{ addOn: '99292', primary: '99291', type: 1 }, { addOn: '11045', primary: '11042', type: 1 }, { addOn: '64484', primary: '64483', type: 1 }]);
    const written = writeX12([
      { id: 'A', lines: [line('99291', '1', '300.00', { from: 20260309, to: 20260309 }), line('99292', '1')] },
      { id: 'B', lines: [line('99213', '1'), line('11045', '1')] },
      { id: 'C', lines: [line('64483', '1', '500.00'), line('64484', '1', '300.00')] },
    ], { lineEnding: '\n' }).text;
    const rendering = (code: string, npi: string) => (text: string) => text.replace(new RegExp(`(SV1\\*HC:${code}\\*[^~]*~\n(?:DTP\\*[^~]*~\n)?)`), `$1NM1*82*1*DOE*ANN****XX*${npi}~\n`);
    const text = rendering('64484', '2222222228')(rendering('64483', '1111111112')(written)).replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 2}*`);
    const analysis = analyze(text, k);
    const all = fixAll(text, analysis.doc, analysis.findings)!;
    assert.equal(
      all.title,
      "Remove 1 service line (1 finding is left for a person: an add-on code's primary is billed on another date, so the date of service may be what is wrong, not the line; 1 finding is left for a person: an add-on code's primary is billed the same day by another provider, so a line's rendering provider may be what is wrong, not the line)",
    );
  });

  it('an add-on code of many primaries: the message names ten and counts the rest, `codes` holds them all (a report\'s reader gets every one)', () => {
    const primaries = Array.from({ length: 14 }, (_, i) => String(22600 + i));
    const k = knowledgeWith([], primaries.map((primary) => ({ addOn: '22614', primary, type: 1 as const })));
    const [finding, ...more] = check([{ id: 'A', lines: [line('22614', '1')] }], k).coding;
    assert.ok(finding);
    assert.equal(more.length, 0);
    assert.match(finding.message, new RegExp(`it is paid only with ${primaries.slice(0, 10).join(', ')} and 4 more\\.`));
    assert.deepEqual(finding.codes, ['22614', ...primaries]);
  });

  it('Type 2 and 3 are information; a primary outside its dates does not count', () => {
    const two = knowledgeWith([], [{ addOn: '99292', primary: null, type: 2 }]);
    assert.deepEqual(check([{ id: 'A', lines: [line('99292', '1')] }], two).coding.map((f) => [f.rule, f.severity]), [['aoc.primary-missing', 'information']]);
    assert.deepEqual(check([{ id: 'A', lines: [line('99291', '1'), line('99292', '1')] }], two).coding, []);
    const three = knowledgeWith([], [{ addOn: '22552', primary: '22551', type: 3 }]);
    const finding = check([{ id: 'A', lines: [line('22552', '1'), line('99213', '1')] }], three).coding;
    assert.deepEqual(finding.map((f) => f.severity), ['information']);
    assert.match(finding[0]!.message, /22551/);
    const ended = knowledgeWith([], [{ addOn: '11045', primary: '11042', type: 1, primaryDeletion: 20251231 }]);
    assert.equal(check([{ id: 'A', lines: [line('11042', '1'), line('11045', '1')] }], ended).coding.length, 1);
  });

  it('fix-all removes Type 1 add-on lines and lowers MAI 2 units, and leaves the rest', () => {
    const k = knowledgeWith([{ code: '97110', value: 2, mai: 2 }, { code: '97112', value: 1, mai: 3 }], [{ addOn: '11045', primary: '11042', type: 1 }]);
    const { text, analysis } = check([{ id: 'A', lines: [line('11045', '1'), line('97110', '3', '90.00'), line('97112', '2')] }], k);
    const all = fixAll(text, analysis.doc, analysis.findings)!;
    assert.equal(all.title, 'Remove 1 service line and lower the units of 1 line to their MUE');
    const after = analyze(applyEdits(text, all.edits), k);
    assert.deepEqual(structural(after.findings), []);
    assert.deepEqual(after.findings.filter((f) => f.rule.startsWith('mue.') || f.rule.startsWith('aoc.')).map((f) => f.rule), ['mue.exceeded'], 'the MAI 3 error is left for a person');
  });
});

describe('MUE and AOC fixes, property', () => {
  const lineArb = fc.record({
    code: fc.constantFrom('97110', '11045', '11042', '99213'),
    units: fc.integer({ min: 1, max: 6 }),
    day: fc.constantFrom(20260310, 20260311),
  });
  const k = knowledgeWith([{ code: '97110', value: 3, mai: 2 }, { code: '99213', value: 1, mai: 1 }], [{ addOn: '11045', primary: '11042', type: 1 }]);

  // The findings fix-all resolves for certain: MAI 2, and Type 1 but where a primary is billed on
  // another date (the date may be what is wrong: left to a person, fixesAll.ts OTHER_DATE_REASON).
  const certain = (f: Finding) => (f.data?.kind === 'mue' && f.data.mai === 2) || (f.data?.kind === 'aoc' && f.data.type === 1 && !f.data.primaryOnAnotherDate && !f.data.primaryByAnotherProvider);

  it('after fix-all no MAI 2 or Type 1 finding is left (but those whose primary is on another date), the file is still valid, and lines it does not name are untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.array(lineArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }), (claims) => {
        const written: WriterClaim[] = claims.map((lines, c) => ({
          id: `C${c}`,
          lines: lines.map((l) => ({ code: l.code, units: String(l.units), charge: `${l.units * 10}.00`, date: { from: l.day, to: l.day } })),
        }));
        const { text, analysis } = check(written, k);
        const all = fixAll(text, analysis.doc, analysis.findings);
        if (all === null) {
          assert.ok(!analysis.findings.some(certain));
          return;
        }
        const fixed = applyEdits(text, all.edits);
        const after = analyze(fixed, k);
        assert.deepEqual(structural(after.findings), []);
        assert.ok(!after.findings.some(certain), JSON.stringify(after.findings.map((f) => f.message)));
        // Lines no fix names keep their code, units and charge (in order).
        const named = new Set<string>();
        for (const f of all.findings) {
          if (f.data?.kind === 'mue') for (const ref of f.data.lines) named.add(`${ref.claimIndex}:${ref.lineIndex}`);
          if (f.data?.kind === 'aoc') named.add(`${f.data.line.claimIndex}:${f.data.line.lineIndex}`);
        }
        const untouched = (doc: typeof analysis.doc, skip: Set<string> | null) =>
          doc.claims.flatMap((claim) => claim.lines.filter((l) => skip === null || !skip.has(`${claim.index}:${l.index}`)).map((l) => `${claim.id}:${l.code}:${l.units}:${l.chargeText}`));
        const kept = untouched(analysis.doc, named);
        const afterLines = untouched(after.doc, null);
        for (const line of kept) assert.ok(afterLines.includes(line), `${line} kept`);
      }),
      { numRuns: 200 },
    );
  });
});
