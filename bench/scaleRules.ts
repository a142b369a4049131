// How the coding checks scale on one patient's busy day: a claim CSV without a patient or
// claim-id column is one patient (README), so a day's charge export puts thousands of lines in one
// patient group, and every keystroke in the editor checks them again. Each scenario builds its
// input of size n (parsing is not timed) and returns the checks to time; the bench times n and 4n
// and prints the ratio: about 4 for work linear in the lines, about 16 for work that visits every
// pair of them (as these checks did: 8,000 pairs of 11042 + 11045 took 8 s, 32,000 three minutes).
// Synthetic rows and tables (not real NCCI edits beyond the built-in 43214 set).

import { parseDocument } from '../server/src/core/parse';
import { AocTable } from '../server/src/core/rules/aoc';
import { checkPtp } from '../server/src/core/rules/checkPtp';
import { DocumentCoding } from '../server/src/core/rules/documentCoding';
import { emptyKnowledge, type Knowledge } from '../server/src/core/rules/knowledge';
import type { ScaleScenario } from './scale';

/** The built-in PTP edits (43200 bundled into 43214, indicator 0) with one type 1 add-on code row. */
function knowledgeWithAddOn(addOn: string, primary: string): Knowledge {
  const aoc = new AocTable();
  aoc.add({ addOn, primary, type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt' });
  return { ...emptyKnowledge(true), aoc };
}

/** One day of a CSV without a patient or claim-id column: n times the given codes, by the provider of `npi(i)`. */
function dayExport(header: string, n: number, codes: readonly string[], npi: (i: number) => number): string {
  const rows = [header];
  for (let i = 0; i < n; i++) for (const code of codes) rows.push(`${code},2026-03-10,1,${npi(i)}`);
  return rows.join('\n') + '\n';
}

/** The coding checks (PTP, MUE, add-on codes) of a document, as the editor runs them on each change. */
function codingOf(text: string, knowledge: Knowledge): () => void {
  const claims = parseDocument(text).claims;
  return () => void DocumentCoding.check(claims, knowledge, false).findings();
}

export function scaleRuleScenarios(): ScaleScenario[] {
  return [
    {
      // Each add-on line looked through every line of the day for its primary, and each primary
      // through every line for what bundles it (rules/checkAddOns.ts).
      name: 'add-on codes, one provider, n pairs 11042 + 11045 on one day',
      run: (n) => codingOf(dayExport('CPT,DOS,Units,NPI', n, ['11042', '11045'], () => 1234567893), knowledgeWithAddOn('11045', '11042')),
      n: 8000,
    },
    {
      // Every primary is bundled away (43200 into 43214), so every add-on line's candidates are
      // all visited and each of them looks for the line that bundles it.
      name: 'add-on codes whose primaries are bundled, one provider, n times 43214 + 43200 + add-on',
      run: (n) => codingOf(dayExport('CPT,DOS,Units,NPI', n, ['43214', '43200', '43273'], () => 1234567893), knowledgeWithAddOn('43273', '43200')),
      n: 4000,
    },
    {
      // One line class per rendering provider, all of the one (empty) billing provider: the edit
      // index was asked for every pair of classes (rules/checkPtp.ts, checkLargeGroup).
      name: 'PTP pairs, n rendering providers each with 43214 + 43200 on one day',
      run: (n) => {
        const claims = parseDocument(dayExport('CPT,DOS,Units,Rendering NPI', n, ['43214', '43200'], (i) => 1000000000 + i)).claims;
        const tables = emptyKnowledge(true).tables;
        return () => void checkPtp(claims, tables, false);
      },
      n: 8000,
    },
  ];
}
