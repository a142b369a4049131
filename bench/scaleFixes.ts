// How the fixes scale in large 837s: the quick fix and fix-all that remove claims whose only line
// is bundled away (x12Loops.ts, x12EnvelopeRemoval.ts), the removal of lines from claims of
// thousands of interchanges (fixes.ts), and fix-all's certain envelope and HL fixes
// (guides/fixes.ts). A batch where each line was billed on its own claim, a day's batches
// concatenated into thousands of interchanges, a generator that miscounts SE01 or IEA01 in every
// envelope: each gives thousands of fixes in one request. Each scenario builds its input of size
// n (writing and analysing it is not timed) and returns the fix to time; the bench times n and 4n
// and prints the ratio: about 4 for work linear in the file, about 16 for work that visits every
// pair (which these fixes did before: fix-all over 16,000 interchanges took about 10 s, one quick
// fix there 1.4 s, the HL renumbering of 8,000 subscribers 54 s). Synthetic claims (the built-in
// 43214 edit set: 43200 bundled into 43214, indicator 0).

import { analyze, type Analysis, type AnalyzeOptions } from '../server/src/core/analyze';
import { fixAll, fixesFor } from '../server/src/core/fixes';
import { fixAllWithGuides } from '../server/src/core/guides/fixes';
import { emptyKnowledge } from '../server/src/core/rules/knowledge';
import { writeX12, type WriterClaim, type WriterOptions } from '../test/unit/helpers/x12-writer';
import type { ScaleScenario } from './scale';


const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };

/**
 * n patients (M0, M1...), each with two claims of one line: 43214 on claim A, 43200 on claim B.
 * Fixing the conflict removes B's line, and with it claim B and its subscriber loop.
 */
function pairedClaims(n: number): WriterClaim[] {
  const claims: WriterClaim[] = [];
  for (let i = 0; i < n; i++) {
    claims.push({ id: `A${i}`, subscriberId: `M${i}`, lines: [{ code: '43214', charge: '100.00', date: day }] });
    claims.push({ id: `B${i}`, subscriberId: `M${i}`, lines: [{ code: '43200', charge: '50.00', date: day }] });
  }
  return claims;
}

/** n claims of two lines, 43214 and 43200: fixing the conflict removes a line, and the claim stays. */
function twoLineClaims(n: number): WriterClaim[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `C${i}`,
    subscriberId: `M${i}`,
    lines: [
      { code: '43214', charge: '100.00', date: day },
      { code: '43200', charge: '50.00', date: day },
    ],
  }));
}

/** n claims of one line in no edit (99213), each its own subscriber. */
function plainClaims(n: number): WriterClaim[] {
  return Array.from({ length: n }, (_, i) => ({ id: `C${i}`, subscriberId: `M${i}`, lines: [{ code: '99213', charge: '80.00', date: day }] }));
}

/** The analysis of the claims as written, after `edit` (a miscount planted in the text). */
function analysed(claims: readonly WriterClaim[], options: WriterOptions, edit: (text: string) => string = (text) => text, analyzeOptions?: AnalyzeOptions): Analysis {
  const { text } = writeX12(claims, { lineEnding: '\n', ...options });
  return analyze(edit(text), knowledge, undefined, undefined, analyzeOptions);
}

/** Fix-all (the coding fixes only), which must remove lines. */
function codingFixAll(analysis: Analysis): () => void {
  return () => {
    if (!fixAll(analysis.text, analysis.doc, analysis.findings)?.removes?.length) throw new Error('fix-all removed nothing');
  };
}

/** Fix-all with the guide fixes, which must answer findings of `rule`. */
function guideFixAll(analysis: Analysis, rule: RegExp): () => void {
  return () => {
    if (!fixAllWithGuides(analysis.text, analysis.doc, analysis.findings)?.findings.some((f) => rule.test(f.rule))) throw new Error(`fix-all answered no ${rule.source}`);
  };
}

export function scaleFixScenarios(): ScaleScenario[] {
  return [
    {
      // The envelopes the removal empties were read with the delimiters of each interchange, each
      // found by a scan of every interchange (x12EnvelopeRemoval.ts, x12Loops.ts delimitersAt).
      // A lightbulb over a range asks the quick fixes of its findings: here the last 20.
      name: 'quick fixes removing one claim each (20 of them), n interchanges of two claims',
      run: (n) => {
        const analysis = analysed(pairedClaims(n), { interchanges: n });
        const conflicts = analysis.findings.filter((f) => f.rule === 'ptp.conflict').slice(-20);
        return () => {
          for (const finding of conflicts) if (!fixesFor(analysis.text, analysis.doc, finding)[0]?.edits.length) throw new Error('no quick fix');
        };
      },
      n: 4000,
    },
    {
      // Each claim looked for its HL among all the set's HLs, and each renumbered HL among the
      // removed ones (x12Loops.ts planRemoval, removeClaims).
      name: 'fix-all removing n single-line claims of one transaction set',
      run: (n) => codingFixAll(analysed(pairedClaims(n), {})),
      n: 5000,
    },
    {
      // Each set edited went through every claim of the file, with a scan of the interchanges for
      // its delimiters (x12Loops.ts planRemoval, delimitersAt).
      name: 'fix-all removing one claim in each of n interchanges',
      run: (n) => codingFixAll(analysed(pairedClaims(n), { interchanges: n })),
      n: 4000,
    },
    {
      // Each claim's other-payer amounts were read with a scan of the interchanges for its
      // delimiters (fixes.ts editLines, x12Loops.ts delimitersAt).
      name: 'fix-all removing one line of a claim in each of n interchanges',
      run: (n) => codingFixAll(analysed(twoLineClaims(n), { interchanges: n })),
      n: 4000,
    },
    {
      // Each part was checked against every part accepted before it (guides/fixes.ts combine).
      name: 'fix-all setting SE01 in each of n transaction sets',
      run: (n) => guideFixAll(analysed(plainClaims(n), { transactions: n }, (text) => text.replace(/\nSE\*(\d+)\*/g, (_m, count: string) => `\nSE*${Number(count) + 1}*`)), /^x12\.se01-count$/),
      n: 10000,
    },
    {
      // Each IEA01 was recounted with a scan of every interchange and every group (guides/fixes.ts recount).
      name: 'fix-all setting IEA01 in each of n interchanges',
      run: (n) => guideFixAll(analysed(plainClaims(n), { interchanges: n }, (text) => text.replace(/\nIEA\*1\*/g, '\nIEA*2*')), /^x12\.iea01-count$/),
      n: 8000,
    },
    {
      // Each HL finding scanned its whole transaction set for the set's bounds (guides/fixes.ts
      // hlGroupOf): every subscriber HL numbered one too high, as when the first subscriber's loop
      // was cut out and the rest not renumbered.
      name: 'fix-all renumbering the HLs of n subscribers of one set',
      run: (n) =>
        guideFixAll(
          analysed(plainClaims(n), {}, (text) => text.replace(/\nHL\*(\d+)\*1\*22/g, (_m, id: string) => `\nHL*${Number(id) + 1}*1*22`), { guideChecks: 'full' }),
          /^guide\.hl-/,
        ),
      n: 4000,
    },
  ];
}
