// Claim files checked from disk by the real server (issue 14): files whose text the editor never
// sends (VS Code does not synchronise files over 50 MB; which files those are is the client's
// business) are checked on request with the streaming reader, their diagnostics published for
// their URI and refreshed when they change on disk; and every claim file under a folder is checked
// at once, together, with work-done progress and cancellation.
//
// The oracle for ranges and messages is the server itself on the normal path: the same text opened
// as a document must give the same diagnostics as the file read from disk.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
  WorkDoneProgressCreateRequest,
  type Diagnostic,
  type Hover,
  type MarkupContent,
  type Position,
  type ProgressToken,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { CheckFolderRequest, DiskFilesRequest, type ConflictCountNotification } from '../../server/src/lsp/protocol';
import { LineStarts } from '../../server/src/lsp/lineStarts';
import { LineIndex } from '../../server/src/core/text';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { writeClaimsCsv } from '../unit/helpers/csv-writer';
import { TestClient } from './helpers/lspClient';

const DAY = { from: 20260310, to: 20260310 };
let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-disk-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function file(path: string, text: string | Buffer): { path: string; uri: string } {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return { path: full, uri: pathToFileURL(full).toString() };
}

/**
 * An 837P of `count` claims in `sets` transaction sets, one segment per line: every 400th claim
 * bills 43214 with 43200 on one date (a conflict), every 1000th has a CLM02 one dollar off.
 */
function batch(count: number, sets: number, lineEnding = '\r\n'): string {
  const claims: WriterClaim[] = Array.from({ length: count }, (_, i) => ({
    id: `CLAIM-${i}`,
    subscriberId: `M${i}`,
    ...(i % 1000 === 7 ? { totalCharge: '1.00' } : {}),
    lines: [
      { code: '43214', charge: '1500.00', date: DAY },
      { code: i % 400 === 3 ? '43200' : '99213', charge: '400.00', date: DAY },
    ],
  }));
  return writeX12(claims, { transactions: sets, lineEnding }).text;
}

/**
 * Diagnostics as comparable data (range, message, code, severity, related ranges and messages),
 * one string each, sorted: the editor sorts diagnostics itself, so their order is not compared.
 */
function comparable(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .map((d) => JSON.stringify({ range: d.range, message: d.message, code: d.code, severity: d.severity, related: d.relatedInformation?.map((r) => ({ range: r.location.range, message: r.message })) }))
    .sort();
}

function conflictCounts(client: TestClient, uri: string): ConflictCountNotification.Params[] {
  return client.notifications.filter((n) => n.method === 'claimlint/conflictCount').map((n) => n.params as ConflictCountNotification.Params).filter((p) => p.uri === uri);
}

describe('LineStarts: line breaks counted across pieces as LSP counts them, positions taken back as the editor takes them', () => {
  test('CR, LF and CRLF each end one line, also when a CRLF is split between two pieces', () => {
    const text = 'ab\r\ncd\ref\ngh\r\r\n\nij';
    const expected = new LineIndex(text);
    const reference = TextDocument.create('file:///t.837', 'x12', 1, text);
    for (let cut = 0; cut <= text.length; cut++) {
      for (let second = cut; second <= text.length; second++) {
        const starts = new LineStarts();
        starts.add(text.slice(0, cut));
        starts.add(text.slice(cut, second));
        starts.add(text.slice(second));
        starts.end();
        for (let offset = 0; offset <= text.length; offset++) {
          assert.deepEqual(starts.positionAt(offset), expected.positionAt(offset), `cut ${cut}/${second}, offset ${offset}`);
        }
        // Positions to offsets as the editor's document gives them: past a line's end, before its line break.
        for (let line = 0; line <= 7; line++) {
          for (let character = 0; character <= 5; character++) {
            assert.equal(starts.offsetAt({ line, character }), reference.offsetAt({ line, character }), `cut ${cut}/${second}, ${line}:${character}`);
          }
        }
      }
    }
  });
});

describe('a claim file checked from disk (claimlint/diskFiles)', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true } });
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  test('a 4 MB+ 837 from disk gets exactly the diagnostics of the same text opened in the editor', async () => {
    const text = batch(16_000, 32);
    const big = file('big/batch.837', text);
    assert.ok(statSync(big.path).size > 4 * 1024 * 1024, `${statSync(big.path).size} bytes`);

    const published = client.waitForDiagnostics(big.uri, () => true, 30_000);
    const result = await client.connection.sendRequest(DiskFilesRequest.type, { uris: [big.uri] });
    assert.deepEqual(result.files.map((f) => [f.uri, f.state, f.claims]), [[big.uri, 'checked', 16_000]]);
    const fromDisk = (await published).diagnostics;
    assert.equal(result.files[0]!.findings, fromDisk.length);

    const opened = await client.open(TestClient.uriFor('disk-oracle.837'), text);
    assert.deepEqual(comparable(fromDisk), comparable(opened.diagnostics));
    assert.equal(fromDisk.filter((d) => d.code === 'ptp.conflict').length, 40);
    assert.ok(fromDisk.some((d) => d.code !== 'ptp.conflict'), 'the structural findings too (CLM02 off)');
    // Related locations point into the file on disk.
    assert.ok(fromDisk.every((d) => (d.relatedInformation ?? []).every((r) => r.location.uri === big.uri)));

    // The first conflict, placed by hand: the 43200 of claim CLAIM-3.
    const lines = text.split('\r\n');
    const line = lines.findIndex((l) => l.startsWith('SV1*HC:43200*'));
    const first = fromDisk.find((d) => d.code === 'ptp.conflict')!;
    assert.deepEqual(first.range, { start: { line, character: 7 }, end: { line, character: 12 } });

    const counts = conflictCounts(client, big.uri);
    assert.deepEqual(counts.at(-1), { uri: big.uri, ncciFindings: 40, ncciErrors: 40, findings: fromDisk.length, builtinOnly: true, fromDisk: true, claimFile: true });
  });

  test('a hover on a procedure code answers from the disk index: the open document hover for the code, then the findings on its line', async () => {
    const text = batch(16_000, 32);
    const big = pathToFileURL(join(dir, 'big/batch.837')).toString();
    const oracle = TestClient.uriFor('disk-hover-oracle.837');
    const opened = await client.open(oracle, text);
    const hover = async (uri: string, position: Position): Promise<Hover | null> => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    const value = (hover: Hover | null): string => (hover?.contents as MarkupContent | undefined)?.value ?? '';

    // CLAIM-3 bills 43214 (service line 1) and 43200 (service line 2): the first conflict.
    const lines = text.split('\r\n');
    const two = lines.findIndex((l) => l.startsWith('SV1*HC:43200*'));
    let one = two;
    while (!lines[one]!.startsWith('SV1*HC:43214*')) one--;
    const conflict = opened.diagnostics.find((d) => d.code === 'ptp.conflict' && d.range.start.line === two);
    assert.ok(conflict, 'the conflict of the open document');

    const onTwo = await hover(big, { line: two, character: 9 });
    const expectedTwo = await hover(oracle, { line: two, character: 9 });
    assert.deepEqual(onTwo?.range, { start: { line: two, character: 7 }, end: { line: two, character: 12 } });
    assert.deepEqual(onTwo?.range, expectedTwo?.range);
    assert.ok(value(onTwo).startsWith(`${value(expectedTwo)}\n\n---\n\n`), value(onTwo));
    assert.ok(value(onTwo).includes('**On claim 4, service line 2** (checked from disk)'), value(onTwo));
    assert.ok(value(onTwo).includes(`\`ptp.conflict\` ${conflict.message}`), 'the conflict on this line');

    // The column-1 code: its descriptor, and the conflict it takes part in.
    const onOne = await hover(big, { line: one, character: 7 });
    assert.ok(value(onOne).startsWith(value(await hover(oracle, { line: one, character: 7 }))));
    assert.ok(value(onOne).includes('Esophagoscopy, flexible, transoral; with dilation of esophagus with balloon'), 'the descriptor of 43214');
    assert.ok(value(onOne).includes(`Column 1 code 43214 is on this line: ${conflict.message}`), value(onOne));

    // A code without findings: exactly the open document hover.
    const clean = lines.findIndex((l) => l.startsWith('SV1*HC:99213*'));
    const expectedClean = await hover(oracle, { line: clean, character: 10 });
    assert.ok(value(expectedClean).includes('**99213**'));
    assert.deepEqual(await hover(big, { line: clean, character: 10 }), expectedClean);

    // Off the procedure codes, and in a file no one asked to check: nothing.
    assert.equal(await hover(big, { line: two, character: 1 }), null);
    assert.equal(await hover(big, { line: two, character: 40 }), null);
    assert.equal(await hover(big, { line: 0, character: 5 }), null);
    assert.equal(await hover(pathToFileURL(join(dir, 'big/never-listed.837')).toString(), { line: two, character: 9 }), null);
    await client.close(oracle);
  });

  test('checked again when the file changes on disk', async () => {
    const big = { path: join(dir, 'big/batch.837'), uri: pathToFileURL(join(dir, 'big/batch.837')).toString() };
    const changed = client.waitForDiagnostics(big.uri, (p) => !p.diagnostics.some((d) => d.code === 'ptp.conflict'), 30_000);
    // The bundled codes billed as 99213: same length, no conflicts left (CLM02 findings stay).
    writeFileSync(big.path, batch(16_000, 32).replaceAll('HC:43200*', 'HC:99213*'));
    const after = await changed;
    assert.ok(after.diagnostics.length > 0);
    assert.ok(after.diagnostics.every((d) => d.code !== 'ptp.conflict'));
    // The hover index was rebuilt with the file: where 43200 was, 99213 and no conflict.
    const line = batch(16_000, 32).split('\r\n').findIndex((l) => l.startsWith('SV1*HC:43200*'));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: big.uri }, position: { line, character: 9 } });
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.ok(value.startsWith('**99213**'), value);
    assert.ok(!value.includes('ptp.conflict'), value);
  });

  test('a UTF-8 837 with a BOM and characters outside ASCII after the first pieces: positions in UTF-16 units, as the editor counts them', async () => {
    // One line, as most 837s come: every position after the names counts the characters before it.
    let text = batch(2_000, 4, '');
    // Names near the end (past the first 256 KB piece read as ASCII): an accent and a character outside the BMP (two UTF-16 units).
    const at = text.indexOf('DOE*JANE', 300_000);
    text = `${text.slice(0, at)}DOË*JOSÉ 😀${text.slice(at + 'DOE*JANE'.length)}`;
    const utf8 = file('utf8/bom.837', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const published = client.waitForDiagnostics(utf8.uri, () => true, 30_000);
    const result = await client.connection.sendRequest(DiskFilesRequest.type, { uris: [pathToFileURL(join(dir, 'big/batch.837')).toString(), utf8.uri] });
    assert.deepEqual(result.files.map((f) => f.state), ['checked', 'checked']);
    const fromDisk = (await published).diagnostics;
    const opened = await client.open(TestClient.uriFor('disk-oracle-utf8.837'), text);
    assert.ok(fromDisk.some((d) => d.code === 'ptp.conflict' && d.range.start.character > at), 'a conflict after the names');
    assert.deepEqual(comparable(fromDisk), comparable(opened.diagnostics));
  });

  test('a CSV export from disk, read whole, matches the editor path too', async () => {
    const text = writeClaimsCsv([
      { id: 'R1', patientId: 'P1', lines: [{ code: '43214', date: 20260310, units: 1, charge: 1500 }, { code: '43200', date: 20260310, units: 1, charge: 400 }] },
      { id: 'R2', patientId: 'P2', lines: [{ code: '99213', date: 20260310, units: 1, charge: 90 }] },
    ]);
    const csv = file('exports/claims.csv', text);
    const published = client.waitForDiagnostics(csv.uri);
    const result = await client.connection.sendRequest(DiskFilesRequest.type, { uris: [pathToFileURL(join(dir, 'big/batch.837')).toString(), csv.uri] });
    assert.deepEqual(result.files.map((f) => f.state), ['checked', 'checked']);
    const fromDisk = (await published).diagnostics;
    const opened = await client.open(TestClient.uriFor('disk-oracle.csv'), text, 'csv');
    assert.ok(fromDisk.some((d) => d.code === 'ptp.conflict'));
    assert.deepEqual(comparable(fromDisk), comparable(opened.diagnostics));
  });

  test('what is not a claim file, cannot be read, or is open in the editor is not checked from disk', async () => {
    const notes = file('notes/today.log', 'nothing about claims here\n');
    const missing = pathToFileURL(join(dir, 'no-such.837')).toString();
    const openUri = TestClient.uriFor('open-in-editor.837');
    await client.open(openUri, batch(3, 1));
    const big = pathToFileURL(join(dir, 'big/batch.837')).toString();
    const result = await client.connection.sendRequest(DiskFilesRequest.type, { uris: [big, notes.uri, missing, openUri, 'untitled:Untitled-1'] });
    assert.deepEqual(
      result.files.map((f) => [f.uri, f.state, f.reason]),
      [
        [big, 'checked', undefined],
        [notes.uri, 'not-claims', undefined],
        [missing, 'unreadable', 'no such file'],
        [openUri, 'open', undefined],
        ['untitled:Untitled-1', 'unreadable', 'not a file: URI'],
      ],
    );
  });

  test('a file left out of a later request is forgotten: its diagnostics are cleared', async () => {
    const big = pathToFileURL(join(dir, 'big/batch.837')).toString();
    const line = batch(16_000, 32).split('\r\n').findIndex((l) => l.startsWith('SV1*HC:43214*'));
    const hover = (): Promise<Hover | null> => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: big }, position: { line, character: 9 } });
    assert.ok(await hover(), 'a hover while the file is checked from disk');
    const cleared = client.waitForDiagnostics(big, (p) => p.diagnostics.length === 0);
    await client.connection.sendRequest(DiskFilesRequest.type, { uris: [] });
    await cleared;
    // Its index went with it.
    assert.equal(await hover(), null);
  });
});

describe('every claim file under a folder (claimlint/checkFolder)', () => {
  test('checks the workspace folder together with work-done progress; a cross-file conflict lands on the column-2 file', async () => {
    const folder = join(dir, 'workspace');
    const first = file('workspace/a.837', writeX12([{ id: 'C1', subscriberId: 'M1', lines: [{ code: '43214', charge: '100', date: DAY }] }], { lineEnding: '\n' }).text);
    // Another interchange control number than a.837's: the same one would be a finding of its own.
    const second = file('workspace/sub/b.837', writeX12([{ id: 'C2', subscriberId: 'M1', lines: [{ code: '43200', charge: '100', date: DAY }] }], { lineEnding: '\n', firstControl: 2 }).text);
    const csv = file('workspace/exports/c.csv', writeClaimsCsv([{ id: 'R1', patientId: 'P9', lines: [{ code: '99213', date: 20260310, units: 1, charge: 50 }] }]));
    file('workspace/notes.txt', 'not a claim file\n');
    file('workspace/.hidden/skipped.837', writeX12([{ id: 'C3', subscriberId: 'M1', lines: [{ code: '43200', charge: '100', date: DAY }] }]).text);

    const client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true } });
    try {
      await client.initialize(undefined, { workspaceFolder: folder });
      const progress: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
      client.connection.onProgress(WorkDoneProgress.type, 'folder-1', (value) => {
        progress.push(value);
      });
      const diagnostics = new Map<string, Diagnostic[]>();
      const waits = [first, second, csv].map((f) => client.waitForDiagnostics(f.uri).then((p) => diagnostics.set(f.uri, p.diagnostics)));

      const result = await client.connection.sendRequest(CheckFolderRequest.type, { workDoneToken: 'folder-1' });
      await Promise.all(waits);
      assert.deepEqual(result, { folder: pathToFileURL(folder).toString(), found: 3, checked: 3, claims: 3, errors: 1, warnings: 0, information: 0, unreadable: [], cancelled: false });

      assert.equal(progress[0]?.kind, 'begin');
      assert.equal((progress[0] as WorkDoneProgressBegin).cancellable, true);
      assert.ok(progress.some((p) => p.kind === 'report' && typeof p.percentage === 'number'), JSON.stringify(progress));
      assert.equal(progress.at(-1)?.kind, 'end');

      assert.deepEqual(diagnostics.get(first.uri), []);
      assert.deepEqual(diagnostics.get(csv.uri), []);
      const [conflict] = diagnostics.get(second.uri)!;
      assert.equal(conflict?.code, 'ptp.conflict');
      // SV1*HC:43200 is line 23 of the file (ISA, GS, ST, BHT, NM1, PER, NM1, HL, NM1, N3, N4, REF, HL, SBR, NM1, N3, N4, DMG, NM1, CLM, HI, LX, SV1).
      assert.deepEqual(conflict.range, { start: { line: 22, character: 7 }, end: { line: 22, character: 12 } });
      assert.match(conflict.message as string, /^43200 should not be billed with 43214 \(a\.837, claim 1, service line 1\)/);
    } finally {
      await client.shutdown();
    }
  });

  test('cancelled: the run stops before the last file, says so, ends its progress and publishes nothing', async () => {
    const folder = join(dir, 'many');
    const uris: string[] = [];
    for (let i = 0; i < 30; i++) uris.push(file(`many/batch-${String(i).padStart(2, '0')}.837`, batch(3_000, 6, '\n')).uri);
    const client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true } });
    try {
      await client.initialize(undefined, { workspaceFolder: folder });
      const source = new CancellationTokenSource();
      const progress: string[] = [];
      client.connection.onProgress(WorkDoneProgress.type, 'folder-2', (value) => {
        progress.push(value.kind);
        if (value.kind === 'report') source.cancel();
      });
      const result = await client.connection.sendRequest(CheckFolderRequest.type, { workDoneToken: 'folder-2' }, source.token);
      assert.equal(result.cancelled, true);
      assert.equal(result.found, 30);
      assert.ok(result.checked < 30, `${result.checked} checked`);
      assert.equal(progress.at(-1), 'end');
      // The run publishes before it answers; a request answered after the run's answer is a
      // barrier for anything published late on its account. No file of the run got diagnostics.
      await client.barrier();
      const published = client.publications.filter((p) => uris.includes(p.uri)).map((p) => p.uri);
      assert.deepEqual(published, []);
    } finally {
      await client.shutdown();
    }
  });
  test('a client that supports server-created progress (window.workDoneProgress) gets one, and cancels the run through it', async () => {
    const client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true } });
    try {
      const created: ProgressToken[] = [];
      const seen: { token: ProgressToken; kind: string; cancellable?: boolean }[] = [];
      let cancelOnReport = false;
      client.connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
        const token = params.token;
        created.push(token);
        // The progress notifications follow the answer: listen to this token from now on.
        client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
          seen.push({ token, kind: value.kind, ...(value.kind === 'begin' ? { cancellable: value.cancellable } : {}) });
          if (cancelOnReport && value.kind === 'report') void client.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token });
        });
      });
      const folder = pathToFileURL(join(dir, 'workspace')).toString();
      await client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folder,
        workspaceFolders: [{ uri: folder, name: 'workspace' }],
        capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } },
      });
      await client.connection.sendNotification(InitializedNotification.type, {});

      const result = await client.connection.sendRequest(CheckFolderRequest.type, {});
      assert.equal(result.checked, 3);
      assert.equal(created.length, 1);
      assert.deepEqual(seen[0], { token: created[0], kind: 'begin', cancellable: true });
      assert.equal(seen.at(-1)?.kind, 'end');

      // The user presses Cancel on that progress: window/workDoneProgress/cancel.
      cancelOnReport = true;
      const cancelled = await client.connection.sendRequest(CheckFolderRequest.type, { folder: pathToFileURL(join(dir, 'many')).toString() });
      assert.equal(cancelled.cancelled, true);
      assert.ok(cancelled.checked < cancelled.found, `${cancelled.checked} of ${cancelled.found}`);
    } finally {
      await client.shutdown();
    }
  });
});

describe('a claim file checked from disk with claimlint.guideChecks full', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true, guideChecks: 'full' } });
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  test('gets the guide findings, exactly as the same text opened in the editor', async () => {
    // A service date of a 13th month far into the file, and a procedure code qualifier that is no code.
    const clean = batch(16_000, 32);
    const date = clean.indexOf('D8*20260310', Math.floor(clean.length * 0.8)) + 3;
    let text = clean.slice(0, date) + '20261310' + clean.slice(date + 8);
    const hc = text.indexOf('SV1*HC:', Math.floor(text.length * 0.9)) + 4;
    text = text.slice(0, hc) + 'XX' + text.slice(hc + 2);
    // The same text opened first: once its guide findings are published, full is in force.
    const opened = await client.open(TestClient.uriFor('disk-guide-oracle.837'), text);
    const guide = opened.diagnostics.filter((d) => String(d.code).startsWith('guide.'));
    // The qualifier that is no code is that code's finding (the SV1 is placed: guides/qualifierRecovery.ts).
    assert.deepEqual(guide.map((d) => d.code).sort(), ['guide.code-invalid', 'guide.element-type']);
    const big = file('big/guide.837', text);
    const published = client.waitForDiagnostics(big.uri, () => true, 60_000);
    await client.connection.sendRequest(DiskFilesRequest.type, { uris: [big.uri] });
    const fromDisk = (await published).diagnostics;
    assert.deepEqual(comparable(fromDisk), comparable(opened.diagnostics));
  });
});
