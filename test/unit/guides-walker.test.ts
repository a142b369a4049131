import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findLoop, type ValueAt } from '../../server/src/core/guides/lookups';
import { guideFor } from '../../server/src/core/guides/load';
import type { GuideSchema, SegmentSpec } from '../../server/src/core/guides/schema';
import type { LoopSpec } from '../../server/src/core/guides/schema';
import { GuideWalker, type WalkEvent } from '../../server/src/core/guides/walker';

/** One step's outcome, copied from the walker (its own fields last only until the next step). */
interface StepResult {
  placement: { segment: SegmentSpec; exited: LoopSpec[]; entered: LoopSpec[] } | null;
  events: WalkEvent[];
}

// A small 837P (005010X222A1) every segment of which has one right place: each line is a
// segment and the loop the guide puts it in. Names and ids are invented.
const VALID_837P: [string, string][] = [
  ['ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *240105*1200*^*00501*000000001*0*T*:', 'ISA_LOOP'],
  ['GS*HC*SUBMITTER*RECEIVER*20240105*1200*1*X*005010X222A1', 'GS_LOOP'],
  ['ST*837*0001*005010X222A1', 'ST_LOOP'],
  ['BHT*0019*00*BATCH1*20240105*1200*CH', 'HEADER'],
  ['NM1*41*2*DEMO BILLING*****46*SUB01', '1000A'],
  ['PER*IC*DEMO CONTACT*TE*5550100000', '1000A'],
  ['NM1*40*2*DEMO PLAN*****46*REC01', '1000B'],
  ['HL*1**20*1', '2000A'],
  ['PRV*BI*PXC*207Q00000X', '2000A'],
  ['NM1*85*2*DEMO CLINIC*****XX*1999999984', '2010AA'],
  ['N3*1 MAIN ST', '2010AA'],
  ['N4*ANYTOWN*PA*19000', '2010AA'],
  ['REF*EI*990000001', '2010AA'],
  ['HL*2*1*22*1', '2000B'],
  ['SBR*P**GROUP1******CI', '2000B'],
  ['NM1*IL*1*DOE*JOHN****MI*M0000001', '2010BA'],
  ['N3*2 OAK ST', '2010BA'],
  ['N4*ANYTOWN*PA*19000', '2010BA'],
  ['DMG*D8*19700101*M', '2010BA'],
  ['NM1*PR*2*DEMO PLAN*****PI*PAYER01', '2010BB'],
  ['HL*3*2*23*0', '2000C'],
  ['PAT*19', '2000C'],
  ['NM1*QC*1*DOE*JANE', '2010CA'],
  ['N3*2 OAK ST', '2010CA'],
  ['N4*ANYTOWN*PA*19000', '2010CA'],
  ['DMG*D8*20100101*F', '2010CA'],
  ['CLM*CLAIM1*150.00***11:B:1*Y*A*Y*Y', '2300'],
  ['DTP*431*D8*20240101', '2300'],
  ['REF*G1*AUTH1', '2300'],
  ['HI*ABK:R69*ABF:R51', '2300'],
  ['NM1*82*1*SMITH*ANNA****XX*1999999992', '2310B'],
  ['PRV*PE*PXC*207Q00000X', '2310B'],
  ['LX*1', '2400'],
  ['SV1*HC:99213:25*100.00*UN*1***1:2', '2400'],
  ['DTP*472*D8*20240102', '2400'],
  ['REF*6R*LINE1', '2400'],
  ['LX*2', '2400'],
  ['SV1*HC:36415*50.00*UN*1***1', '2400'],
  ['DTP*472*D8*20240102', '2400'],
  ['NM1*82*1*JONES*MARK****XX*1999999976', '2420A'],
  ['CLM*CLAIM2*40.00***11:B:1*Y*A*Y*Y', '2300'],
  ['HI*ABK:R69', '2300'],
  ['LX*1', '2400'],
  ['SV1*HC:99212*40.00*UN*1***1', '2400'],
  ['DTP*472*D8*20240103', '2400'],
  ['SE*44*0001', 'ST_LOOP'],
  ['GE*1*1', 'GS_LOOP'],
  ['IEA*1*000000001', 'ISA_LOOP'],
];

const P = guideFor('005010X222A1') as GuideSchema;

/** The walker's view of one segment written with * and : . */
function values(text: string): { id: string; valueAt: ValueAt } {
  const parts = text.split('*');
  return {
    id: parts[0],
    valueAt: (position, component) => {
      const v = parts[position] ?? '';
      return component === 0 ? v : (v.split(':')[component - 1] ?? '');
    },
  };
}

function step(walker: GuideWalker, text: string): StepResult {
  const { id, valueAt } = values(text);
  const segment = walker.step(id, valueAt);
  return {
    placement: segment && { segment, exited: [...walker.exited], entered: [...walker.entered] },
    events: [...walker.events],
  };
}

function walkAll(segments: readonly string[]): { walker: GuideWalker; results: StepResult[] } {
  const walker = new GuideWalker(P);
  return { walker, results: segments.map((s) => step(walker, s)) };
}

const kinds = (r: StepResult) => r.events.map((e) => `${e.kind} ${'loop' in e ? e.loop.id : e.segment.id}`);

describe('guide walker: a valid 837P', () => {
  it('places every segment in its loop, with nothing missing or repeated', () => {
    const { results } = walkAll(VALID_837P.map(([s]) => s));
    results.forEach((r, i) => {
      const [text, loop] = VALID_837P[i];
      assert.ok(r.placement, `${text}: placed`);
      assert.equal(r.placement.segment.loop.id, loop, text);
      assert.deepEqual(r.events, [], text);
    });
  });

  it('tells the loops left and entered, and the loop path', () => {
    const { walker, results } = walkAll(VALID_837P.slice(0, 27).map(([s]) => s));
    // CLM: from 2010CA into the 2300 under the patient level.
    const clm = results[26].placement!;
    assert.deepEqual(clm.exited.map((l) => l.id), ['2010CA']);
    assert.deepEqual(clm.entered.map((l) => l.id), ['2300']);
    assert.deepEqual(walker.loopPath(), ['ISA_LOOP', 'GS_LOOP', 'ST_LOOP', '2000A', '2000B', '2000C', '2300']);
    assert.equal(walker.currentLoop().id, '2300');
    // HL*1: into the DETAIL wrapper and 2000A.
    assert.deepEqual(results[7].placement!.entered.map((l) => l.id), ['DETAIL', '2000A']);
    // The second LX is a new iteration of 2400: it leaves and enters it.
    const lx2 = walkAll(VALID_837P.slice(0, 37).map(([s]) => s)).results[36].placement!;
    assert.deepEqual([lx2.exited.map((l) => l.id), lx2.entered.map((l) => l.id)], [['2400'], ['2400']]);
  });

  it('chooses among segments of one id by their qualifier', () => {
    const { results } = walkAll(VALID_837P.map(([s]) => s));
    const names = results.map((r) => r.placement!.segment.name);
    assert.equal(names[27], 'Date - Onset of Current Illness or Symptom');
    assert.equal(names[28], 'Prior Authorization');
    assert.equal(names[34], 'Date - Service Date');
    assert.equal(names[35], 'Line Item Control Number');
  });
});

describe('guide walker: segments out of place', () => {
  const upToClaim = VALID_837P.slice(0, 27).map(([s]) => s);

  it('a service line segment right after CLM is not expected; the walker stays at CLM', () => {
    const { walker } = walkAll(upToClaim);
    const r = step(walker, 'SV1*HC:99213*100.00*UN*1***1');
    assert.equal(r.placement, null);
    assert.deepEqual(r.events, []);
    assert.equal(walker.current?.id, 'CLM');
    // The walk goes on from CLM.
    const hi = step(walker, 'HI*ABK:R69');
    assert.equal(hi.placement?.segment.loop.id, '2300');
  });

  it('a segment the guide does not know, and a known id with a qualifier it does not list', () => {
    const { walker } = walkAll(upToClaim);
    assert.equal(step(walker, 'ZZZ*1').placement, null);
    assert.equal(step(walker, 'NM1*ZZ*1*SOMEONE').placement, null);
    assert.equal(step(walker, 'HL*4*3*99*0').placement, null);
  });

  it('a header segment inside a claim is not expected', () => {
    const { walker } = walkAll(upToClaim);
    assert.equal(step(walker, 'BHT*0019*00*BATCH1*20240105*1200*CH').placement, null);
  });

  it('a required segment passed over is reported missing: LX right after CLM (no HI)', () => {
    const { walker } = walkAll(upToClaim);
    const r = step(walker, 'LX*1');
    assert.equal(r.placement?.segment.loop.id, '2400');
    assert.deepEqual(kinds(r), ['segment-missing HI']);
    assert.equal((r.events[0] as { segment: SegmentSpec }).segment.qualifier?.codes.join(), 'ABK,BK');
  });

  it('a required loop passed over is reported missing: a subscriber without 2010BA', () => {
    const { walker } = walkAll(VALID_837P.slice(0, 15).map(([s]) => s));
    const r = step(walker, 'NM1*PR*2*DEMO PLAN*****PI*PAYER01');
    assert.equal(r.placement?.segment.loop.id, '2010BB');
    assert.deepEqual(kinds(r), ['loop-missing 2010BA']);
  });

  it('a loop repeated beyond its repeat, a segment beyond its max use', () => {
    const { walker } = walkAll(VALID_837P.slice(0, 13).map(([s]) => s));
    const again = step(walker, 'NM1*85*2*DEMO CLINIC*****XX*1999999984');
    assert.deepEqual(kinds(again), ['loop-max-repeat 2010AA']);
    const { walker: w2 } = walkAll(VALID_837P.slice(0, 13).map(([s]) => s));
    const ref = step(w2, 'REF*EI*990000002');
    assert.deepEqual(kinds(ref), ['segment-max-use REF']);
    assert.equal(ref.placement?.segment.loop.id, '2010AA');
  });
});

describe('guide walker: what may come next, and starting mid-file', () => {
  // Found in a user review (an EDI analyst): completion offered LX, CLM and SE right after CLM,
  // which skip the claim's required HI (and would be told it is missing). Nothing after a
  // required segment not yet seen is offered, in the current loop as in those around it.
  it('after CLM: the claim segments up to its required HI, not a line, claim or SE that would skip it', () => {
    const { walker } = walkAll(VALID_837P.slice(0, 27).map(([s]) => s));
    const next = walker.allowedNext();
    const ids = new Set(next.map((s) => s.id));
    for (const id of ['DTP', 'REF', 'HI']) assert.ok(ids.has(id), `${id} may follow CLM`);
    for (const id of ['BHT', 'SV1', 'PRV', 'PAT', 'NM1', 'SBR', 'LX', 'CLM', 'HL', 'SE']) assert.ok(!ids.has(id), `${id} may not follow CLM`);
    // HI is offered once per qualifier (ABK/BK, BP, BG).
    assert.equal(next.filter((s) => s.id === 'HI').length, 3);
  });

  it('after HI: the claim\'s loops up to its required first line; after a line: another line, claim, subscriber or SE', () => {
    const afterHi = new Set(walkAll(VALID_837P.slice(0, 30).map(([s]) => s)).walker.allowedNext().map((s) => s.id));
    for (const id of ['NM1', 'SBR', 'LX']) assert.ok(afterHi.has(id), `${id} may follow HI`);
    for (const id of ['CLM', 'HL', 'SE']) assert.ok(!afterHi.has(id), `${id} may not follow HI: a claim has a line`);
    const afterLine = new Set(walkAll(VALID_837P.slice(0, 35).map(([s]) => s)).walker.allowedNext().map((s) => s.id));
    for (const id of ['REF', 'LX', 'CLM', 'HL', 'SE']) assert.ok(afterLine.has(id), `${id} may follow a line`);
  });

  it('after ST: BHT alone, the header\'s required first segment', () => {
    const ids = walkAll(VALID_837P.slice(0, 3).map(([s]) => s)).walker.allowedNext().map((s) => s.id);
    assert.deepEqual(ids, ['BHT']);
  });

  it('after SE: another transaction set or the group trailer', () => {
    const { walker } = walkAll(VALID_837P.slice(0, 46).map(([s]) => s));
    const ids = walker.allowedNext().map((s) => s.id);
    assert.ok(ids.includes('ST') && ids.includes('GE'));
    assert.ok(!ids.includes('CLM'));
  });

  it('positionAt(GS) walks a transaction set read on its own', () => {
    const walker = new GuideWalker(P);
    const gs = findLoop(P, 'GS_LOOP')!.children[0] as SegmentSpec;
    walker.positionAt(gs);
    for (const [text, loop] of VALID_837P.slice(2, 46)) {
      const r = step(walker, text);
      assert.equal(r.placement?.segment.loop.id, loop, text);
      assert.deepEqual(r.events, [], text);
    }
  });

  it('a second transaction set in the group starts afresh', () => {
    const { walker } = walkAll(VALID_837P.slice(0, 46).map(([s]) => s));
    for (const [text, loop] of VALID_837P.slice(2, 46)) {
      const r = step(walker, text);
      assert.equal(r.placement?.segment.loop.id, loop, text);
      assert.deepEqual(r.events, [], text);
    }
  });
});
