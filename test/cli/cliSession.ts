// What cli.test.ts's parts share: the built bundle and a temporary folder per test file, runners
// that spawn `node server/out/cli.js` there (waiting, not waiting, bytes), a file writer, and the
// JSON report's shape.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, useBuiltCli, type CliRun } from './harness';

export interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  codes: string[];
  descriptors?: Record<string, string>;
}

export interface CliSession {
  /** The test file's temporary folder (made before its first test). */
  dir(): string;
  claimlint(args: readonly string[], options?: { input?: string | Buffer; cwd?: string }): CliRun;
  /** Like claimlint(), without waiting: several big runs go at once. */
  claimlintAsync(args: readonly string[], input?: Buffer): Promise<CliRun>;
  claimlintBytes(args: readonly string[], input?: Buffer): { code: number; stdout: Buffer; stderr: string };
  /** Writes a file into the folder; its path. */
  file(name: string, content: string | Buffer): string;
}

export function useCliSession(prefix: string): CliSession {
  const { dir } = useBuiltCli(prefix);
  return {
    dir,
    claimlint(args, options = {}) {
      const result = spawnSync(process.execPath, [cli, ...args], {
        cwd: options.cwd ?? dir(),
        input: options.input ?? '',
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      if (result.error) throw result.error;
      return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
    claimlintAsync(args, input) {
      return new Promise((resolveRun, reject) => {
        const child = spawn(process.execPath, [cli, ...args], { cwd: dir() });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        // A run that checks a path never reads its standard input.
        child.stdin.on('error', () => {});
        child.on('error', reject);
        child.on('close', (code) => resolveRun({ code: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
        child.stdin.end(input ?? '');
      });
    },
    claimlintBytes(args, input) {
      const result = spawnSync(process.execPath, [cli, ...args], { cwd: dir(), input: input ?? '', maxBuffer: 64 * 1024 * 1024 });
      return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
    },
    file(name, content) {
      const path = join(dir(), name);
      writeFileSync(path, content);
      return path;
    },
  };
}

export function json(run: CliRun): { files: { path: string; format: string | null; claims: number; serviceLines: number; findings: JsonFinding[] }[] } {
  return JSON.parse(run.stdout);
}

/** Zero-based line and UTF-16 character of an offset (LF files). */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
