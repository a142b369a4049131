// MUE and add-on code (AOC) checks (issue 16) through the real bundled server over stdio: the
// tables are written to a temporary folder in CMS's layouts (the MUE CSV with its AMA notice
// record and two-line quoted header; the AOC tab-delimited text with Julian dates) and given in
// claimlint.mueFiles and claimlint.addOnCodeFiles. Then: an MAI 2 excess summed over two claims of
// one patient (the finding, its related location, the quick fix and fix-all through
// codeAction/resolve), an MAI 3 excess (an error with no fix), a type 1 add-on code without its
// primary (the finding and the removal fix), and the hovers on 97110, 11045 and 11042.
//
// The fixtures, and the text expected after a fix, are written here segment by segment (SE01 is
// counted here), so the test does not trust the product for SE01, CLM02, LX or the charges.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from './helpers/lspClient';
import type { ConflictCountNotification } from '../../server/src/lsp/protocol';
import { interchange as envelope } from '../unit/helpers/x12-envelope';
import { addOnCodeTable, practitionerMueCsv } from '../unit/helpers/ncci-tables';
import { hoverText, messageOf, rangeOf, summary } from './helpers/text';

// ---- tables --------------------------------------------------------------------------------

const MUE_CSV = practitionerMueCsv([
  '97110,4,2 Date of Service Edit: Policy,Clinical: Data',
  '97530,4,3 Date of Service Edit: Clinical,Clinical: Data',
  '11045,9,3 Date of Service Edit: Clinical,Clinical: Data',
]);

const AOC_TABLE = addOnCodeTable(['11045\t11042\t1\t2011001\t*\t2011001\t*\t', '11045\t11043\t1\t2011001\t*\t2011001\t*\t']);

// ---- fixtures ------------------------------------------------------------------------------

const PROFESSIONAL = '005010X222A1';
const DAY = '20260310';

/** An interchange with one ST/SE of the professional guide. */
function interchange(body: string[]): string {
  return envelope(PROFESSIONAL, [body]);
}

function billingProvider(): string[] {
  return [
    'BHT*0019*00*0001*20260101*1200*CH',
    'NM1*41*2*SUBMITTER CLINIC*****46*S000001',
    'PER*IC*CONTACT DESK*TE*5555550100',
    'NM1*40*2*EXAMPLE PAYER*****46*R000001',
    'HL*1**20*1',
    'NM1*85*2*EXAMPLE BILLING*****XX*1234567893',
    'N3*1 MAIN ST',
    'N4*SPRINGFIELD*ZZ*000000000',
    'REF*EI*000000000',
  ];
}

function subscriber(hl: number, memberId: string): string[] {
  return [`HL*${hl}*1*22*0`, 'SBR*P*18*******CI', `NM1*IL*1*DOE*JANE****MI*${memberId}`, 'N3*2 ELM ST', 'N4*SPRINGFIELD*IL*000000000', 'DMG*D8*19800101*F', 'NM1*PR*2*EXAMPLE PAYER*****PI*P000001'];
}

function clm(id: string, total: string): string[] {
  return [`CLM*${id}*${total}***11:B:1*Y*A*Y*Y`, 'HI*ABK:R69'];
}

/** An 837P service line: LX, SV1 with its units (SV1-04), DTP*472. */
function sv1(lx: number, code: string, charge: string, units: string): string[] {
  return [`LX*${lx}`, `SV1*HC:${code}*${charge}*UN*${units}***1`, `DTP*472*D8*${DAY}`];
}

/**
 * One patient, two claims on one date: claim 1 97110 x3 (90.00) and 99213; claim 2 97110 x`units`
 * (`charge`) and 99212. With the MUE of 4 (MAI 2), 3 + 2 units is one over.
 */
function twoClaims97110(units = '2', charge = '60.00', totalTwo = '160.00'): string {
  return interchange([
    ...billingProvider(),
    ...subscriber(2, 'M000001'),
    ...clm('CLAIM-A', '210.00'),
    ...sv1(1, '97110', '90.00', '3'),
    ...sv1(2, '99213', '120.00', '1'),
    ...subscriber(3, 'M000001'),
    ...clm('CLAIM-B', totalTwo),
    ...sv1(1, '97110', charge, units),
    ...sv1(2, '99212', '100.00', '1'),
  ]);
}

/** The same file with claim 2's 97110 lowered to 1 unit at 30.00 a unit, its CLM02 30.00 lower. */
const TWO_CLAIMS_FIXED = twoClaims97110('1', '30.00', '130.00');

// ---- helpers -------------------------------------------------------------------------------

let dir: string;
let client: TestClient;
let documents = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-units-aoc-'));
  const mue = join(dir, 'MCR_MUE_PractitionerServices_test.csv');
  const aoc = join(dir, 'aoc-test.txt');
  writeFileSync(mue, MUE_CSV);
  writeFileSync(aoc, AOC_TABLE);
  client = new TestClient({ settings: { ptpEditFiles: [], hospitalPtpEditFiles: [], mueFiles: [mue], addOnCodeFiles: [aoc], descriptorFiles: [], builtinEdits: true } });
  // Like VS Code: fix-all comes without its edits and is resolved with codeAction/resolve.
  await client.initialize(undefined, { resolveCodeActionEdits: true });
});

after(async () => {
  await client.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

async function open(text: string, name: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = TestClient.uriFor(`units-aoc-${++documents}-${name}`);
  const { diagnostics } = await client.open(uri, text);
  return { uri, diagnostics };
}



/** The NCCI count the server sent for the status bar (claimlint/conflictCount) for a document opened once. */
async function ncciCountOf(uri: string): Promise<number> {
  const count = (await client.waitForNotification('claimlint/conflictCount', 10000, (p) => (p as ConflictCountNotification.Params).uri === uri)) as ConflictCountNotification.Params;
  return count.ncciFindings;
}

/** The range of SV1-04 (the units) of the one SV1 that starts with `prefix` (through SV1-03). */
function unitsRange(text: string, prefix: string): Range {
  const at = text.indexOf(prefix);
  assert.ok(at >= 0 && text.indexOf(prefix, at + 1) < 0, `one ${prefix}`);
  const start = at + prefix.length;
  const end = text.indexOf('*', start);
  const doc = TextDocument.create('x', 'x12', 0, text);
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

function positionIn(text: string, within: string, needle = within): Position {
  const { start } = rangeOf(text, within, needle);
  return { line: start.line, character: start.character + 1 };
}

async function actionsFor(uri: string, target: Diagnostic): Promise<CodeAction[]> {
  return (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: target.range,
    context: { diagnostics: [target], only: ['quickfix'] },
  })) as CodeAction[];
}

/**
 * fix-all of the document, resolved (the server sends its edits on codeAction/resolve); null when
 * none is offered or it resolves without an edit (offered uncomputed, it found nothing to fix).
 */
async function fixAllOf(uri: string): Promise<CodeAction | null> {
  const actions = await client.fixAllActions(uri);
  if (actions.length === 0) return null;
  assert.equal(actions.length, 1);
  assert.equal(actions[0]!.kind, 'source.fixAll.claimlint');
  assert.equal(actions[0]!.edit, undefined, 'a resolving client gets fix-all without its edit');
  const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, actions[0]!);
  return resolved.edit ? resolved : null;
}

/** The diagnostics published for the fixed text, as `code@text`; the document is put back to `original` after. */
async function recheck(uri: string, fixed: string, original: string): Promise<string[]> {
  try {
    return summary((await client.change(uri, { text: fixed })).diagnostics, fixed);
  } finally {
    await client.change(uri, { text: original });
  }
}

function applied(text: string, action: CodeAction): string {
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'edits' in change, 'a text document edit');
  return TextDocument.applyEdits(TextDocument.create('x', 'x12', 0, text), change.edits as TextEdit[]);
}

// ---- (a) MAI 2 summed over two claims ------------------------------------------------------

describe('MUE MAI 2: 97110 with 3 units on claim 1 and 2 on claim 2 of one patient, MUE 4', () => {
  const text = twoClaims97110();
  let uri: string;
  let diagnostics: Diagnostic[];

  before(async () => {
    ({ uri, diagnostics } = await open(text, 'mai2.837'));
  });

  test('one mue.exceeded error on the units of claim 2, related to the units of claim 1', () => {
    assert.deepEqual(summary(diagnostics, text), ['mue.exceeded@2'], 'only the excess is found, and the fixture is otherwise valid');
    const [d] = diagnostics as [Diagnostic];
    assert.deepEqual(d.range, unitsRange(text, 'SV1*HC:97110*60.00*UN*'), 'SV1-04 of claim 2');
    assert.equal(d.severity, 1, 'error');
    assert.equal(d.source, 'claimlint');
    assert.match(messageOf(d), /^97110 is over its MUE of 4 \(practitioner table, MAI 2/);
    assert.match(messageOf(d), /5 units of 97110 are reported for this patient and provider on 03\/10\/2026, over 2 lines \(claim 1, service line 1 and this one\)/);
    assert.equal(d.relatedInformation?.length, 1, 'one related location: the other line summed');
    const related = d.relatedInformation![0]!;
    assert.equal(related.location.uri, uri);
    assert.deepEqual(related.location.range, unitsRange(text, 'SV1*HC:97110*90.00*UN*'), 'the units of claim 1');
    assert.match(related.message, /3 units of 97110/);
  });

  test('the status bar counts it as an NCCI edit hit, as it counts a PTP conflict', async () => {
    assert.equal(await ncciCountOf(uri), 1);
  });

  test('the quick fix lowers claim 2 to 1 unit at the same charge per unit and CLM02 with it; the re-check is clean', async () => {
    const actions = await actionsFor(uri, diagnostics[0]!);
    const lower = actions.find((a) => a.title.startsWith('Lower the units of 97110'));
    assert.ok(lower, `a units fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(lower.title, 'Lower the units of 97110 to its MUE of 4 for the day');
    assert.equal(lower.kind, 'quickfix');
    assert.equal(lower.isPreferred, true);
    assert.ok(actions.some((a) => /^Remove claim 2, service line 1 \(97110 over its MUE\)$/.test(a.title)), 'the removal is offered too');
    const fixed = applied(text, lower);
    assert.equal(fixed, TWO_CLAIMS_FIXED);
    assert.deepEqual(await recheck(uri, fixed, text), [], 'no mue.* and no x12.* finding (SE01, CLM02, LX)');
  });

  test('fix-all (source.fixAll.claimlint, resolved) does the same', async () => {
    const all = await fixAllOf(uri);
    assert.ok(all, 'fix-all is offered for an MAI 2 excess');
    assert.match(all.title, /lower the units of 1 line to their MUE/i);
    const fixed = applied(text, all);
    assert.equal(fixed, TWO_CLAIMS_FIXED);
    assert.deepEqual(await recheck(uri, fixed, text), []);
  });

  test('control: 4 units in all is at the MUE, not over it', async () => {
    const atLimit = twoClaims97110('1', '30.00', '130.00');
    assert.deepEqual((await open(atLimit, 'mai2-at-limit.837')).diagnostics, []);
  });
});

// ---- (b) MAI 3 -----------------------------------------------------------------------------

describe('MUE MAI 3: 97530 with 5 units on one line, MUE 4', () => {
  const text = interchange([...billingProvider(), ...subscriber(2, 'M000001'), ...clm('CLAIM-C', '250.00'), ...sv1(1, '97530', '250.00', '5')]);
  let uri: string;
  let diagnostics: Diagnostic[];

  before(async () => {
    ({ uri, diagnostics } = await open(text, 'mai3.837'));
  });

  test('a mue.exceeded error on the units (denied on processing), saying it can be appealed', async () => {
    assert.deepEqual(summary(diagnostics, text), ['mue.exceeded@5']);
    const [d] = diagnostics as [Diagnostic];
    assert.equal(d.severity, 1, 'error');
    assert.deepEqual(d.range, unitsRange(text, 'SV1*HC:97530*250.00*UN*'));
    assert.match(messageOf(d), /MAI 3/);
    assert.match(messageOf(d), /denied whole, unless the records support the units on appeal/);
    assert.equal(await ncciCountOf(uri), 1, 'counted in the status bar');
  });

  test('no quick fix, and fix-all leaves it alone', async () => {
    assert.deepEqual((await actionsFor(uri, diagnostics[0]!)).map((a) => a.title), []);
    assert.equal(await fixAllOf(uri), null);
  });
});

// ---- (c) a type 1 add-on code without its primary ------------------------------------------

describe('AOC type 1: 11045 without 11042 or 11043', () => {
  const withoutPrimary = (lines: string[][], total: string) => interchange([...billingProvider(), ...subscriber(2, 'M000001'), ...clm('CLAIM-D', total), ...lines.flat()]);
  const text = withoutPrimary([sv1(1, '99213', '120.00', '1'), sv1(2, '11045', '80.00', '1')], '200.00');
  let uri: string;
  let diagnostics: Diagnostic[];

  before(async () => {
    ({ uri, diagnostics } = await open(text, 'aoc.837'));
  });

  test('an aoc.primary-missing error on the 11045, naming its primaries', () => {
    assert.deepEqual(summary(diagnostics, text), ['aoc.primary-missing@11045']);
    const [d] = diagnostics as [Diagnostic];
    assert.equal(d.severity, 1, 'error');
    assert.deepEqual(d.range, rangeOf(text, 'HC:11045', '11045'));
    assert.match(messageOf(d), /AOC edit type 1/);
    assert.match(messageOf(d), /paid only with 11042, 11043/);
  });

  test('the removal quick fix removes the 11045 line and leaves a valid file', async () => {
    const actions = await actionsFor(uri, diagnostics[0]!);
    const removal = actions.find((a) => a.title.startsWith('Remove'));
    assert.ok(removal, `a removal among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(removal.title, 'Remove service line 2 (add-on code 11045 without its primary)');
    assert.equal(removal.isPreferred, true);
    const fixed = applied(text, removal);
    assert.equal(fixed, withoutPrimary([sv1(1, '99213', '120.00', '1')], '120.00'));
    assert.deepEqual(await recheck(uri, fixed, text), []);
  });

  test('fix-all removes it too', async () => {
    const all = await fixAllOf(uri);
    assert.ok(all, 'fix-all is offered for a type 1 add-on code');
    const fixed = applied(text, all);
    assert.equal(fixed, withoutPrimary([sv1(1, '99213', '120.00', '1')], '120.00'));
    assert.deepEqual(await recheck(uri, fixed, text), []);
  });

  test('control: with 11042 on the same claim and date there is no finding', async () => {
    const paired = withoutPrimary([sv1(1, '11042', '120.00', '1'), sv1(2, '11045', '80.00', '1')], '200.00');
    assert.deepEqual((await open(paired, 'aoc-paired.837')).diagnostics, []);
  });
});

// ---- (d) hovers ----------------------------------------------------------------------------

describe('hover on the codes of the tables', () => {
  const text = interchange([
    ...billingProvider(),
    ...subscriber(2, 'M000001'),
    ...clm('CLAIM-E', '290.00'),
    ...sv1(1, '97110', '90.00', '3'),
    ...sv1(2, '11042', '120.00', '1'),
    ...sv1(3, '11045', '80.00', '1'),
  ]);
  let uri: string;

  before(async () => {
    let diagnostics: Diagnostic[];
    ({ uri, diagnostics } = await open(text, 'hover.837'));
    assert.deepEqual(summary(diagnostics, text), []);
  });

  const hoverOn = async (code: string) => hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionIn(text, `HC:${code}`, code) }));

  test('97110: its MUE value and MAI', async () => {
    const markdown = await hoverOn('97110');
    assert.match(markdown, /\*\*MUE:\*\* at most 4 units \(MAI 2, per day, a policy limit; practitioner table; Clinical: Data\)/);
  });

  test('11045: an add-on code, with its type and primaries', async () => {
    const markdown = await hoverOn('11045');
    assert.match(markdown, /\*\*Add-on code\*\* \(type 1: only with a listed primary\): primaries 11042, 11043\./);
    assert.match(markdown, /\*\*MUE:\*\* at most 9 units \(MAI 3/);
  });

  test('11042: the primary for add-on code 11045', async () => {
    const markdown = await hoverOn('11042');
    assert.match(markdown, /\*\*Primary for add-on codes\*\* 11045\./);
    assert.doesNotMatch(markdown, /MUE/, '11042 has no MUE row');
  });
});
