// Found in review (claim contents in messages): envelope control numbers are quoted exactly as
// written, whatever they hold. ST02 is AN 4-9, and submitters that send one claim per transaction
// set often write the patient account number (CLM01) there. The trailer check quotes both sides
// (x12/envelope837.ts checkControl: "SE02 is '...', but ST02 is '...'", and its related
// message), an unclosed envelope names it (envelopeName: "ST '...' has no SE"), and the guide
// pass quotes a repeated ST02/GS06/ISA13 (guides/validate.ts: "ST02 transaction set control
// number ... is used by an earlier transaction set"), none through shownNumber/shownCode as
// guides/shown.ts asks for values that may be anything. The same holds for ST03/GS08/ISA12 in
// the version-mismatch messages. Expected: a control number quoted only when it is a number
// (shownNumber), described otherwise.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

/** A patient account number used as the transaction set control number (9 characters: a valid ST02). */
const ACCOUNT = 'QXZACCT42';
const day = { from: 20260310, to: 20260310 };

function transactionSets(count: number): string {
  const claims = Array.from({ length: count }, (_, i) => ({ id: `${ACCOUNT}`, date: day, lines: [{ code: '99213', charge: `${100 + i}.00`, date: day }] }));
  return writeX12(claims, { transactions: count, lineEnding: '\n' }).text;
}

function messagesOf(text: string): string[] {
  const analysis = analyze(text, emptyKnowledge(true), undefined, undefined, { guideChecks: 'full' });
  return analysis.findings.flatMap((f) => [`${f.rule}: ${f.message}`, ...(f.related ?? []).map((r) => `${f.rule} (related): ${r.message}`)]);
}

const quoting = (messages: string[]): string[] => messages.filter((m) => m.includes(ACCOUNT));

describe('envelope control numbers that are not numbers are never quoted', () => {
  it('SE02 that does not match an ST02 holding the account number', () => {
    const text = transactionSets(1).replace(/^ST\*837\*0001\*/m, `ST*837*${ACCOUNT}*`);
    const messages = messagesOf(text);
    assert.ok(messages.some((m) => m.startsWith('x12.se02-control')), messages.join('\n'));
    assert.deepEqual(quoting(messages), []);
  });

  it('an ST holding the account number with no SE', () => {
    const text = transactionSets(1).replace(/^ST\*837\*0001\*/m, `ST*837*${ACCOUNT}*`).replace(/^SE\*[^\n]*\n/m, '');
    const messages = messagesOf(text);
    assert.ok(messages.some((m) => m.startsWith('x12.envelope-unclosed')), messages.join('\n'));
    assert.deepEqual(quoting(messages), []);
  });

  it('two transaction sets of one patient account, each with the account number as ST02 and SE02', () => {
    const text = transactionSets(2).replace(/^(ST\*837\*|SE\*\d+\*)000[12]/gm, `$1${ACCOUNT}`);
    const messages = messagesOf(text);
    assert.ok(messages.some((m) => m.startsWith('guide.control-number-repeated')), messages.join('\n'));
    assert.deepEqual(quoting(messages), []);
  });
});
