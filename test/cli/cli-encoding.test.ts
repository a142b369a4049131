// Issue 15 item 6: a file in an encoding Claimlint does not read (UTF-16 without a byte-order
// mark, UTF-16BE, EBCDIC) is told so, "looks like UTF-16LE; save it as UTF-8 or ASCII", instead
// of claimlint.unrecognized-format. Checked in process through run(), on the bytes of stdin.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { run, type Io } from '../../server/src/cli/main';
import { EBCDIC_037 } from '../unit/helpers/ebcdic';

const example = readFileSync(resolve(__dirname, '../../examples/professional-43214.837'), 'latin1');
const csv = 'Claim ID,Patient,DOS,CPT,Charge\nA1,P1,2026-03-10,43214,100.00\nA1,P1,2026-03-10,43200,50.00\n';

function check(bytes: Buffer): { code: number; findings: { rule: string; severity: string; message: string }[]; format: string | null } {
  const state = { out: '' };
  const io: Io = {
    stdout: (data) => (state.out += typeof data === 'string' ? data : Buffer.from(data).toString('latin1')),
    stderr: () => {},
    readStdin: () => bytes,
    isTty: false,
  };
  const code = run(['check', '--format', 'json', '-'], io) as number;
  const file = JSON.parse(state.out).files[0];
  return { code, findings: file.findings, format: file.format };
}

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const ebcdic = (text: string) => {
  const inverse = new Map<string, number>();
  EBCDIC_037.forEach((char, byte) => char !== '' && !inverse.has(char) && inverse.set(char, byte));
  return Buffer.from([...text].map((c) => inverse.get(c) ?? 0x6f));
};

describe('files in an encoding Claimlint does not read', () => {
  const cases: [string, Buffer, RegExp][] = [
    ['UTF-16LE without a byte-order mark (837)', Buffer.from(example, 'utf16le'), /looks like UTF-16LE text without a byte-order mark; save it as UTF-8 or ASCII/],
    ['UTF-16LE without a byte-order mark (CSV)', Buffer.from(csv, 'utf16le'), /looks like UTF-16LE text without a byte-order mark; save it as UTF-8 or ASCII/],
    ['UTF-16BE without a byte-order mark', utf16be(example), /looks like UTF-16BE text; save it as UTF-8 or ASCII/],
    ['UTF-16BE with its byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(example)]), /looks like UTF-16BE text; save it as UTF-8 or ASCII/],
    ['EBCDIC (837)', ebcdic(example), /looks like EBCDIC text \(IBM mainframe\); save it as UTF-8 or ASCII/],
    ['EBCDIC (CSV)', ebcdic(csv), /looks like EBCDIC text \(IBM mainframe\); save it as UTF-8 or ASCII/],
  ];
  for (const [name, bytes, message] of cases) {
    test(`${name}: one claimlint.encoding error, not unrecognized-format`, () => {
      const result = check(bytes);
      assert.equal(result.code, 1);
      assert.deepEqual(result.findings.map((f) => [f.rule, f.severity]), [['claimlint.encoding', 'error']]);
      assert.match(result.findings[0]!.message, message);
    });
  }

  test('files Claimlint does read are unchanged: UTF-16LE with its mark, latin-1 / Windows-1252, UTF-8', () => {
    const withMark = check(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(example, 'utf16le')]));
    assert.equal(withMark.format, 'x12');
    const latin1 = check(Buffer.from(csv.replace('P1', 'Jos\u00e9'), 'latin1'));
    assert.equal(latin1.format, 'csv');
    assert.ok(latin1.findings.every((f) => !f.rule.startsWith('claimlint.')), JSON.stringify(latin1.findings));
    assert.equal(check(Buffer.from(csv, 'utf8')).format, 'csv');
  });

  test('text that is no claim file in any encoding is still unrecognized-format', () => {
    assert.deepEqual(check(Buffer.from('Quarterly notes: nothing here looks like a claim.\n')).findings.map((f) => f.rule), ['claimlint.unrecognized-format']);
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    assert.deepEqual(check(noise).findings.map((f) => f.rule), ['claimlint.unrecognized-format']);
  });
});
