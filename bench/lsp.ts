// The language server as an editor sees it: the bundled server (server/out/server.js) in a child
// process, driven over stdio with the protocol tests' TestClient. Every latency is measured at the
// client, from sending the message to receiving the answer (or the diagnostics of that version).
// Code actions are measured from two clients: one without codeAction/resolve, and one that
// resolves edits later as VS Code does, whose requests follow edits (see measureResolvingCodeActions).

import { readFileSync } from 'node:fs';
import { CodeActionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentSymbolRequest, HoverRequest, type Diagnostic, type DocumentSymbol, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../server/src/core/text';
import { TestClient } from '../test/protocol/helpers/lspClient';
import { randomSource } from './generate';

export interface LspOptions {
  file: string;
  opens: number;
  edits: number;
  hovers: number;
  codeActions: number;
  /** Requests sent (and not counted) before the hover and code action samples. */
  warmup: number;
  /** Node flags for the server process (e.g. --cpu-prof). */
  serverExecArgv?: string[];
  /** How long an open or an edit may take to its diagnostics before the run fails (default 120 s: a 50 MB file). */
  answerTimeoutMs?: number;
  /** claimlint.guideChecks for the session; absent: the server's default. */
  guideChecks?: 'off' | 'envelope' | 'full';
}

export interface Latencies {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LspResult {
  file: string;
  /** claimlint.guideChecks the session ran with ('default': the server's default). */
  guideChecks: 'off' | 'envelope' | 'full' | 'default';
  bytes: number;
  lines: number;
  /** didOpen -> first publishDiagnostics, each in ms (first = a cold server). */
  openMs: number[];
  /** The server main thread's CPU time for each open, ms. */
  openCpuMs: number[];
  diagnosticsAfterOpen: number;
  /** didChange of one character -> publishDiagnostics of that version, ms. */
  editMs: number[];
  editCpuMs: number[];
  /** True when every edit's diagnostics showed the finding the edit caused. */
  editsVerified: boolean;
  /**
   * One-character edits that change what the reader or the guide sees beyond a value, spread
   * over the file in turn: a CLM made CL (the claim's lines join the claim or loop before it), an
   * SBR01 P made Q (the subscriber loop), an HI qualifier ABK made ABQ (a guide finding in full).
   */
  structureEditMs: number[];
  structureEditCpuMs: number[];
  hover: Latencies;
  hoversWithContent: number;
  /** The server main thread's CPU time per hover, ms. */
  hoverCpu: Latencies;
  /** Code action requests of both sessions: the client's without codeAction/resolve, and the resolving client's (below). */
  codeAction: Latencies;
  codeActionsReturned: number;
  codeActionCpu: Latencies;
  /** Those of the client that resolves edits later, each after an edit or on the version of one. */
  codeActionResolving: Latencies;
  codeActionResolvingCpu: Latencies;
  /** Server process peak and current RSS (VmHWM / VmRSS), MB, after the edits. */
  serverPeakRssMB: number | null;
  serverRssMB: number | null;
  /** Server process CPU time (user + system, every thread) over the whole session, ms. */
  serverCpuMs: number | null;
  /** One textDocument/documentSymbol request after the edits: what crosses into the editor's extension host. */
  outline: { ms: number; cpuMs: number; symbols: number; bytes: number };
}

export function percentiles(samples: readonly number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

function procStatus(pid: number | undefined): { peak: number; rss: number } | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(/^(\w+):\s+(\d+) kB/m.exec(status.split('\n').find((l) => l.startsWith(`${name}:`)) ?? '')?.[2] ?? NaN);
    return { peak: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

/**
 * CPU time of the server's main thread (where every request is handled), ms, with nanosecond
 * resolution: the first field of /proc/PID/schedstat. The server is idle between requests, so
 * the difference over one request is that request's CPU time on the main thread.
 */
function mainThreadCpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

function procCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields 14 and 15 of /proc/PID/stat: utime and stime in clock ticks (100 a second here).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Offsets of every match of `pattern` (global regex) in text, plus `delta`. */
function offsetsOf(text: string, pattern: RegExp, delta = 0, limit = 1_000_000): number[] {
  const found: number[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null && found.length < limit; match = pattern.exec(text)) found.push(match.index + delta);
  return found;
}

/** Offsets of the last digit of each SV1 line charge: a one-character edit there only unbalances CLM02. */
function chargeDigitOffsets(text: string): number[] {
  return offsetsOf(text, /SV1\*[^*~]*\*\d+\.\d\d/g).map((start) => {
    const end = text.indexOf('*', text.indexOf('*', start + 4) + 1);
    return end - 1; // the last digit of the charge
  });
}

/** The range of the one character at `offset`. */
function characterAt(lines: LineIndex, offset: number): Diagnostic['range'] {
  const position = lines.positionAt(offset);
  return { start: position, end: { line: position.line, character: position.character + 1 } };
}

interface ActionRequest {
  range: Diagnostic['range'];
  diagnostics: Diagnostic[];
}

/** `total` code action requests: up to `onFindings` on findings (with their diagnostics, as an editor sends them), the rest anywhere. */
function actionRequestsOf(diagnostics: readonly Diagnostic[], onFindings: number, total: number, lines: LineIndex, textLength: number, random: () => number): ActionRequest[] {
  const requests: ActionRequest[] = spread(diagnostics, onFindings).map((d) => ({ range: d.range, diagnostics: [d] }));
  while (requests.length < total) {
    const position = lines.positionAt(Math.floor(random() * textLength));
    requests.push({ range: { start: position, end: position }, diagnostics: [] });
  }
  return requests;
}

/** One code action request, `only` unset and triggerKind Automatic (what VS Code sends when the cursor moves): its time and server CPU. */
async function timedCodeAction(client: TestClient, uri: string, request: ActionRequest): Promise<{ ms: number; cpuMs: number; returned: number }> {
  const cpu = mainThreadCpuMs(client.process.pid);
  const started = performance.now();
  const actions = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: request.range,
    context: { diagnostics: request.diagnostics, triggerKind: 2 },
  });
  return { ms: performance.now() - started, cpuMs: mainThreadCpuMs(client.process.pid) - cpu, returned: actions?.length ?? 0 };
}

function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(items[Math.floor(((i + 0.5) * items.length) / count)]!);
  return out;
}

/** A server for the session, started with the options' Node flags and guideChecks. */
function benchClient(options: LspOptions): TestClient {
  return new TestClient({ execArgv: options.serverExecArgv ?? [], settings: options.guideChecks ? { guideChecks: options.guideChecks } : {} });
}

/**
 * didOpen and didChange that resolve with the diagnostics published for their version, waiting up
 * to answerTimeoutMs: TestClient.open and change wait 10 s, and a 50 MB transaction set may take longer.
 */
function documentsOf(client: TestClient, options: LspOptions) {
  const timeoutMs = options.answerTimeoutMs ?? 120_000;
  const versions = new Map<string, number>();
  const diagnosticsOf = (uri: string, version: number): Promise<PublishDiagnosticsParams> =>
    client.waitForDiagnostics(uri, (p) => p.version === undefined || p.version === version, timeoutMs);
  const open = async (uri: string, content: string): Promise<PublishDiagnosticsParams> => {
    versions.set(uri, 1);
    const published = diagnosticsOf(uri, 1);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'x12', version: 1, text: content } });
    return published;
  };
  const change = async (uri: string, edit: { range: Diagnostic['range']; text: string }): Promise<PublishDiagnosticsParams> => {
    const version = (versions.get(uri) ?? 1) + 1;
    versions.set(uri, version);
    const published = diagnosticsOf(uri, version);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [edit] });
    return published;
  };
  return { open, change };
}

/** The server's start-up (settings request, built-in rules), let finish before timing. */
const settle = (): Promise<unknown> => new Promise((done) => setTimeout(done, 300));

/** The last digit of a charge, one higher: the edit both sessions make. */
const nextDigit = (text: string, offset: number): string => String((text.charCodeAt(offset) - 48 + 1) % 10);

/** What the session without codeAction/resolve measures: all but the code actions, which measureLsp joins with the other session's. */
type SessionResult = Omit<LspResult, 'codeAction' | 'codeActionsReturned' | 'codeActionCpu' | 'codeActionResolving' | 'codeActionResolvingCpu'>;

interface CodeActionSamples {
  ms: number[];
  cpuMs: number[];
  returned: number;
}

export async function measureLsp(options: LspOptions): Promise<LspResult> {
  const text = readFileSync(options.file, 'latin1');
  const lines = new LineIndex(text);
  const { result, codeActions } = await measureSession(options, text, lines);
  // After that session has ended, so that the two servers never hold the file at once.
  const resolving = await measureResolvingCodeActions(options, text, lines);
  return {
    ...result,
    codeAction: percentiles([...codeActions.ms, ...resolving.ms]),
    codeActionsReturned: codeActions.returned + resolving.returned,
    codeActionCpu: percentiles([...codeActions.cpuMs, ...resolving.cpuMs]),
    codeActionResolving: percentiles(resolving.ms),
    codeActionResolvingCpu: percentiles(resolving.cpuMs),
  };
}

/** Everything but the code actions of a client that resolves edits: a client without codeAction/resolve, as TestClient initializes by default. */
async function measureSession(options: LspOptions, text: string, lines: LineIndex): Promise<{ result: SessionResult; codeActions: CodeActionSamples }> {
  const random = randomSource(4242);
  const client = benchClient(options);
  const pid = client.process.pid;
  const { open, change } = documentsOf(client, options);
  try {
    await client.initialize();
    await settle();

    // ---- open (then close) the document `opens` times; the last one stays open ---------------
    const openMs: number[] = [];
    const openCpuMs: number[] = [];
    const serverCpu = () => mainThreadCpuMs(pid);
    let uri = '';
    let diagnostics: Diagnostic[] = [];
    for (let i = 0; i < options.opens; i++) {
      if (uri) await client.close(uri);
      uri = TestClient.uriFor(`bench-${i}.837`);
      const cpu = serverCpu();
      const started = performance.now();
      const published = await open(uri, text);
      openMs.push(performance.now() - started);
      openCpuMs.push(serverCpu() - cpu);
      diagnostics = published.diagnostics;
    }
    const diagnosticsAfterOpen = diagnostics.length;

    // ---- one-character edits: the last digit of a line charge, so CLM02 no longer adds up ----
    // Each edit adds one x12.clm02-sum finding: the count proves the diagnostics are the new ones.
    const editAt = spread(chargeDigitOffsets(text), options.edits);
    const editMs: number[] = [];
    const editCpuMs: number[] = [];
    let editsVerified = true;
    const countSums = (list: readonly Diagnostic[]) => list.filter((d) => d.code === 'x12.clm02-sum').length;
    const sumsBefore = countSums(diagnostics);
    let previous = sumsBefore;
    for (const offset of editAt) {
      const cpu = serverCpu();
      const started = performance.now();
      // change() resolves with the diagnostics published for this edit's version.
      const published = await change(uri, { range: characterAt(lines, offset), text: nextDigit(text, offset) });
      editMs.push(performance.now() - started);
      editCpuMs.push(serverCpu() - cpu);
      const sums = countSums(published.diagnostics);
      if (sums < previous) editsVerified = false;
      previous = sums;
      diagnostics = published.diagnostics;
    }
    // Edits are spread over the file, so (almost) every one lands in its own claim.
    if (editAt.length > 0 && previous - sumsBefore < editAt.length * 0.8) editsVerified = false;

    // ---- one-character edits to structure: a CLM broken, a subscriber loop, a guide code ------
    // Made on the edited text (the charge edits, of one digit each, are still in it), from the end
    // of the file back so that the positions before each edit stay those of the text as read.
    const structureEditMs: number[] = [];
    const structureEditCpuMs: number[] = [];
    const kinds: [RegExp, number, string][] = [
      [/CLM\*/g, 2, ''], // the M: 'CLM*' becomes 'CL*'
      [/SBR\*P\*/g, 4, 'Q'],
      [/HI\*ABK:/g, 5, 'Q'],
    ];
    const perKind = Math.max(1, Math.ceil(options.edits / kinds.length));
    const structureAt: { offset: number; remove: number; insert: string }[] = [];
    for (const [pattern, delta, insert] of kinds) {
      for (const offset of spread(offsetsOf(text, pattern, delta), perKind)) structureAt.push({ offset, remove: 1, insert });
    }
    structureAt.sort((a, b) => b.offset - a.offset);
    for (const { offset, remove, insert } of structureAt) {
      const position = lines.positionAt(offset);
      const range = { start: position, end: { line: position.line, character: position.character + remove } };
      const cpu = serverCpu();
      const started = performance.now();
      const published = await change(uri, { range, text: insert });
      structureEditMs.push(performance.now() - started);
      structureEditCpuMs.push(serverCpu() - cpu);
      diagnostics = published.diagnostics;
    }

    // ---- hovers: procedure codes, modifiers, segment ids, dates, delimiters, anywhere --------
    const targets = [
      ...spread(offsetsOf(text, /SV1\*HC:/g, 7), options.hovers * 0.3), // procedure codes
      ...spread(offsetsOf(text, /:(25|59|XU|LT|RT)[*:]/g, 1), options.hovers * 0.1), // modifiers
      ...spread(offsetsOf(text, /CLM\*/g, 1), options.hovers * 0.1), // segment ids
      ...spread(offsetsOf(text, /DTP\*472\*D8\*/g, 12), options.hovers * 0.1), // dates
      ...spread(offsetsOf(text, /~/g), options.hovers * 0.1), // segment terminators
    ];
    while (targets.length < options.hovers + options.warmup) targets.push(Math.floor(random() * text.length));
    const hoverSamples: number[] = [];
    let hoversWithContent = 0;
    const hoverCpuSamples: number[] = [];
    for (let i = 0; i < targets.length; i++) {
      const position = lines.positionAt(targets[(i * 7919) % targets.length]!);
      const cpu = serverCpu();
      const started = performance.now();
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      const elapsed = performance.now() - started;
      if (i < options.warmup) continue;
      hoverSamples.push(elapsed);
      hoverCpuSamples.push(serverCpu() - cpu);
      if (hover) hoversWithContent++;
    }

    // ---- code actions: on findings (with their diagnostics, as an editor sends them) and elsewhere
    const actionRequests = actionRequestsOf(diagnostics, Math.ceil(options.codeActions * 0.7), options.codeActions + options.warmup, lines, text.length, random);
    const codeActions: CodeActionSamples = { ms: [], cpuMs: [], returned: 0 };
    for (let i = 0; i < actionRequests.length; i++) {
      const timed = await timedCodeAction(client, uri, actionRequests[(i * 7919) % actionRequests.length]!);
      if (i < options.warmup) continue;
      codeActions.ms.push(timed.ms);
      codeActions.cpuMs.push(timed.cpuMs);
      codeActions.returned += timed.returned;
    }

    // ---- the outline, as the editor asks for it (and converts every symbol) ----------------------
    const outlineCpu = serverCpu();
    const outlineStarted = performance.now();
    const symbols = ((await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []) as DocumentSymbol[];
    const outlineMs = performance.now() - outlineStarted;
    const outlineCpuMs = serverCpu() - outlineCpu;
    const countSymbols = (list: readonly DocumentSymbol[]): number => list.reduce((sum, s) => sum + 1 + countSymbols(s.children ?? []), 0);
    const outline = { ms: outlineMs, cpuMs: outlineCpuMs, symbols: countSymbols(symbols), bytes: Buffer.byteLength(JSON.stringify(symbols)) };

    const memory = procStatus(pid);
    const result: SessionResult = {
      file: options.file,
      guideChecks: options.guideChecks ?? 'default',
      bytes: text.length,
      lines: lines.lineCount,
      openMs,
      openCpuMs,
      diagnosticsAfterOpen,
      editMs,
      editCpuMs,
      editsVerified,
      structureEditMs,
      structureEditCpuMs,
      hover: percentiles(hoverSamples),
      hoversWithContent,
      hoverCpu: percentiles(hoverCpuSamples),
      serverPeakRssMB: memory?.peak ?? null,
      serverRssMB: memory?.rss ?? null,
      serverCpuMs: procCpuMs(pid),
      outline,
    };
    return { result, codeActions };
  } finally {
    await client.shutdown();
  }
}

/**
 * Code actions from a client that resolves their edits later, as VS Code does (codeAction.resolveSupport
 * with 'edit', versioned workspace edits). Such a client is offered fix-all with every request, so
 * the first request after an edit is the one that would compute fix-all if offering it did (most of
 * a second on a 10 MB 837 with a conflict per claim): after `warmup` requests, `edits` one-character
 * edits (a charge digit, as in the session above) are spread over the `codeActions` requests, each
 * followed at once by a timed one. A session of its own: a client declares its capabilities once.
 */
async function measureResolvingCodeActions(options: LspOptions, text: string, lines: LineIndex): Promise<CodeActionSamples> {
  const client = benchClient(options);
  const { open, change } = documentsOf(client, options);
  const samples: CodeActionSamples = { ms: [], cpuMs: [], returned: 0 };
  try {
    await client.initialize(undefined, { resolveCodeActionEdits: true });
    await settle();
    const uri = TestClient.uriFor('bench-resolving.837');
    const { diagnostics } = await open(uri, text);
    const requests = actionRequestsOf(diagnostics, Math.ceil(options.codeActions * 0.7), options.codeActions + options.warmup, lines, text.length, randomSource(4243));
    const editAt = spread(chargeDigitOffsets(text), Math.min(options.edits, options.codeActions));
    const every = Math.max(1, Math.floor(options.codeActions / Math.max(1, editAt.length)));
    for (let i = 0; i < requests.length; i++) {
      const sample = i - options.warmup;
      const offset = sample >= 0 && sample % every === 0 ? editAt[sample / every] : undefined;
      // Not timed: the edit's own time is the session above's; the request after it is.
      if (offset !== undefined) await change(uri, { range: characterAt(lines, offset), text: nextDigit(text, offset) });
      const timed = await timedCodeAction(client, uri, requests[(i * 7919) % requests.length]!);
      if (sample < 0) continue;
      samples.ms.push(timed.ms);
      samples.cpuMs.push(timed.cpuMs);
      samples.returned += timed.returned;
    }
    return samples;
  } finally {
    await client.shutdown();
  }
}
