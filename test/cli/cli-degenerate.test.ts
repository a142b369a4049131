// `claimlint check` of big 837s of every shape in bounded memory (issue 14, "Bounded memory for
// any input"): one transaction set of many claims, an ISA followed by a run of empty segments,
// a run of one-element segments, and one segment with no terminator. Each shape is written at two
// sizes (48 and 96 MB) and checked by the built CLI in a process of its own; its peak RSS (from
// process.resourceUsage() at exit, recorded by bench/rss-hook.cjs) stays within the budget of
// twice the file, and grows with the file by at most half what the file grows by (it levels off
// at about 140 MB whatever the size; the garbage collector lets it rise some way to that).
// Reading a whole transaction set, or keeping typed-array entries for every empty segment of the
// file at once, takes 3 to 20 times the file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const MB = 1024 * 1024;
const SMALL = 48 * MB;
const LARGE = 96 * MB;
let dir = '';
let cli = '';

const ISA = 'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *240115*1200*^*00501*000000001*0*T*:~';
const OPEN_SET = 'GS*HC*SENDER01*RECEIVER01*20240115*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~';

/** Writes `head`, then `unit` repeated to about `bytes`, then `tail`, in 1 MB writes. */
function writeRepeated(path: string, head: string, unit: string, bytes: number, tail = ''): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    const chunk = unit.repeat(Math.max(1, Math.floor(MB / unit.length)));
    for (let written = 0; written < bytes; written += chunk.length) writeSync(fd, chunk);
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}

/**
 * One transaction set of claims, about `bytes` with a line break after each segment, written a
 * megabyte at a time: no structural finding and no coding finding (the codes have no built-in
 * edits), so the output does not grow with the file either.
 */
function writeOneSet(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  try {
    const head = [ISA, OPEN_SET, 'BHT*0019*00*1*20240115*1200*CH~', 'NM1*41*2*SUBMITTER*****46*S000001~', 'NM1*40*2*PAYER*****46*R000001~', 'HL*1**20*1~', 'NM1*85*2*BILLING*****XX*1234567893~'];
    writeSync(fd, head.join('\n') + '\n');
    let segments = head.length - 1; // from ST on: not ISA and GS (OPEN_SET holds GS and ST)
    let written = 0;
    let chunk = '';
    for (let i = 0; written < bytes; i++) {
      const claim = [
        `HL*${i + 2}*1*22*0~`, 'SBR*P*18*******CI~', `NM1*IL*1*DOE*JANE****MI*M${String(i % 5000).padStart(6, '0')}~`, 'N3*2 ELM ST~', 'N4*SPRINGFIELD*IL*000000000~', 'DMG*D8*19800101*F~', 'NM1*PR*2*PAYER*****PI*P000001~',
        `CLM*C${i}*90.00***11:B:1*Y*A*Y*Y~`, 'HI*ABK:R69~', 'LX*1~', 'SV1*HC:99213*75.00*UN*1***1~', 'DTP*472*D8*20260310~', 'LX*2~', 'SV1*HC:36415*15.00*UN*1***1~', 'DTP*472*D8*20260310~',
      ];
      segments += claim.length;
      chunk += claim.join('\n') + '\n';
      if (chunk.length >= MB) {
        writeSync(fd, chunk);
        written += chunk.length;
        chunk = '';
      }
    }
    writeSync(fd, `${chunk}SE*${segments + 1}*0001~\nGE*1*1~\nIEA*1*000000001~\n`);
  } finally {
    closeSync(fd);
  }
}

const SHAPES: Record<string, (path: string, bytes: number) => void> = {
  'one transaction set of many claims': writeOneSet,
  'an ISA and a run of empty segments': (path, bytes) => writeRepeated(path, ISA, '~', bytes),
  'a run of one-element segments in a transaction set': (path, bytes) => writeRepeated(path, ISA + OPEN_SET, 'N3*A~', bytes, 'SE*1*0001~GE*1*1~IEA*1*000000001~'),
  'one segment with no terminator': (path, bytes) => writeRepeated(path, ISA + OPEN_SET + 'NTE*', 'ABCDEFGHIJ', bytes),
};

interface Usage {
  maxRssMB: number;
  cpuMs: number;
}

function check(path: string): Usage {
  const usagePath = `${path}.usage.json`;
  const result = spawnSync(process.execPath, ['--require', join(root, 'bench/rss-hook.cjs'), cli, 'check', '--format', 'json', path], {
    encoding: 'utf8',
    maxBuffer: 64 * MB,
    env: { ...process.env, CLAIMLINT_BENCH_USAGE: usagePath },
  });
  if (result.error) throw result.error;
  assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { files: { format: string }[] };
  assert.equal(report.files[0]!.format, 'x12');
  return JSON.parse(readFileSync(usagePath, 'utf8')) as Usage;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-degenerate-'));
  // A build of its own: other runs may rebuild server/out meanwhile.
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out-root', join(dir, 'build')], { cwd: root, stdio: 'pipe' });
  cli = join(dir, 'build/server/out/cli.js');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('claimlint check: memory follows the largest claim, not the file, for every shape', () => {
  for (const [shape, write] of Object.entries(SHAPES)) {
    test(shape, (t) => {
      const small = join(dir, 'small.837');
      const large = join(dir, 'large.837');
      write(small, SMALL);
      write(large, LARGE);
      const grown = statSync(large).size - statSync(small).size;
      const [a, b] = [check(small), check(large)];
      const growthMB = b.maxRssMB - a.maxRssMB;
      const shown = `peak RSS ${a.maxRssMB.toFixed(0)} MB (CPU ${a.cpuMs.toFixed(0)} ms) for ${(statSync(small).size / MB).toFixed(1)} MB, ${b.maxRssMB.toFixed(0)} MB (CPU ${b.cpuMs.toFixed(0)} ms) for ${(statSync(large).size / MB).toFixed(1)} MB`;
      t.diagnostic(shown);
      assert.ok(b.maxRssMB * MB <= 2 * statSync(large).size, `over twice the file: ${shown}`);
      assert.ok(growthMB < (0.5 * grown) / MB, `grows with the file: ${shown}`);
    });
  }
});
