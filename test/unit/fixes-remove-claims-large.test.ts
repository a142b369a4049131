// Removing many claims in large files gives the file the claims would have been written without:
// fix-all over one transaction set of hundreds of claims, or over hundreds of interchanges, and a
// quick fix at the start, middle and end of such a file. The removal finds each claim's HL by a
// binary search, renumbers the HLs after a removed loop by one, and reads delimiters and envelopes
// by offset (x12Loops.ts, x12EnvelopeRemoval.ts); this pins that the answers did not change with
// it. How it scales is measured by the bench (bench/scaleFixes.ts), not here.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { claimSegments, writeTransactions, writeX12, type WriterClaim } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };
const n = 150;

/** Patient i's claim A (43214) and claim B (43200, bundled into 43214: fixing it removes B whole). */
const claimA = (i: number): WriterClaim => ({ id: `A${i}`, subscriberId: `M${i}`, lines: [{ code: '43214', charge: '100.00', date: day }] });
const claimB = (i: number): WriterClaim => ({ id: `B${i}`, subscriberId: `M${i}`, lines: [{ code: '43200', charge: '50.00', date: day }] });
const patients = Array.from({ length: n }, (_, i) => i);

const analysed = (text: string): Analysis => analyze(text, knowledge);
const conflicts = (analysis: Analysis) => analysis.findings.filter((f) => f.rule === 'ptp.conflict');

function fixedAll(text: string): string {
  const analysis = analysed(text);
  const fix = fixAll(text, analysis.doc, analysis.findings);
  assert.ok(fix);
  return applyEdits(text, fix.edits);
}

/** The text after the quick fix of the conflict on claim B of patient `i` (the conflicts are in patient order). */
function quickFixed(text: string, i: number): string {
  const analysis = analysed(text);
  const fix = fixesFor(text, analysis.doc, conflicts(analysis)[i]!)[0]!;
  assert.match(fix.title, /^Remove claim \d+ and its only service line/);
  return applyEdits(text, fix.edits);
}

/** Each patient's claims in their own interchange, without the claims `dropped` says. */
function interchanges(dropped: (i: number) => boolean): string {
  const bodies = patients.map((i) => claimSegments(dropped(i) ? [claimA(i)] : [claimA(i), claimB(i)]));
  return writeTransactions(bodies, { interchanges: n, lineEnding: '\n' }).text;
}

describe('removing many claims of a large file', () => {
  it('the files as written have one conflict a patient', () => {
    assert.equal(conflicts(analysed(writeX12(patients.flatMap((i) => [claimA(i), claimB(i)]), { lineEnding: '\n' }).text)).length, n);
    assert.equal(conflicts(analysed(interchanges(() => false))).length, n);
  });

  it('fix-all over one transaction set: every claim B and its subscriber loop go, the HLs renumbered', () => {
    const text = writeX12(patients.flatMap((i) => [claimA(i), claimB(i)]), { lineEnding: '\n' }).text;
    assert.equal(fixedAll(text), writeX12(patients.map(claimA), { lineEnding: '\n' }).text);
  });

  it('fix-all over an interchange a patient: each interchange keeps its claim A', () => {
    assert.equal(fixedAll(interchanges(() => false)), interchanges(() => true));
  });

  it('fix-all removing a line of a claim in each interchange: LX, CLM02 and SE01 as if written so', () => {
    const both = patients.map((i) => ({ id: `C${i}`, subscriberId: `M${i}`, lines: [claimA(i).lines[0]!, claimB(i).lines[0]!] }));
    const text = writeX12(both, { interchanges: n, lineEnding: '\n' }).text;
    assert.equal(fixedAll(text), writeX12(both.map((c) => ({ ...c, lines: c.lines.slice(0, 1) })), { interchanges: n, lineEnding: '\n' }).text);
  });

  for (const i of [0, n >> 1, n - 1]) {
    it(`the quick fix for patient ${i}'s conflict, in one set and in an interchange a patient`, () => {
      const oneSet = (withB: (k: number) => boolean) => writeX12(patients.flatMap((k) => (withB(k) ? [claimA(k), claimB(k)] : [claimA(k)])), { lineEnding: '\n' }).text;
      assert.equal(quickFixed(oneSet(() => true), i), oneSet((k) => k !== i));
      assert.equal(quickFixed(interchanges(() => false), i), interchanges((k) => k === i));
    });
  }
});
