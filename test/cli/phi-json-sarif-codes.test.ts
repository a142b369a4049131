// Claim contents in CLI reports: an 837 whose SV101-2 (the procedure code) holds a patient's name
// and SSN (a column shift in the export that wrote it) gets x12.procedure-code-invalid, whose
// message describes the value ("found a value that is not a code", x12/values.ts shownCode). The
// finding once also carried the raw value in its `codes`, which `claimlint check --format json`
// prints as "codes" and `--format sarif` as properties.codes: the name, member id, birth date or
// SSN went into the JSON/SARIF report (a CI artifact, a code-scanning upload) whole. A finding's
// codes now hold only values that read as codes (x12/procedure.ts, x12/values.ts readsAsCode).
// Run in process (cli/main.ts run). Synthetic values only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { writeX12 } from '../unit/helpers/x12-writer';

const day = { from: 20260310, to: 20260310 };
const PLANTED = ['QUIXOTE ZELDA', '918273645', '19610423', '42 WALLABY WAY', '987-65-4329'];
const FORBIDDEN = ['QUIXOTE', 'ZELDA', '918273645', '19610423', 'WALLABY', '987-65-4329'];

function leaks(text: string): string[] {
  return FORBIDDEN.filter((s) => text.includes(s));
}

describe('claimlint check --format json/sarif: a procedure code element holding claim contents', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-phi-codes-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const value of PLANTED) {
    for (const format of ['json', 'sarif'] as const) {
      test(`SV101-2 ${JSON.stringify(value)}: the ${format} report does not carry it`, async () => {
        const { text } = writeX12(
          [{ id: 'C1', date: day, lines: [{ code: '43214', charge: '1500.00', date: day }, { code: value, charge: '400.00', date: day }] }],
          { lineEnding: '\n' },
        );
        assert.ok(text.includes(`HC:${value}*`), 'the value is planted in SV101-2');
        const file = join(dir, 'claims.837');
        writeFileSync(file, text);
        const io = memoryIo(undefined, 'utf8');
        await run(['check', '--format', format, file], io);
        const report = JSON.parse(io.out) as unknown;
        assert.ok(JSON.stringify(report).includes('x12.procedure-code-invalid'), 'the value is reported as no procedure code (the premise)');
        assert.deepEqual(leaks(io.out + io.err), [], `the ${format} report quotes the planted value:\n${io.out.split('\n').filter((l) => leaks(l).length > 0).join('\n')}`);
      });
    }
  }
});
