// Found in a user review (a pipeline developer): a CSV row whose rendering NPI cell was empty was
// another provider than its claim's other rows, so a 43214 + 76000 pair of one claim (an
// indicator-0 edit) became ptp.other-rendering-provider (information), check exited 0 and fix
// changed nothing. It happened both when the claim's fields were written on its first row only
// and when a blank cell came before the claim's first NPI. A row that names no provider (neither
// rendering nor billing) is now its claim's: the one its first row that names one names.
// Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { csvStreamed } from './helpers/csv-streamed';

const knowledge = emptyKnowledge(true);
const HEADER = 'Claim #,Patient Acct #,DOS,CPT,Modifier 1,Units,Billed Amt,Rendering Provider NPI\n';

/** The rules found, read whole (the editor) and in pieces (the CLI). */
function rules(text: string): { whole: string[]; streamed: string[] } {
  return {
    whole: analyze(text, knowledge).findings.map((f) => f.rule),
    streamed: csvStreamed(text, knowledge).map((f) => f.rule),
  };
}

describe('a CSV row with no provider is its claim\'s', () => {
  it('an empty NPI cell before the claim\'s first NPI: the pair is a conflict', () => {
    const text = HEADER + 'CL-9001,A100,10/15/26,76000,,1,250.00,\nCL-9001,A100,10/15/26,43214,,1,"1,500.00",1999999984\n';
    assert.deepEqual(rules(text), { whole: ['ptp.conflict'], streamed: ['ptp.conflict'] });
  });

  it('the claim\'s fields on its first row only (claim, patient, date and NPI carried down): the pair is a conflict', () => {
    const text = HEADER + 'CL-9001,A100,10/15/26,76000,,1,250.00,1999999984\n,,,43214,,1,"1,500.00",\n,,,99213,25,1,150.00,\n';
    assert.deepEqual(rules(text), { whole: ['ptp.conflict'], streamed: ['ptp.conflict'] });
  });

  it('another claim\'s NPI is not taken: a claim that names none is not judged one provider\'s with a claim that names one', () => {
    // Claim B names no provider at all; A names one: no conflict, the information note only.
    const text = HEADER + 'A,P1,10/15/26,43214,,1,900.00,1999999984\nB,P1,10/15/26,76000,,1,250.00,\n';
    assert.deepEqual(rules(text), { whole: ['ptp.other-rendering-provider'], streamed: ['ptp.other-rendering-provider'] });
  });

  it('a row that names another NPI of its own keeps it: another rendering provider (control)', () => {
    const text = HEADER + 'CL-9001,A100,10/15/26,76000,,1,250.00,1234567893\nCL-9001,A100,10/15/26,43214,,1,"1,500.00",1999999984\n';
    assert.deepEqual(rules(text), { whole: ['ptp.other-rendering-provider'], streamed: ['ptp.other-rendering-provider'] });
  });
});
