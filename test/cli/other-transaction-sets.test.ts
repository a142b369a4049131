// An X12 file that holds no 837 (an 835 remittance, a 999 acknowledgement) given to `check`: it
// was read as no claims and passed as a clean file ("0 errors", exit 0), so a pipeline handed the
// wrong transaction never noticed. Each transaction set that is not an 837 is now said on its
// ST01: an error when a file named on the command line has no claims at all, information when
// the file also holds claims, or was found in a folder (remittances kept beside the claims).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { writeX12 } from '../unit/helpers/x12-writer';
import { memoryIo } from './memoryIo';

const ISA = 'ISA*00*          *00*          *ZZ*PAYER01        *ZZ*PROVIDER01     *260312*1200*^*00501*000000007*0*P*:~';
const remittance = [
  ISA,
  'GS*HP*PAYER01*PROVIDER01*20260312*1200*7*X*005010X221A1~',
  'ST*835*0001~',
  'BPR*I*150.00*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321*20260312~',
  'TRN*1*EFT0001*1512345678~',
  'N1*PR*EXAMPLE PAYER~',
  'N1*PE*EXAMPLE CLINIC*XX*1234567893~',
  'LX*1~',
  'CLP*C1*1*250.00*150.00**12*ICN0001~',
  'SE*8*0001~',
  'GE*1*7~',
  'IEA*1*000000007~',
].join('\n');

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-other-sets-'));
  mkdirSync(join(dir, 'batch'));
  writeFileSync(join(dir, 'remit.edi'), remittance);
  writeFileSync(join(dir, 'batch', 'remit.edi'), remittance);
  writeFileSync(join(dir, 'batch', 'claims.837'), writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: { from: 20260310, to: 20260310 } }] }]).text);
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Report {
  files: { path: string; claims: number; findings: { rule: string; severity: string; message: string }[] }[];
}

function check(args: string[]): { code: number; report: Report } {
  const io = memoryIo();
  const code = run(['check', '--format', 'json', ...args], io) as number;
  return { code, report: JSON.parse(io.out) as Report };
}

const said = (report: Report) => report.files.flatMap((f) => f.findings.filter((x) => x.rule === 'x12.not-a-claim-transaction').map((x) => `${f.path.split(/[\\/]/).pop()}: ${x.severity}`));

test('an 835 named on the command line fails the run: nothing in it was checked as claims', () => {
  for (const guide of ['off', 'envelope', 'full']) {
    const { code, report } = check(['--guide', guide, join(dir, 'remit.edi')]);
    assert.deepEqual(said(report), ['remit.edi: error'], guide);
    assert.match(report.files[0]!.findings.find((x) => x.rule === 'x12.not-a-claim-transaction')!.message, /^ST01 is '835', not 837: transaction set '0001' holds no claims/);
    assert.equal(code, 1, guide);
  }
});

test('an 835 found in a folder beside the claims is information, and the run passes', () => {
  const { code, report } = check([join(dir, 'batch')]);
  assert.deepEqual(said(report), ['remit.edi: information']);
  assert.equal(code, 0, JSON.stringify(report.files.map((f) => f.findings)));
});
