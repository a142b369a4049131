// Issue 8, "never leak". The server and the CLI run with Node's network (and child-process)
// functions replaced by stubs that record and throw (test/fuzz/no-network.cjs); they go through
// open, hover, code actions, fix-all, formatting, outline and check/fix over fixtures whose names,
// member ids, claim ids, birth dates and addresses are sentinels, at every trace level the server
// controls. Nothing tried to reach the network, and no sentinel appears in anything the server or
// the CLI wrote: stderr, window/logMessage, window/showMessage, $/logTrace, telemetry/event, any
// other notification or request, diagnostics, hovers, code action titles, or CLI reports. (The
// outline legitimately names claims by CLM01, and a fixed file holds the claims; those are the
// only places the sentinels may be.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CodeActionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { claimSegments, writeTransactions, type SegmentSpec } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';
import { noNetwork, recordServerOutput, withDeadline } from '../fuzz/protocol';

const cliPath = resolve(__dirname, '../../server/out/cli.js');
const ANSWER_MS = 8000;

/** Values that must never leave the document, with the forms a date could be printed in. */
const SENTINELS = {
  subscriberLast: 'QXZSUBSCRIBERLAST',
  subscriberFirst: 'QXZSUBSCRIBERFIRST',
  patientLast: 'QXZPATIENTLAST',
  patientFirst: 'QXZPATIENTFIRST',
  memberId: 'QXZMEMBER8812',
  patientId: 'QXZPATID7731',
  claimId: 'QXZCLAIM4242',
  street: 'QXZ 77 SENTINEL LANE',
  city: 'QXZSENTINELCITY',
  birthDate: '19310517',
  badDate: 'QXZBADDATE',
  badCharge: 'QXZBADCHARGE',
};
const FORBIDDEN = [...Object.values(SENTINELS), 'QXZ', '05/17/1931', '1931-05-17', '5/17/1931', 'May 17, 1931', '17 May 1931'];

function leaks(text: string): string[] {
  return FORBIDDEN.filter((s) => text.includes(s));
}

const day = { from: 20260310, to: 20260310 };

/** An 837P with the sentinels in the subscriber and patient loops and in CLM01, a conflict, and invalid values. */
function sentinelX12(): string {
  const body = claimSegments([
    {
      id: SENTINELS.claimId,
      subscriberId: SENTINELS.memberId,
      patientId: SENTINELS.patientId,
      date: day,
      totalCharge: '9999.99', // wrong on purpose: a CLM02 finding
      lines: [
        { code: '43214', charge: '1500.00', date: day },
        { code: '43200', charge: '400.00', date: day },
        { code: '99213', charge: SENTINELS.badCharge, date: null, extraSegments: [['DTP', '472', 'D8', SENTINELS.badDate]] },
      ],
    },
  ]);
  const out: SegmentSpec[] = [];
  for (const segment of body) {
    if (segment[0] === 'NM1' && segment[1] === 'IL') {
      out.push(['NM1', 'IL', '1', SENTINELS.subscriberLast, SENTINELS.subscriberFirst, '', '', '', 'MI', SENTINELS.memberId]);
      out.push(['N3', SENTINELS.street], ['N4', SENTINELS.city, 'ZZ', '000000000'], ['DMG', 'D8', SENTINELS.birthDate, 'F']);
    } else if (segment[0] === 'NM1' && segment[1] === 'QC') {
      out.push(['NM1', 'QC', '1', SENTINELS.patientLast, SENTINELS.patientFirst]);
      out.push(['N3', SENTINELS.street], ['N4', SENTINELS.city, 'ZZ', '000000000'], ['DMG', 'D8', SENTINELS.birthDate, 'M']);
    } else out.push(segment);
  }
  return writeTransactions([out], { lineEnding: '\r\n' }).text;
}

/** A claim CSV with the sentinels in every identifying column, a conflict, and invalid cells. */
function sentinelCsv(): string {
  const name = `${SENTINELS.patientLast} ${SENTINELS.patientFirst}`;
  const address = `"${SENTINELS.street}, ${SENTINELS.city}"`;
  return [
    'Claim ID,Member ID,Patient Name,DOB,Address,DOS,CPT,Modifier 1,Units,Charge',
    `${SENTINELS.claimId},${SENTINELS.memberId},${name},${SENTINELS.birthDate},${address},2026-03-10,43214,,1,1500.00`,
    `${SENTINELS.claimId},${SENTINELS.memberId},${name},${SENTINELS.birthDate},${address},2026-03-10,43200,,1,400.00`,
    // Invalid date, units and charge (a code or modifier cell is shown back in its own hover, so not those).
    `${SENTINELS.claimId},${SENTINELS.memberId},${name},${SENTINELS.birthDate},${address},${SENTINELS.badDate},99213,,${SENTINELS.badCharge},${SENTINELS.badCharge}`,
    '',
  ].join('\n');
}

/** Offsets of every sentinel and of the codes, dates and delimiters around them: where a user might hover. */
function hoverOffsets(text: string): number[] {
  const offsets = new Set<number>();
  for (const needle of [...Object.values(SENTINELS), '43214', '43200', 'CLM', 'NM1', 'DMG', 'N3', '20260310', '*', '~', ',']) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      offsets.add(at);
      offsets.add(at + Math.floor(needle.length / 2));
    }
  }
  return [...offsets];
}

let dir: string;
let networkLog: string;
const x12 = sentinelX12();
const csv = sentinelCsv();

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-privacy-'));
  networkLog = join(dir, 'network.log');
  writeFileSync(join(dir, 'claims.837'), x12);
  writeFileSync(join(dir, 'claims.csv'), csv);
});

after(() => rmSync(dir, { recursive: true, force: true }));

function networkAttempts(): { api?: string; loaded?: number }[] {
  let text = '';
  try {
    text = readFileSync(networkLog, 'utf8');
  } catch {
    return [];
  }
  return text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { api?: string; loaded?: number });
}

describe('the language server: no network, no claim contents in anything it writes', () => {
  let client: TestClient;
  let output: ReturnType<typeof recordServerOutput>;
  const seen: { what: string; text: string }[] = [];
  const record = (what: string, value: unknown): void => {
    seen.push({ what, text: typeof value === 'string' ? value : JSON.stringify(value) ?? '' });
  };

  before(async () => {
    client = new TestClient({ execArgv: ['--require', noNetwork], env: { ...process.env, CLAIMLINT_NETWORK_LOG: networkLog } });
    output = recordServerOutput(client);
    await client.initialize({ workspaceTrusted: true });
  });

  after(async () => {
    await client.shutdown();
  });

  for (const trace of ['verbose', 'messages', 'off'] as const) {
    for (const [kind, text] of [['x12', x12], ['csv', csv]] as const) {
      test(`trace ${trace}, ${kind}: open, hover everywhere, code actions, fix-all, apply, format, outline, close`, async () => {
        seen.length = 0;
        await client.connection.sendNotification('$/setTrace', { value: trace });
        const uri = TestClient.uriFor(`privacy-${trace}.${kind === 'x12' ? '837' : 'csv'}`);
        const doc = TextDocument.create(uri, kind, 1, text);
        const published = await withDeadline(client.open(uri, text, kind), ANSWER_MS, 'diagnostics');
        const codes = published.diagnostics.map((d) => String(d.code));
        assert.ok(codes.includes('ptp.conflict'), `the fixture has a conflict: ${codes.join(', ')}`);
        assert.ok(codes.some((c) => !c.startsWith('ptp.')), `the fixture has structural findings: ${codes.join(', ')}`);
        const diagnosticText = (d: Diagnostic) => [d.message, ...(d.relatedInformation ?? []).map((r) => r.message)];
        published.diagnostics.forEach((d) => record(`diagnostic ${String(d.code)}`, diagnosticText(d)));

        for (const offset of hoverOffsets(text)) {
          const hover = await withDeadline(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: doc.positionAt(offset) }), ANSWER_MS, 'hover');
          record(`hover at ${offset}`, hover);
        }
        const everything = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
        const actions = (await withDeadline(client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: everything, context: { diagnostics: published.diagnostics } }), ANSWER_MS, 'code actions')) as CodeAction[];
        for (const action of actions) record(`code action "${action.title}"`, [action.title, action.diagnostics?.map((d) => d.message)]);
        const removal = actions.find((a) => a.title.startsWith('Remove'));
        assert.ok(removal, 'a removal quick fix');
        const change = removal.edit!.documentChanges![0]!;
        assert.ok('edits' in change);
        const fixed = TextDocument.applyEdits(doc, change.edits as TextEdit[]);
        const after = await withDeadline(client.change(uri, { text: fixed }), ANSWER_MS, 'diagnostics after the fix');
        after.diagnostics.forEach((d) => record(`diagnostic after the fix ${String(d.code)}`, diagnosticText(d)));
        for (const [name, request] of [
          ['formatting', () => client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })],
          ['single line', () => client.connection.sendRequest('claimlint/layout', { uri, layout: 'single-line' })],
          ['folding', () => client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })],
          // The outline names claims by CLM01 for the user: looked at, not checked.
          ['outline', () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })],
        ] as const) {
          await withDeadline((request as () => Promise<unknown>)(), ANSWER_MS, name);
        }
        await client.close(uri);

        for (const { what, text: written } of seen) assert.deepEqual(leaks(written), [], `${what}: ${written.slice(0, 300)}`);
        seen.length = 0;
      });
    }
  }

  test('a claim file set as a PTP table and as a descriptor file by mistake: the load problems quote none of it', async () => {
    await client.changeSettings({ ptpEditFiles: [join(dir, 'claims.837'), join(dir, 'claims.csv')], descriptorFiles: [join(dir, 'claims.837'), join(dir, 'claims.csv')], builtinEdits: true });
    const problems = (await withDeadline(client.waitForNotification('claimlint/loadProblems'), ANSWER_MS, 'load problems')) as { problems: string[] };
    assert.ok(problems.problems.length > 0, 'the files are reported as unusable');
    await client.changeSettings({ ptpEditFiles: [], descriptorFiles: [], builtinEdits: true });
    await withDeadline(client.open(TestClient.uriFor('after-settings.837'), x12), ANSWER_MS, 'diagnostics');
  });

  test('everything the server wrote, at every trace level, holds no sentinel; nothing tried the network', async () => {
    const written = [
      ...client.notifications.map((n) => ({ what: n.method, text: JSON.stringify(n.params) })),
      ...output.notifications.map((n) => ({ what: n.method, text: JSON.stringify(n.params) })),
      ...output.requests.map((r) => ({ what: `request ${r.method}`, text: JSON.stringify(r.params) })),
      { what: 'stderr', text: client.stderr.join('') },
    ];
    assert.ok(client.notifications.some((n) => n.method === 'window/logMessage'), 'the server did log (so the check is not vacuous)');
    for (const { what, text } of written) assert.deepEqual(leaks(text), [], `${what}: ${text.slice(0, 300)}`);
    const attempts = networkAttempts();
    assert.ok(attempts.some((a) => a.loaded !== undefined), 'the no-network preload ran in the server');
    assert.deepEqual(attempts.filter((a) => a.api), [], 'no network or child-process call');
  });
});

describe('the CLI: no network, no claim contents in its reports and messages', () => {
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, ['--require', noNetwork, cliPath, ...args], {
      encoding: 'utf8',
      env: { ...process.env, CLAIMLINT_NETWORK_LOG: networkLog },
      timeout: 30_000,
    });
    assert.equal(result.error, undefined);
    return result;
  };

  for (const file of ['claims.837', 'claims.csv']) {
    for (const format of ['text', 'json', 'sarif']) {
      test(`check --format ${format} ${file}`, () => {
        const result = run(['check', '--format', format, join(dir, file)]);
        assert.equal(result.status, 1, result.stderr);
        assert.match(result.stdout, /ptp\.conflict/);
        assert.deepEqual(leaks(result.stdout), [], result.stdout.slice(0, 500));
        assert.deepEqual(leaks(result.stderr), [], result.stderr);
      });
    }

    test(`fix ${file} (writes the fixed claims to --out; says nothing about them)`, () => {
      const out = join(dir, `fixed-${file}`);
      const result = run(['fix', '--out', out, join(dir, file)]);
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      assert.deepEqual(leaks(result.stdout), []);
      assert.deepEqual(leaks(result.stderr), [], result.stderr);
      assert.ok(readFileSync(out, 'utf8').includes(SENTINELS.claimId), 'the fixed file keeps the claims');
    });

    test(`check with ${file} given as a PTP table and as a descriptor file: the warnings quote none of it`, () => {
      const result = run(['check', '--ptp', join(dir, file), '--descriptors', join(dir, file), join(dir, file)]);
      assert.match(result.stderr, /^claimlint: .*--ptp|^claimlint: .*(warning|cannot)/m, 'the rule files are reported as unusable');
      assert.deepEqual(leaks(result.stderr), [], result.stderr);
      assert.deepEqual(leaks(result.stdout), [], result.stdout);
    });
  }

  test('nothing tried the network or started a program', () => {
    const attempts = networkAttempts();
    assert.ok(attempts.filter((a) => a.loaded !== undefined).length >= 2, 'the preload ran in the CLI processes');
    assert.deepEqual(attempts.filter((a) => a.api), []);
  });
});
