// Found in a user review (an EDI analyst): messages named pyx12's own loops (ISA_LOOP, ST_LOOP,
// HEADER), which no implementation guide or clearinghouse report does, and a file without its BHT
// was told "Required loop HEADER (Header) is missing". They are named in words now, and a missing
// wrapper loop by the segment it begins with (guides/loopWords.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeX12 } from './helpers/x12-writer';
import { fullFindings } from './helpers/guide-findings';

const DAY = { from: 20260310, to: 20260310 };

describe('messages of the guide checks name loops as the guide does', () => {
  const valid = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: DAY }] }], { lineEnding: '\n' }).text;

  it('a file without its BHT: the BHT is missing, said in words, and no message names a map\'s own loop', () => {
    const lines = valid.split('\n');
    const bht = lines.findIndex((l) => l.startsWith('BHT'));
    assert.ok(bht > 0);
    const text = [...lines.slice(0, bht), ...lines.slice(bht + 1)].join('\n');
    const findings = fullFindings(text).filter((f) => f.rule.startsWith('guide.'));
    const missing = findings.find((f) => f.rule === 'guide.loop-missing');
    assert.match(missing!.message, /^Required segment BHT\*0019 \(Beginning of Hierarchical Transaction\), which begins the transaction set's header, is missing before this segment\.$/);
    for (const f of findings) assert.doesNotMatch(f.message, /ISA_LOOP|GS_LOOP|ST_LOOP|HEADER|DETAIL/, f.message);
    assert.ok(findings.some((f) => /not expected here \(after ST in the transaction set\)/.test(f.message)), JSON.stringify(findings.map((f) => f.message)));
  });

  it('a loop of the guide is still named by its id and name', () => {
    const text = valid.replace(/\nNM1\*85\*[^\n]*/, '');
    const findings = fullFindings(text).filter((f) => f.rule === 'guide.loop-missing');
    assert.match(findings[0]!.message, /^Required loop 2010AA \(Billing Provider Name\) is missing before this segment\.$/);
  });
});
