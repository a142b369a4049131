// Removing every line of a claim removes the claim, and the HL loop that held only that claim,
// with the later HL numbers and parent numbers moved down (x12Loops.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { editLines, fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const HEAD = [
  'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *261101*0930*^*00501*000000101*0*T*:~',
  'GS*HC*SUBMITTER*RECEIVER*20261101*0930*1*X*005010X222A1~',
  'ST*837*0001*005010X222A1~',
  'BHT*0019*00*B1*20261101*0930*CH~',
  'HL*1**20*1~',
  'NM1*85*2*CLINIC*****XX*1999999984~',
];

function claim(id: string, code: string): string[] {
  return [`CLM*${id}*10.00***11:B:1*Y*A*Y*Y~`, 'HI*ABK:R69~', 'LX*1~', `SV1*HC:${code}*10.00*UN*1***1~`, 'DTP*472*D8*20261015~'];
}

function subscriber(hl: number, parent: number, children: boolean, member: string): string[] {
  // The subscriber's address and demographics, which its own claims (as their patient) require.
  return [`HL*${hl}*${parent}*22*${children ? 1 : 0}~`, 'SBR*P*18*******CI~', `NM1*IL*1*DOE*A****MI*${member}~`, 'N3*2 ELM ST~', 'N4*SPRINGFIELD*IL*000000000~', 'DMG*D8*19800101*F~'];
}

function patient(hl: number, parent: number): string[] {
  return [`HL*${hl}*${parent}*23*0~`, 'PAT*19~', 'NM1*QC*1*DOE*B~'];
}

function file(body: string[]): string {
  const segments = [...HEAD, ...body];
  const count = segments.length - 2 + 1; // from ST through SE
  return [...segments, `SE*${count}*0001~`, 'GE*1*1~', 'IEA*1*000000101~'].join('\n') + '\n';
}

function removeLineOfClaim(text: string, claimIndex: number): string {
  const { doc } = analyze(text, emptyKnowledge(false));
  return applyEdits(text, editLines(text, doc, { remove: [{ claimIndex, lineIndex: 0 }] }));
}

describe('removing the last line of a claim', () => {
  it('removes the subscriber loop that held only that claim, and numbers the later HLs down', () => {
    const text = file([...subscriber(2, 1, false, 'M1'), ...claim('A', '99213'), ...subscriber(3, 1, true, 'M2'), ...patient(4, 3), ...claim('B', '99214')]);
    const fixed = removeLineOfClaim(text, 0);
    assert.equal(fixed, file([...subscriber(2, 1, true, 'M2'), ...patient(3, 2), ...claim('B', '99214')]));
    assert.deepEqual(analyze(fixed, emptyKnowledge(false)).findings.map((f) => f.rule), []);
  });

  it('keeps the HL when it holds another claim, or levels below it', () => {
    const two = file([...subscriber(2, 1, false, 'M1'), ...claim('A', '99213'), ...claim('B', '99214')]);
    assert.equal(removeLineOfClaim(two, 0), file([...subscriber(2, 1, false, 'M1'), ...claim('B', '99214')]));
    assert.equal(removeLineOfClaim(two, 1), file([...subscriber(2, 1, false, 'M1'), ...claim('A', '99213')]));
    // A subscriber's own claim before its dependant's loop: the subscriber HL has a child, so it stays.
    const parent = file([...subscriber(2, 1, true, 'M1'), ...claim('A', '99213'), ...patient(3, 2), ...claim('B', '99214')]);
    assert.equal(removeLineOfClaim(parent, 0), file([...subscriber(2, 1, true, 'M1'), ...patient(3, 2), ...claim('B', '99214')]));
  });

  it('removes a patient loop that held only that claim, and the claims of several loops at once', () => {
    const text = file([...subscriber(2, 1, true, 'M1'), ...patient(3, 2), ...claim('A', '99213'), ...patient(4, 2), ...claim('B', '99214'), ...subscriber(5, 1, false, 'M2'), ...claim('C', '99215')]);
    assert.equal(removeLineOfClaim(text, 0), file([...subscriber(2, 1, true, 'M1'), ...patient(3, 2), ...claim('B', '99214'), ...subscriber(4, 1, false, 'M2'), ...claim('C', '99215')]));
    const { doc } = analyze(text, emptyKnowledge(false));
    const both = applyEdits(text, editLines(text, doc, { remove: [{ claimIndex: 0, lineIndex: 0 }, { claimIndex: 2, lineIndex: 0 }] }));
    assert.equal(both, file([...subscriber(2, 1, true, 'M1'), ...patient(3, 2), ...claim('B', '99214')]));
  });

  it('climbs: a subscriber whose only dependant loop goes, with no claim of its own, goes too', () => {
    const text = file([...subscriber(2, 1, true, 'M1'), ...patient(3, 2), ...claim('A', '99213'), ...subscriber(4, 1, false, 'M2'), ...claim('B', '99214')]);
    assert.equal(removeLineOfClaim(text, 0), file([...subscriber(2, 1, false, 'M2'), ...claim('B', '99214')]));
  });

  it('a subscriber that keeps its own claim but loses its only dependant says so in HL04', () => {
    const text = file([...subscriber(2, 1, true, 'M1'), ...claim('A', '99213'), ...patient(3, 2), ...claim('B', '99214')]);
    const fixed = removeLineOfClaim(text, 1);
    assert.equal(fixed, file([...subscriber(2, 1, false, 'M1'), ...claim('A', '99213')]));
    assert.deepEqual(analyze(fixed, emptyKnowledge(false)).findings.map((f) => f.rule), []);
  });
});

// Envelopes: a file of interchanges, each of groups, each of transaction sets of claim bodies.
function set(control: string, body: string[]): string[] {
  const segments = [`ST*837*${control}*005010X222A1~`, 'BHT*0019*00*B1*20261101*0930*CH~', 'HL*1**20*1~', 'NM1*85*2*CLINIC*****XX*1999999984~', ...body];
  return [...segments, `SE*${segments.length + 1}*${control}~`];
}

function group(control: string, sets: string[][]): string[] {
  return [`GS*HC*SUBMITTER*RECEIVER*20261101*0930*${control}*X*005010X222A1~`, ...sets.flat(), `GE*${sets.length}*${control}~`];
}

function interchange(groups: string[][]): string {
  const isa = 'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *261101*0930*^*00501*000000101*0*T*:~';
  return [isa, ...groups.flat(), `IEA*${groups.length}*000000101~`].join('\n') + '\n';
}

describe('removing the last claim of a transaction set or group', () => {
  const a = [...subscriber(2, 1, false, 'M1'), ...claim('A', '99213')];
  const b = [...subscriber(2, 1, false, 'M2'), ...claim('B', '99214')];
  const c = [...subscriber(2, 1, false, 'M3'), ...claim('C', '99215')];

  it('removes the set whole and lowers GE01, so no set is left without a billing provider loop', () => {
    const text = interchange([group('1', [set('0001', a), set('0002', b), set('0003', c)])]);
    assert.equal(removeLineOfClaim(text, 1), interchange([group('1', [set('0001', a), set('0003', c)])]));
  });

  it('removes a group whose every set goes, and lowers IEA01', () => {
    const text = interchange([group('1', [set('0001', a)]), group('2', [set('0001', b)])]);
    const fixed = removeLineOfClaim(text, 1);
    assert.equal(fixed, interchange([group('1', [set('0001', a)])]));
  });

  it('keeps the last set of a group and the last group of an interchange, emptied of their claims as before', () => {
    const text = interchange([group('1', [set('0001', a)])]);
    const { doc } = analyze(text, emptyKnowledge(false));
    const fixed = applyEdits(text, editLines(text, doc, { remove: [{ claimIndex: 0, lineIndex: 0 }] }));
    // Everything below the set goes, its billing provider loop too (as before sets went whole).
    const emptied = ['ST*837*0001*005010X222A1~', 'BHT*0019*00*B1*20261101*0930*CH~', 'SE*3*0001~'];
    assert.equal(fixed, interchange([['GS*HC*SUBMITTER*RECEIVER*20261101*0930*1*X*005010X222A1~', ...emptied, 'GE*1*1~']]));
  });
});

describe('the quick fix for a bundled line that is its claim\'s only line', () => {
  it('says the claim goes with it, and takes its transaction set when that held only this claim', () => {
    const first = [...subscriber(2, 1, false, 'M1'), ...claim('A', '43214')];
    const second = [...subscriber(2, 1, false, 'M1'), ...claim('B', '43200')];
    const text = interchange([group('1', [set('0001', first), set('0002', second)])]);
    const analysis = analyze(text, emptyKnowledge(true));
    const conflict = analysis.findings.find((f) => f.rule === 'ptp.conflict');
    assert.ok(conflict, analysis.findings.map((f) => f.rule).join(', '));
    const [fix] = fixesFor(text, analysis.doc, conflict);
    assert.equal(fix!.title, 'Remove claim 2 and its only service line (43200, bundled into 43214)');
    assert.equal(applyEdits(text, fix!.edits), interchange([group('1', [set('0001', first)])]));
  });
});
