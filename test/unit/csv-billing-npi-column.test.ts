// Found in review: the provider half of the pairing rule (same patient, same provider, same date)
// in a claim CSV that has both a rendering NPI column and a billing NPI column. The CSV reader
// takes "Billing NPI" only as a lower-ranked name of the one provider column (csv/columns.ts
// providerId), so with a "Rendering NPI" column the billing NPI is never read: every CSV line's
// billing provider is '' (csv/csvLine.ts billingProviderId is always null; serviceGroups.ts and
// csv/codedClaims.ts pass billing '') and a blank rendering cell is provider ''. So
// - a row whose rendering cell is blank (the billing provider rendered it, as on an 837P without a
//   2310B/2420A) is taken for another practitioner than the same NPI written as rendering on
//   another row: an indicator-0 conflict is shown as Information instead of an error;
// - two rows of different billing NPIs are called "another rendering provider of the same billing
//   provider" (and told to add XP), though the file says they are two practices.
// On an 837P the same claims give a conflict, and nothing, respectively (serviceGroups.ts: line
// rendering, else claim rendering, else billing provider). Synthetic rows (not real NCCI edits).
//
// Fixed: a billing provider column beside a rendering one is read too (csv/columns.ts
// BILLING_PROVIDER_NAMES, ColumnLayout.billingProviderId); a row's provider is its rendering NPI,
// else its billing NPI, and its billing NPI is its billing group, in the whole file
// (serviceGroups.ts) and read in pieces as the CLI reads it (csv/codedClaims.ts). A file with one
// provider column, whatever its name, reads it as before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { mapColumns } from '../../server/src/core/csv/columnLayout';
import { DateOrderChange, type DateReading } from '../../server/src/core/csv/rows';
import { CsvStream } from '../../server/src/core/csv/stream';
import { loadKnowledge } from '../../server/src/core/rules';
import { CodingRun } from '../../server/src/core/rules/codingRun';
import { byPosition } from '../../server/src/core/spans';
import { practitionerPtpText } from './helpers/ncci-tables';

const TABLE = practitionerPtpText(['29881\t29877\t\t20200101\t*\t0\tMutually exclusive procedures']);
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v322r0-f1.txt'], descriptorFiles: [], readFile: () => TABLE });

function ptpOf(csv: string): [string, string][] {
  return analyze(csv, knowledge)
    .findings.filter((f) => f.rule.startsWith('ptp.'))
    .map((f) => [f.rule, f.severity]);
}

/** The PTP findings of the file read in pieces of `size` characters, as the CLI's streaming path reads it (cli/csvStream.ts). */
function streamedPtpOf(csv: string, size: number): [string, string][] {
  let dates: DateReading = { order: 'month-first', settled: false };
  for (;;) {
    try {
      const run = new CodingRun(knowledge);
      const filter = run.lineFilter();
      const stream = new CsvStream({ dates, keep: (code) => filter(code, null) || filter(code, 'institutional'), loaded: run.loaded });
      for (let at = 0; at < csv.length; at += size) assert.ok(stream.feed(csv.slice(at, at + size)));
      const result = stream.end();
      assert.ok(result !== null);
      run.addStaged(result.coded, {});
      return byPosition(result.findings.concat(run.findings()))
        .filter((f) => f.rule.startsWith('ptp.'))
        .map((f) => [f.rule, f.severity]);
    } catch (error) {
      if (!(error instanceof DateOrderChange)) throw error;
      dates = error.next;
    }
  }
}

/** The same PTP findings in the whole file and read in pieces (cut anywhere). */
function checked(csv: string): [string, string][] {
  const whole = ptpOf(csv);
  for (const size of [1, 7, 16, csv.length + 1]) assert.deepEqual(streamedPtpOf(csv, size), whole, `pieces of ${size}`);
  return whole;
}

const HEADER = 'Claim ID,Patient ID,Date of Service,CPT,Rendering NPI,Billing NPI';

describe('CSV with rendering and billing NPI columns: which provider performed a line', () => {
  it('a row without a rendering NPI is its billing NPI\'s: the same practitioner as that NPI written as rendering', () => {
    const csv = [
      'Claim ID,Patient ID,Date of Service,CPT,Rendering NPI,Billing NPI',
      'C1,M0000001,08/01/2026,29881,,1111111112',
      'C2,M0000001,08/01/2026,29877,1111111112,1111111112',
    ].join('\n') + '\n';
    assert.deepEqual(ptpOf(csv), [['ptp.conflict', 'error']]);
  });

  it('rows of two different billing NPIs are not "another rendering provider of the same billing provider"', () => {
    const csv = [
      'Claim ID,Patient ID,Date of Service,CPT,Rendering NPI,Billing NPI',
      'C1,M0000001,08/01/2026,29881,2222222224,1111111112',
      'C2,M0000001,08/01/2026,29877,3333333336,4444444448',
    ].join('\n') + '\n';
    assert.deepEqual(ptpOf(csv), []);
  });
});

describe('CSV billing NPI column: the columns read', () => {
  it('beside a rendering column, the billing column is read too (role null in the index, as before)', () => {
    const layout = mapColumns(HEADER.split(','));
    assert.equal(layout.providerId, 4);
    assert.equal(layout.billingProviderId, 5);
    assert.deepEqual(layout.roles.slice(4), ['providerId', null]);
    // The best-ranked billing name wins, wherever it stands.
    assert.equal(mapColumns(['CPT', 'Billing Provider', 'Servicing NPI', 'Billing Provider NPI']).billingProviderId, 3);
  });

  it('a billing column alone is the provider column, as before; so is any single provider column', () => {
    for (const name of ['Billing NPI', 'Billing Provider NPI', 'Billing Provider ID', 'NPI', 'Provider', 'Rendering NPI']) {
      const layout = mapColumns(['CPT', 'DOS', name]);
      assert.equal(layout.providerId, 2, name);
      assert.equal(layout.billingProviderId, -1, name);
    }
    // Two billing names and no rendering one: the better-ranked is the provider column, the other is not read.
    const two = mapColumns(['CPT', 'Billing Provider', 'Billing NPI']);
    assert.deepEqual([two.providerId, two.billingProviderId], [2, -1]);
  });

  it('a row\'s provider is its rendering NPI, else its billing NPI', () => {
    const csv = [HEADER, 'C1,M1,08/01/2026,29881,,1111111112', 'C1,M1,08/01/2026,29877,2222222224,1111111112', 'C1,M1,08/01/2026,99213,,'].join('\n') + '\n';
    const lines = analyze(csv, knowledge).doc.claims[0]!.lines;
    assert.deepEqual(lines.map((l) => l.providerId), ['1111111112', '2222222224', null]);
  });

  it('a file whose only provider column is "Billing NPI" reads it as each row\'s provider', () => {
    const csv = ['Claim ID,Patient ID,Date of Service,CPT,Billing NPI', 'C1,M1,08/01/2026,29881,1111111112', 'C2,M1,08/01/2026,29877,1111111112', ''].join('\n');
    assert.deepEqual(analyze(csv, knowledge).doc.claims.map((c) => c.lines[0]!.providerId), ['1111111112', '1111111112']);
    assert.deepEqual(checked(csv), [['ptp.conflict', 'error']]);
  });
});

describe('CSV billing NPI column: pairing, in the whole file and read in pieces', () => {
  it('a blank rendering cell is its billing NPI\'s, the same practitioner as that NPI written as rendering', () => {
    assert.deepEqual(checked([HEADER, 'C1,M1,08/01/2026,29881,,1111111112', 'C2,M1,08/01/2026,29877,1111111112,1111111112', ''].join('\n')), [['ptp.conflict', 'error']]);
  });

  it('two rendering NPIs of one billing NPI are another rendering provider of the same billing provider', () => {
    assert.deepEqual(checked([HEADER, 'C1,M1,08/01/2026,29881,2222222224,1111111112', 'C2,M1,08/01/2026,29877,3333333336,1111111112', ''].join('\n')), [['ptp.other-rendering-provider', 'information']]);
  });

  it('a blank rendering cell under one billing NPI and a rendering NPI of it are two providers of one billing group', () => {
    assert.deepEqual(checked([HEADER, 'C1,M1,08/01/2026,29881,,1111111112', 'C1,M1,08/01/2026,29877,2222222224,1111111112', ''].join('\n')), [['ptp.other-rendering-provider', 'information']]);
  });

  it('rows of two billing NPIs are two practices: nothing, on one claim or two, whoever rendered them', () => {
    assert.deepEqual(checked([HEADER, 'C1,M1,08/01/2026,29881,2222222224,1111111112', 'C2,M1,08/01/2026,29877,3333333336,4444444448', ''].join('\n')), []);
    assert.deepEqual(checked([HEADER, 'C1,M1,08/01/2026,29881,,1111111112', 'C1,M1,08/01/2026,29877,,4444444448', ''].join('\n')), []);
  });

  it('one rendering NPI under two billing NPIs is one practitioner: a conflict, as on an 837P', () => {
    assert.deepEqual(checked([HEADER, 'C1,M1,08/01/2026,29881,2222222224,1111111112', 'C2,M1,08/01/2026,29877,2222222224,4444444448', ''].join('\n')), [['ptp.conflict', 'error']]);
  });

  it('rows without any NPI stay one provider', () => {
    assert.deepEqual(checked([HEADER, 'C1,M1,08/01/2026,29881,,', 'C2,M1,08/01/2026,29877,,', ''].join('\n')), [['ptp.conflict', 'error']]);
  });
});

// Found by a user: with a rendering NPI column and no billing one, two NPIs' rows were said to be
// "another rendering provider of the same billing provider", which the file does not say.
describe('another rendering provider: the message says what the file says of the billing group', () => {
  const message = (csv: string) => analyze(csv, knowledge).findings.find((f) => f.rule === 'ptp.other-rendering-provider')?.message ?? '';

  it('no billing column: the rows are taken as one billing group\'s, and the message says it is an assumption', () => {
    const csv = ['Claim ID,Patient ID,Date of Service,CPT,Rendering NPI', 'C1,M1,08/01/2026,29881,2222222224', 'C1,M1,08/01/2026,29877,3333333336', ''].join('\n');
    const text = message(csv);
    assert.match(text, /another rendering provider performed 29881 \(the file names no billing provider, so its rows are taken as one billing group's\)/);
    assert.doesNotMatch(text, /same billing provider/);
  });

  it('a billing column naming one NPI for both: "of the same billing provider" (control)', () => {
    const csv = [HEADER, 'C1,M1,08/01/2026,29881,2222222224,1111111112', 'C2,M1,08/01/2026,29877,3333333336,1111111112', ''].join('\n');
    assert.match(message(csv), /another rendering provider of the same billing provider performed 29881/);
  });
});
