// Found in review: `claimlint fix` said "nothing to fix (no NCCI conflicts with modifier indicator
// 0, MUEs with MAI 2 or type 1 add-on codes)" whenever fix-all had no edit, even when the file held
// such a finding that fix-all deliberately leaves for a person: an indicator-0 conflict whose
// column-2 line is a replacement claim's only line, or an MAI 2 MUE over on a line with a date
// range. The lines below it printed that very finding and the run exited 1. Fix now says it fixed
// nothing and, on a line for each reason, how many such findings it left for a person and why
// (cli/fixSummary.ts). Its summary also listed every kind it can fix, as commands, whatever it
// did; it now says what it did, in the past tense. Run in process (cli/main.ts run). Synthetic
// data only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { practitionerMueCsv, practitionerPtpText } from '../unit/helpers/ncci-tables';
import { writeX12 } from '../unit/helpers/x12-writer';

const day = { from: 20260310, to: 20260310 };
const NOTHING = /no NCCI conflicts with modifier indicator 0, MUEs with MAI 2 or type 1 add-on codes/;

describe('claimlint fix: what it did, and the findings it leaves for a person', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-fix-left-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a replacement claim whose only line is bundled: fix does not claim there are no indicator-0 conflicts', async () => {
    writeFileSync(join(dir, 'ptp.txt'), practitionerPtpText(['20610\t20605\t\t20200101\t*\t0\tSynthetic']));
    // Claim C1 (original) bills the column-1 code; claim C2, a replacement (CLM05-3 7), bills only
    // the column-2 code on the same day for the same patient and provider.
    const { text } = writeX12(
      [
        { id: 'C1', lines: [{ code: '20610', charge: '100.00', date: day }] },
        { id: 'C2', frequency: '7', lines: [{ code: '20605', charge: '50.00', date: day }] },
      ],
      { lineEnding: '\n' },
    );
    const file = join(dir, 'replacement.837');
    writeFileSync(file, text);

    const check = memoryIo();
    assert.equal(await run(['check', '--format', 'json', '--no-builtin-edits', '--ptp', join(dir, 'ptp.txt'), file], check), 1);
    assert.ok(check.out.includes('"ptp.conflict"'), 'the file holds an indicator-0 conflict');

    const io = memoryIo();
    const code = await run(['fix', '--no-builtin-edits', '--ptp', join(dir, 'ptp.txt'), file], io);
    assert.equal(code, 1, io.err);
    assert.equal(readFileSync(file, 'utf8'), text, 'the file is left as it was');
    assert.match(io.err, /ptp\.conflict .*modifier indicator 0/, 'the conflict is still reported');
    assert.doesNotMatch(io.err, NOTHING, `the summary must not say there is no indicator-0 conflict:\n${io.err}`);
    assert.match(io.err, /^claimlint: .*replacement\.837: nothing fixed$/m);
    assert.match(io.err, /^claimlint: .*replacement\.837: 1 finding left for a person: fixing it would remove a whole replacement or void claim/m, io.err);
  });

  test('an 837I pair dated only by a statement of several days: left for a person, and said why (from a hospital review)', async () => {
    // Two lines without DTP*472 under a statement of 10/13-10/16: they may be of different days.
    const { text } = writeX12(
      [{ id: 'H1', date: { from: 20261013, to: 20261016 }, lines: [{ code: '43214', charge: '900.00', revenueCode: '0750' }, { code: '43200', charge: '400.00', revenueCode: '0750' }] }],
      { kind: 'institutional', lineEnding: '\n' },
    );
    assert.ok(!text.includes('DTP*472'), 'the lines have no date of their own');
    const file = join(dir, 'statement.837');
    writeFileSync(file, text);
    const io = memoryIo();
    // What is left are warnings (the pair, the lines' missing dates): the run passes.
    assert.equal(await run(['fix', file], io), 0, io.err);
    assert.equal(readFileSync(file, 'utf8'), text, 'no line is removed');
    assert.match(io.err, /^claimlint: .*statement\.837: nothing fixed$/m, io.err);
    assert.match(io.err, /^claimlint: .*statement\.837: 1 finding left for a person: a line of the pair has no date of its own over a statement period of several days/m, io.err);
    assert.doesNotMatch(io.err, /replacement or void claim/, 'not said to be a replacement claim\'s');
  });

  test('an MAI 2 MUE over on a date-range line: fix does not claim there are no MAI 2 MUE findings', async () => {
    writeFileSync(join(dir, 'MCR_MUE_PractitionerServices_review.csv'), practitionerMueCsv(['97110,4,2 Date of Service Edit: Policy,Clinical: Data']));
    const file = join(dir, 'range.csv');
    const text = 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge,Rendering NPI\nC1,M1,03/10/2026 - 03/11/2026,97110,12,100.00,1234567893\n';
    writeFileSync(file, text);

    const io = memoryIo();
    const code = await run(['fix', '--mue', join(dir, 'MCR_MUE_PractitionerServices_review.csv'), file], io);
    assert.equal(code, 1, io.err);
    assert.equal(readFileSync(file, 'utf8'), text);
    assert.match(io.err, /mue\.exceeded .*MAI 2/, 'the MAI 2 finding is still reported');
    assert.doesNotMatch(io.err, NOTHING, `the summary must not say there is no MAI 2 MUE finding:\n${io.err}`);
    assert.match(io.err, /^claimlint: .*range\.csv: 1 MUE finding with MAI 2 left for a person: .*a line over a date range/m, io.err);
  });

  test('the summary says what was done, not every kind fix can fix', async () => {
    // A wrong SE01 and a short ISA (its fields trimmed): the two envelope fixes, and no coding one.
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '80.00', date: day }] }], { lineEnding: '\n', padIsa: false });
    const broken = text.replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 4}*`);
    const file = join(dir, 'envelope.837');
    writeFileSync(file, broken);

    const io = memoryIo();
    const code = await run(['fix', file], io);
    assert.equal(code, 0, io.err);
    assert.equal(io.err, `claimlint: ${file}: recounted SE01 and padded the ISA fields, resolving 2 findings\n`);
  });

  test('a replacement claim left, and another claim\'s conflict fixed: both said', async () => {
    writeFileSync(join(dir, 'ptp.txt'), practitionerPtpText(['20610\t20605\t\t20200101\t*\t0\tSynthetic']));
    const { text } = writeX12(
      [
        { id: 'C1', lines: [{ code: '20610', charge: '100.00', date: day }] },
        { id: 'C2', frequency: '7', lines: [{ code: '20605', charge: '50.00', date: day }] },
        { id: 'C3', subscriberId: 'M000002', lines: [{ code: '20610', charge: '100.00', date: day }, { code: '20605', charge: '50.00', date: day }] },
      ],
      { lineEnding: '\n' },
    );
    const file = join(dir, 'both.837');
    writeFileSync(file, text);

    const io = memoryIo();
    const code = await run(['fix', '--no-builtin-edits', '--ptp', join(dir, 'ptp.txt'), file], io);
    assert.equal(code, 1, io.err);
    const lines = io.err.split('\n');
    assert.equal(lines[0], `claimlint: ${file}: removed 1 service line bundled into another line, resolving 1 NCCI conflict with modifier indicator 0`);
    assert.match(lines[1]!, /^claimlint: .*both\.837: 1 finding left for a person: fixing it would remove a whole replacement or void claim/);
    assert.match(lines[2]!, /ptp\.conflict .*modifier indicator 0/);
  });
});
