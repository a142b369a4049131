// Found in review: completion in the qualifier of a segment being typed. A 2400 REF or DTP is told
// apart by its first element (REF*G1 prior authorization, REF*6R line item control number;
// DTP*472 service date, DTP*471 prescription date...). core/completion.ts inElement places a
// segment not yet placed as the first segment the guide allows with its id, and offers that one
// variant's codes: typing `REF*` in a service line offers only 9B, and typing `DTP*` after the
// line's DTP*472 offers only 472 (the one that cannot come again). Synthetic data only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { completionsAt } from '../../server/src/core/completion';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge();
const { text: base } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100', date: { from: 20261015, to: 20261015 } }] }], { lineEnding: '\n' });
const LINE_DATE = 'DTP*472*D8*20261015~\n';

/** Labels offered right after `typed`, written on a new line after the service line's date. */
function offeredAfterTyping(typed: string): string[] {
  assert.ok(base.includes(LINE_DATE));
  const text = base.replace(LINE_DATE, `${LINE_DATE}${typed}\n`);
  const cursor = text.indexOf(LINE_DATE) + LINE_DATE.length + typed.length;
  return completionsAt(analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }), cursor).map((entry) => entry.label);
}

describe('completion of a qualifier offers the codes of every segment the guide allows there', () => {
  it('REF* typed in a service line: the 2400 REF qualifiers, not only 9B', () => {
    const labels = offeredAfterTyping('REF*');
    for (const code of ['G1', '6R']) assert.ok(labels.includes(code), `${code} missing from [${labels.join(' ')}]`);
  });

  it('DTP* typed after the line DTP*472: the other 2400 dates (471 prescription), not only 472', () => {
    const labels = offeredAfterTyping('DTP*');
    assert.ok(labels.includes('471'), `471 missing from [${labels.join(' ')}]`);
  });

  it('inside the qualifier of an existing REF*6R: the other 2400 REF qualifiers too, each once, named by their segment', () => {
    const text = base.replace(LINE_DATE, `${LINE_DATE}REF*6R*LINE0001~\n`);
    const cursor = text.indexOf('REF*6R') + 5;
    const entries = completionsAt(analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }), cursor);
    const labels = entries.map((entry) => entry.label);
    for (const code of ['6R', 'G1', '9B']) assert.ok(labels.includes(code), `${code} missing from [${labels.join(' ')}]`);
    assert.equal(new Set(labels).size, labels.length, labels.join(' '));
    assert.match(entries.find((entry) => entry.label === 'G1')!.detail, /Prior Authorization/);
    assert.deepEqual(entries[0]!.span, { start: cursor - 1, end: cursor + 1 }, 'replaces the qualifier');
  });
});
