// Found in review: the text format is one `path:line:col severity rule message` line per finding;
// messages are made one line (report.ts, oneLine) but the path was printed raw, so a file name with
// a line break split a finding over two lines and a line-based consumer (grep, a problem matcher)
// read a finding whose "path" was the tail of the name. Control characters in the path are now
// escaped in the text format (a line break as \n), every other character kept; JSON and SARIF
// carry the name as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBuiltCli } from './harness';
import { pathOnOneLine } from '../../server/src/cli/report';

const harness = useBuiltCli('claimlint-newline-path-');

test('a file name with a line break still gives one stdout line per finding', { skip: process.platform === 'win32' && 'no line breaks in Windows file names' }, () => {
  mkdirSync(join(harness.dir(), 'batch'));
  writeFileSync(join(harness.dir(), 'batch', 'march\nexport.csv'), 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,03/10/2026,43214,1\nC1,M1,03/10/2026,43200,1\n');
  const json = harness.claimlint(['check', '--format', 'json', 'batch']);
  const findings = (JSON.parse(json.stdout) as { files: { findings: unknown[] }[] }).files.flatMap((f) => f.findings).length;
  assert.equal(findings, 1);
  const text = harness.claimlint(['check', 'batch']);
  assert.equal(text.code, 1);
  const lines = text.stdout.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, findings, text.stdout);
  assert.match(lines[0]!, /^batch\/march\\nexport\.csv:3:\d+ error ptp\.conflict /);
});

test('control characters in a path are escaped, every other character kept', () => {
  assert.equal(pathOnOneLine('plain/name é.837'), 'plain/name é.837');
  assert.equal(pathOnOneLine('a\nb\r\tc'), 'a\\nb\\r\\tc');
  assert.equal(pathOnOneLine('\u0001x\u007f\u0085\u2028y\u2029'), '\\x01x\\x7f\\x85\\u2028y\\u2029');
  assert.equal(pathOnOneLine('C:\\claims\\a.837'), 'C:\\claims\\a.837');
});
