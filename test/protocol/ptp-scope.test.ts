// PTP edits judged per patient, provider and date across the claims of a document, through the
// real bundled server over stdio: the finding on a line of another claim, its related location,
// the removal fix that keeps every claim valid, the other-rendering-provider information, and the
// table chosen by claim type (an 837I by the outpatient hospital table from
// claimlint.hospitalPtpEditFiles, an 837P by the practitioner/built-in one).
//
// The fixtures are written here segment by segment; the expected text after a fix is written the
// same way, so the test does not trust the product (or a shared writer) for SE01, CLM02 or LX.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeActionRequest,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type Position,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from './helpers/lspClient';
import type { ConflictCountNotification } from '../../server/src/lsp/protocol';
import { interchange } from '../unit/helpers/x12-envelope';
import { hoverText, messageOf, rangeOf, summary } from './helpers/text';
import { practitionerPtpText } from '../unit/helpers/ncci-tables';

// ---- fixtures ------------------------------------------------------------------------------

const PROFESSIONAL = '005010X222A1';
const INSTITUTIONAL = '005010X223A2';
const DAY = '20260310';

/**
 * An interchange with one GS and one ST/SE per body. SE01 is counted here (ST through SE), so a
 * fixture, and the text expected after a fix, is valid by construction and independent of the product.
 */

/** BHT through the billing provider (2000A/2010AA). */
function billingProvider(npi = '1234567893', hl = 1): string[] {
  return [
    ...(hl === 1 ? ['BHT*0019*00*0001*20260101*1200*CH', 'NM1*41*2*SUBMITTER CLINIC*****46*S000001', 'PER*IC*CONTACT DESK*TE*5555550100', 'NM1*40*2*EXAMPLE PAYER*****46*R000001'] : []),
    `HL*${hl}**20*1`,
    `NM1*85*2*EXAMPLE BILLING ${hl}*****XX*${npi}`,
    'N3*1 MAIN ST',
    'N4*SPRINGFIELD*ZZ*000000000',
    'REF*EI*000000000',
  ];
}

/** A 2000B subscriber loop (the subscriber is the patient) under billing provider HL `parent`. */
function subscriber(hl: number, memberId: string, parent = 1): string[] {
  return [`HL*${hl}*${parent}*22*0`, 'SBR*P*18*******CI', `NM1*IL*1*DOE*JANE****MI*${memberId}`, 'N3*2 ELM ST', 'N4*SPRINGFIELD*IL*000000000', 'DMG*D8*19800101*F', 'NM1*PR*2*EXAMPLE PAYER*****PI*P000001'];
}

/**
 * A 2000B subscriber with a 2000C patient (a dependent). As the 5010 837P guide has it, the
 * patient is named without an id (NM108/NM109 of 2010CA are not used) and has an address and
 * demographics (N3, N4, DMG), so dependents of one subscriber are told apart by name.
 */
function dependent(hl: number, memberId: string, first: string, birthDate: string, gender: 'F' | 'M'): string[] {
  return [
    `HL*${hl}*1*22*1`,
    'SBR*P********CI',
    `NM1*IL*1*DOE*JANE****MI*${memberId}`,
    'NM1*PR*2*EXAMPLE PAYER*****PI*P000001',
    `HL*${hl + 1}*${hl}*23*0`,
    'PAT*19',
    `NM1*QC*1*DOE*${first}`,
    'N3*2 ELM ST',
    'N4*SPRINGFIELD*IL*000000000',
    `DMG*D8*${birthDate}*${gender}`,
  ];
}

/** An 837P service line (2400): LX, SV1, DTP*472, then any 2420 segments. */
function sv1(lx: number, code: string, charge: string, ...extra: string[]): string[] {
  return [`LX*${lx}`, `SV1*HC:${code}*${charge}*UN*1***1`, `DTP*472*D8*${DAY}`, ...extra];
}

function sv2(lx: number, revenue: string, code: string, charge: string): string[] {
  return [`LX*${lx}`, `SV2*${revenue}*HC:${code}*${charge}*UN*1`, `DTP*472*D8*${DAY}`];
}

const rendering = (npi: string, last: string) => `NM1*82*1*${last}*ANN****XX*${npi}`;

function clm(id: string, total: string): string[] {
  return [`CLM*${id}*${total}***11:B:1*Y*A*Y*Y`, 'HI*ABK:R69'];
}

function clmInstitutional(id: string, total: string): string[] {
  return [`CLM*${id}*${total}***13:A:1**A*Y*Y`, `DTP*434*RD8*${DAY}-${DAY}`, 'CL1*1*1*01', 'HI*ABK:R69'];
}

/** Claim 1: 43214 (line 1) and 99213; claim 2 of the same member and date: 45378, 43200 (line 2), 99212. */
function crossClaim(claimTwoTotal = '770.00', claimTwoLines: string[][] = [sv1(1, '45378', '250.00'), sv1(2, '43200', '400.00'), sv1(3, '99212', '120.00')]): string[] {
  return [
    ...billingProvider(),
    ...subscriber(2, 'M000001'),
    ...clm('CLAIM-A', '1620.00'),
    ...sv1(1, '43214', '1500.00'),
    ...sv1(2, '99213', '120.00'),
    ...subscriber(3, 'M000001'),
    ...clm('CLAIM-B', claimTwoTotal),
    ...claimTwoLines.flat(),
  ];
}

// ---- helpers -------------------------------------------------------------------------------

let dir: string;
let hospitalTable: string;
let client: TestClient;
let documents = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-ptp-scope-'));
  // The CMS layout: a six-line preamble (copyright, title, a header wrapped over four lines),
  // then tab-separated rows, CRLF. 43214/76000 with indicator 1 (the built-in set says 0).
  hospitalTable = join(dir, 'ccioph-test.txt');
  writeFileSync(hospitalTable, [
    'Synthetic outpatient hospital PTP table for tests.  No rights reserved.\t\t\t\t\t\t',
    'Column1/Column2 Edits\t\t\t\t\t\t',
    'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
    '\t\tprior to 1996\tDate\tDate\t0=not allowed\t',
    '\t\t\t\t*=no data\t1=allowed\t',
    '\t\t\t\t\t9=not applicable\t',
    '43214\t76000\t\t20200101\t*\t1\tStandards of medical / surgical practice',
    '',
  ].join('\r\n'));
  // A practitioner table too (a pair no fixture holds), so that the 837Ps are judged by a table that
  // is loaded (with only the hospital one, they are told so: ncci.table-not-loaded), beside the built-in rows.
  const practitionerTable = join(dir, 'ccipra-test.txt');
  writeFileSync(practitionerTable, practitionerPtpText(['11042\t97597\t\t20200101\t*\t1\tMisuse of column two code with column one code']));
  client = new TestClient({ settings: { ptpEditFiles: [practitionerTable], hospitalPtpEditFiles: [hospitalTable], descriptorFiles: [], builtinEdits: true } });
  await client.initialize();
});

after(async () => {
  await client.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

async function open(text: string, name: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = TestClient.uriFor(`ptp-scope-${++documents}-${name}`);
  const { diagnostics } = await client.open(uri, text);
  return { uri, diagnostics };
}



function positionIn(text: string, needle: string, nth = 0): Position {
  const { start } = rangeOf(text, needle, needle, nth);
  return { line: start.line, character: start.character + 1 };
}

async function removalFor(uri: string, target: Diagnostic): Promise<CodeAction> {
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: target.range,
    context: { diagnostics: [target] },
  })) as CodeAction[];
  const removal = actions.find((a) => a.title.startsWith('Remove'));
  assert.ok(removal, `a removal action among ${JSON.stringify(actions.map((a) => a.title))}`);
  return removal;
}

function applied(text: string, action: CodeAction): string {
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'edits' in change, 'a text document edit');
  return TextDocument.applyEdits(TextDocument.create('x', 'x12', 0, text), change.edits as TextEdit[]);
}

// ---- (a) one patient, one provider, one date, two claims -------------------------------------

describe('a conflict split across two claims of one patient, provider and date', () => {
  const text = interchange(PROFESSIONAL, [crossClaim()]);
  let uri: string;
  let diagnostics: Diagnostic[];

  before(async () => {
    ({ uri, diagnostics } = await open(text, 'two-claims.837'));
  });

  test('one ptp.conflict on the 43200 of claim 2, naming claim 1, service line 1, related to its 43214', () => {
    assert.deepEqual(summary(diagnostics, text), ['ptp.conflict@43200'], 'only the split pair is found, and the fixture is otherwise valid');
    const [d] = diagnostics as [Diagnostic];
    assert.deepEqual(d.range, rangeOf(text, '43200'));
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'claimlint');
    assert.match(messageOf(d), /\(claim 1, service line 1\)/);
    assert.match(messageOf(d), /43214/);
    assert.match(messageOf(d), /03\/10\/2026/);
    assert.equal(d.relatedInformation?.length, 1, 'one related location: the column-1 line');
    const related = d.relatedInformation![0]!;
    assert.equal(related.location.uri, uri);
    assert.deepEqual(related.location.range, rangeOf(text, '43214'), 'the 43214 of claim 1');
  });

  test('the removal fix removes claim 2, service line 2 only, renumbers LX and lowers CLM02 and SE01; the re-check is clean', async () => {
    const removal = await removalFor(uri, diagnostics[0]!);
    assert.equal(removal.kind, 'quickfix');
    assert.equal(removal.isPreferred, true);
    // The pair spans two claims, so the title names the claim of the line it removes.
    assert.match(removal.title, /^Remove claim 2, service line 2 \(43200, bundled into 43214\)/);
    const fixed = applied(text, removal);
    // Claim 1 untouched; claim 2 keeps 45378 and 99212, numbered 1 and 2, total 770.00 - 400.00.
    assert.equal(fixed, interchange(PROFESSIONAL, [crossClaim('370.00', [sv1(1, '45378', '250.00'), sv1(2, '99212', '120.00')])]));
    const again = await client.change(uri, { text: fixed });
    assert.deepEqual(summary(again.diagnostics, fixed), [], 'no x12.* finding (SE01, CLM02, LX) and no PTP finding');
  });
});

test('removing the only line of claim 2 removes claim 2 (its 2300 loop) and SE01 drops by its segments', async () => {
  const text = interchange(PROFESSIONAL, [crossClaim('400.00', [sv1(1, '43200', '400.00')])]);
  const { uri, diagnostics } = await open(text, 'lone-line.837');
  assert.deepEqual(summary(diagnostics, text), ['ptp.conflict@43200']);
  assert.match(messageOf(diagnostics[0]!), /\(claim 1, service line 1\)/);
  const fixed = applied(text, await removalFor(uri, diagnostics[0]!));
  assert.ok(!fixed.includes('CLAIM-B'), 'claim 2 is gone');
  assert.ok(fixed.includes('CLM*CLAIM-A*1620.00*'), 'claim 1 is untouched');
  assert.doesNotMatch(fixed, /43200/);
  const again = await client.change(uri, { text: fixed });
  assert.deepEqual(summary(again.diagnostics, fixed), [], 'the file without claim 2 is valid (SE01 right)');
});

test('claims in two transaction sets: the fix lowers the SE01 of the set that holds the column-2 line', async () => {
  const claimOne = [...billingProvider(), ...subscriber(2, 'M000001'), ...clm('CLAIM-A', '1500.00'), ...sv1(1, '43214', '1500.00')];
  const claimTwo = (lines: string[][], total: string) => [...billingProvider(), ...subscriber(2, 'M000001'), ...clm('CLAIM-B', total), ...lines.flat()];
  const text = interchange(PROFESSIONAL, [claimOne, claimTwo([sv1(1, '43200', '400.00'), sv1(2, '99212', '120.00')], '520.00')]);
  const { uri, diagnostics } = await open(text, 'two-sets.837');
  assert.deepEqual(summary(diagnostics, text), ['ptp.conflict@43200']);
  assert.match(messageOf(diagnostics[0]!), /\(claim 1, service line 1\)/);
  assert.deepEqual(diagnostics[0]!.relatedInformation?.[0]?.location.range, rangeOf(text, '43214'));
  const fixed = applied(text, await removalFor(uri, diagnostics[0]!));
  assert.equal(fixed, interchange(PROFESSIONAL, [claimOne, claimTwo([sv1(1, '99212', '120.00')], '120.00')]));
  const again = await client.change(uri, { text: fixed });
  assert.deepEqual(summary(again.diagnostics, fixed), []);
});

test('the column-1 line in the later claim: the finding is on claim 1 and names claim 2, service line 1', async () => {
  const text = interchange(PROFESSIONAL, [[
    ...billingProvider(),
    ...subscriber(2, 'M000001'),
    ...clm('CLAIM-A', '520.00'),
    ...sv1(1, '99212', '120.00'),
    ...sv1(2, '43200', '400.00'),
    ...subscriber(3, 'M000001'),
    ...clm('CLAIM-B', '1500.00'),
    ...sv1(1, '43214', '1500.00'),
  ]]);
  const { uri, diagnostics } = await open(text, 'reversed.837');
  assert.deepEqual(summary(diagnostics, text), ['ptp.conflict@43200']);
  assert.match(messageOf(diagnostics[0]!), /\(claim 2, service line 1\)/);
  assert.deepEqual(diagnostics[0]!.relatedInformation?.[0]?.location.range, rangeOf(text, '43214'));
  const removal = await removalFor(uri, diagnostics[0]!);
  const fixed = applied(text, removal);
  assert.ok(fixed.includes('CLM*CLAIM-A*120.00*'), 'CLM02 of claim 1 lowered');
  assert.ok(fixed.includes('CLM*CLAIM-B*1500.00*'), 'claim 2 untouched');
  const again = await client.change(uri, { text: fixed });
  assert.deepEqual(summary(again.diagnostics, fixed), []);
});

// ---- (b) not the same patient, date or provider ------------------------------------------------

describe('lines of different patients, dates or billing providers are never paired', () => {
  test('control: the same member on both claims is a conflict', async () => {
    const text = interchange(PROFESSIONAL, [crossClaim()]);
    assert.deepEqual(summary((await open(text, 'control.837')).diagnostics, text), ['ptp.conflict@43200']);
  });

  test('different subscribers (member ids)', async () => {
    const text = interchange(PROFESSIONAL, [crossClaim()]).replace(`NM1*IL*1*DOE*JANE****MI*M000001~\nN3*2 ELM ST~\nN4*SPRINGFIELD*IL*000000000~\nDMG*D8*19800101*F~\nNM1*PR*2*EXAMPLE PAYER*****PI*P000001~\nCLM*CLAIM-B`, `NM1*IL*1*DOE*JANE****MI*M000002~\nN3*2 ELM ST~\nN4*SPRINGFIELD*IL*000000000~\nDMG*D8*19800101*F~\nNM1*PR*2*EXAMPLE PAYER*****PI*P000001~\nCLM*CLAIM-B`);
    assert.match(text, /M000002/);
    assert.deepEqual((await open(text, 'two-members.837')).diagnostics, []);
  });

  test('two dependents (2010CA) of one subscriber', async () => {
    const text = interchange(PROFESSIONAL, [[
      ...billingProvider(),
      ...dependent(2, 'M000001', 'JOHN', '20100101', 'M'),
      ...clm('CLAIM-A', '1500.00'),
      ...sv1(1, '43214', '1500.00'),
      ...dependent(4, 'M000001', 'JILL', '20120202', 'F'),
      ...clm('CLAIM-B', '400.00'),
      ...sv1(1, '43200', '400.00'),
    ]]);
    assert.deepEqual((await open(text, 'two-dependents.837')).diagnostics, []);
  });

  test('another date of service', async () => {
    const text = interchange(PROFESSIONAL, [crossClaim()]).replace(`SV1*HC:43200*400.00*UN*1***1~\nDTP*472*D8*${DAY}`, 'SV1*HC:43200*400.00*UN*1***1~\nDTP*472*D8*20260311');
    assert.match(text, /20260311/);
    assert.deepEqual((await open(text, 'two-dates.837')).diagnostics, []);
  });

  test('another billing provider (two 2000A loops), no rendering provider', async () => {
    const text = interchange(PROFESSIONAL, [[
      ...billingProvider('1234567893', 1),
      ...subscriber(2, 'M000001', 1),
      ...clm('CLAIM-A', '1500.00'),
      ...sv1(1, '43214', '1500.00'),
      ...billingProvider('1999999984', 3),
      ...subscriber(4, 'M000001', 3),
      ...clm('CLAIM-B', '400.00'),
      ...sv1(1, '43200', '400.00'),
    ]]);
    assert.deepEqual((await open(text, 'two-billing.837')).diagnostics, []);
  });
});

// ---- (c) rendering providers -------------------------------------------------------------

describe('rendering providers (2420A NM1*82) under one billing provider', () => {
  const withRendering = (one: string, two: string) =>
    interchange(PROFESSIONAL, [[
      ...billingProvider(),
      ...subscriber(2, 'M000001'),
      ...clm('CLAIM-A', '1500.00'),
      ...sv1(1, '43214', '1500.00', rendering(one, 'SMITH')),
      ...subscriber(3, 'M000001'),
      ...clm('CLAIM-B', '400.00'),
      ...sv1(1, '43200', '400.00', rendering(two, 'JONES')),
    ]]);

  test('different rendering providers: information ptp.other-rendering-provider on the 43200, no conflict', async () => {
    const text = withRendering('1111111112', '2222222228');
    const { uri, diagnostics } = await open(text, 'two-renderings.837');
    assert.deepEqual(summary(diagnostics, text), ['ptp.other-rendering-provider@43200']);
    const [d] = diagnostics as [Diagnostic];
    assert.equal(d.severity, 3, 'information');
    const count = (await client.waitForNotification('claimlint/conflictCount', 10000, (p) => (p as ConflictCountNotification.Params).uri === uri)) as ConflictCountNotification.Params;
    assert.equal(count.ncciFindings, 0, 'information is not an NCCI edit hit in the status bar');
    assert.match(messageOf(d), /claim 1, service line 1/);
    // The built-in 43214/43200 edit is indicator 0: no modifier, XP included, makes it payable.
    assert.match(messageOf(d), /denies the 43200 line: no modifier makes this pair payable/);
    assert.deepEqual(d.relatedInformation?.[0]?.location.range, rangeOf(text, '43214'));
  });

  test('control: the same rendering provider on both lines is a conflict', async () => {
    const text = withRendering('1111111112', '1111111112');
    assert.deepEqual(summary((await open(text, 'same-rendering.837')).diagnostics, text), ['ptp.conflict@43200']);
  });
});

// ---- (d) the table by claim type ----------------------------------------------------------

describe('837I claims use the outpatient hospital table, 837P the practitioner (built-in) one', () => {
  // Column 1 43214; 43200 (built-in only: indicator 0 in both) and 76000 (hospital table: indicator 1).
  // The loaded hospital table has rows of 43214 as column 1, so it decides all of 43214's hospital
  // pairs: 43200, not in it, is no edit there (a CMS table holds every edit of a column-1 code it has).
  const institutional = interchange(INSTITUTIONAL, [[
    ...billingProvider(),
    ...subscriber(2, 'M000001'),
    ...clmInstitutional('INST-1', '2150.00'),
    ...sv2(1, '0360', '43214', '1500.00'),
    ...sv2(2, '0360', '43200', '400.00'),
    ...sv2(3, '0320', '76000', '250.00'),
  ]]);
  const professional = interchange(PROFESSIONAL, [[
    ...billingProvider(),
    ...subscriber(2, 'M000001'),
    ...clm('PROF-1', '2150.00'),
    ...sv1(1, '43214', '1500.00'),
    ...sv1(2, '43200', '400.00'),
    ...sv1(3, '76000', '250.00'),
  ]]);
  let institutionalUri: string;
  let professionalUri: string;
  let institutionalDiagnostics: Diagnostic[];
  let professionalDiagnostics: Diagnostic[];

  before(async () => {
    ({ uri: institutionalUri, diagnostics: institutionalDiagnostics } = await open(institutional, 'hospital.837'));
    ({ uri: professionalUri, diagnostics: professionalDiagnostics } = await open(professional, 'office.837'));
  });

  test('837I: 76000 is a ptp.modifier-required warning from the hospital table; the built-in 43200 row gives way to it', () => {
    assert.deepEqual(summary(institutionalDiagnostics, institutional), ['ptp.modifier-required@76000']);
    const warning = institutionalDiagnostics[0]!;
    assert.equal(warning.severity, 2);
    assert.match(messageOf(warning), /outpatient hospital PTP edit, column 1 43214, column 2 76000/);
    assert.match(messageOf(warning), /modifier indicator 1/);
  });

  test('837P: the same codes stay ptp.conflict errors of the built-in set (the hospital table does not apply)', () => {
    assert.deepEqual(summary(professionalDiagnostics, professional), ['ptp.conflict@43200', 'ptp.conflict@76000']);
    for (const d of professionalDiagnostics) {
      assert.equal(d.severity, 1);
      assert.match(messageOf(d), /Claimlint's built-in 43214 edit \(from the code's billing guideline, not from CMS's practitioner table/);
    }
  });

  test('hover over 43214 names the table and the file its edits came from', async () => {
    const onInstitutional = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: institutionalUri }, position: positionIn(institutional, '43214') }));
    assert.match(onInstitutional, /outpatient hospital table, from [^)]*ccioph-test\.txt/);
    assert.match(onInstitutional, /76000 — unless an NCCI modifier/);
    const onProfessional = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: professionalUri }, position: positionIn(professional, '43214') }));
    assert.match(onProfessional, /practitioner table, from the built-in 43214 set\)/);
    assert.doesNotMatch(onProfessional, /ccioph-test\.txt/);
  });
});
