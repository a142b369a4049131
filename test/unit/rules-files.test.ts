import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { expandRuleFilePaths, tableKindFromName, type RuleFileEntry } from '../../server/src/core/rules/ruleFiles';
import { decodeText } from '../../server/src/core/rules/textInput';

const PTP_F1 = 'copyright line\r\nColumn 1/Column 2 Edits\r\n10021\t36000\t\t20190101\t*\t1\tMisuse of column two code with column one code\r\n';
const PTP_F2 = '11042\t97597\t\t20100101\t*\t1\tMutually exclusive procedures\r\n';
const MUE_CSV = 'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator\r\n43214,1,3 Date of Service Edit: Clinical\r\n';
const FAKE_PDF = strToU8('%PDF-1.4\n% not really a PDF\n');

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-rulefiles-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: Uint8Array | string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

function zip(files: Zippable): Uint8Array {
  return zipSync(files, { level: 6 });
}

/** The entries as plain data (read() called), for deepEqual. */
function summary(entries: readonly RuleFileEntry[]): { source: string; path: string; entryName: string | undefined; text: string }[] {
  return entries.map((e) => ({ source: e.source, path: e.path, entryName: e.entryName, text: decodeText(e.read()) }));
}

/** Offset of the first central directory record (PK\1\2) of a zip. */
function centralRecord(data: Uint8Array): number {
  const at = Buffer.from(data).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  assert.ok(at > 0, 'zip has a central directory');
  return at;
}

describe('expandRuleFilePaths', () => {
  it('passes a plain table file through, whatever its extension', () => {
    const txt = write('plain/ccipra-v322r0-f1.txt', PTP_F1);
    const other = write('plain/my-table.dat', PTP_F2);
    const { entries, problems } = expandRuleFilePaths([txt, other]);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(entries), [
      { source: txt, path: txt, entryName: undefined, text: PTP_F1 },
      { source: other, path: other, entryName: undefined, text: PTP_F2 },
    ]);
  });

  it('opens a CMS zip as downloaded: the table part, not the PDF or readmes', () => {
    const path = write('cms/ccipra-v322r0-f1.zip', zip({
      'ccipra-v322r0-f1.pdf': FAKE_PDF,
      'README.txt': strToU8('Read me first\n'),
      'NCCI Notice.TXT': strToU8('Copyright notice\n'),
      'ccipra-v322r0-f1.txt': strToU8(PTP_F1),
    }));
    const { entries, problems } = expandRuleFilePaths([path]);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(entries), [
      { source: `${path} › ccipra-v322r0-f1.txt`, path, entryName: 'ccipra-v322r0-f1.txt', text: PTP_F1 },
    ]);
    // read() again gives the same bytes (each read unzips afresh).
    assert.equal(decodeText(entries[0]!.read()), PTP_F1);
  });

  it('reads a stored (uncompressed) entry and an MUE csv', () => {
    const path = write('cms/mue.zip', zipSync({ 'MCR_MUE_PractitionerServices.csv': [strToU8(MUE_CSV), { level: 0 }] }));
    const { entries, problems } = expandRuleFilePaths([path]);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(entries), [{ source: `${path} › MCR_MUE_PractitionerServices.csv`, path, entryName: 'MCR_MUE_PractitionerServices.csv', text: MUE_CSV }]);
  });

  it('finds tables in folders inside the zip, and skips folders, __MACOSX and resource forks', () => {
    const path = write('cms/nested.zip', zip({
      tables: { '2024': { 'ccipra-v322r0-f2.TXT': strToU8(PTP_F2) }, empty: {} },
      __MACOSX: { tables: { '2024': { '._ccipra-v322r0-f2.TXT': strToU8('\0\u0005\u0016\u0007') }, 'stray.csv': strToU8('x') } },
      docs: { 'readme.txt': strToU8('hello\n'), 'guide.pdf': FAKE_PDF, '._ccipra-v322r0-f2.TXT': strToU8('\0\u0005') },
    }));
    const { entries, problems } = expandRuleFilePaths([path]);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(entries), [{ source: `${path} › tables/2024/ccipra-v322r0-f2.TXT`, path, entryName: 'tables/2024/ccipra-v322r0-f2.TXT', text: PTP_F2 }]);
  });

  it('expands a folder, sorted by name and not recursively, to its zips and tables', () => {
    const folder = join(dir, 'downloads');
    const f2 = write('downloads/ccipra-v322r0-f2.zip', zip({ 'ccipra-v322r0-f2.txt': strToU8(PTP_F2), 'ccipra-v322r0-f2.pdf': FAKE_PDF }));
    const f1 = write('downloads/ccipra-v322r0-f1.zip', zip({ 'ccipra-v322r0-f1.txt': strToU8(PTP_F1) }));
    const extra = write('downloads/b-extra.tsv', PTP_F2);
    write('downloads/readme.txt', 'not a table\n');
    write('downloads/policy.pdf', FAKE_PDF);
    write('downloads/._ccipra-v322r0-f1.zip', 'resource fork');
    write('downloads/sub/deeper.txt', PTP_F1);
    const { entries, problems } = expandRuleFilePaths([folder]);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(entries), [
      { source: extra, path: extra, entryName: undefined, text: PTP_F2 },
      { source: `${f1} › ccipra-v322r0-f1.txt`, path: f1, entryName: 'ccipra-v322r0-f1.txt', text: PTP_F1 },
      { source: `${f2} › ccipra-v322r0-f2.txt`, path: f2, entryName: 'ccipra-v322r0-f2.txt', text: PTP_F2 },
    ]);
  });

  it('lists a file reached twice (by its folder and by name) once, in the first place', () => {
    const a = write('twice/a.csv', MUE_CSV);
    const { entries, problems } = expandRuleFilePaths([a, join(dir, 'twice'), a]);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => e.source), [a]);
  });

  it('uses only the extensions asked for in folders and zips', () => {
    const folder = join(dir, 'mue-only');
    const csv = write('mue-only/mue.csv', MUE_CSV);
    write('mue-only/ptp.txt', PTP_F1);
    const z = write('mue-only/parts.zip', zip({ 'ptp.txt': strToU8(PTP_F1), 'mue2.CSV': strToU8(MUE_CSV) }));
    const { entries, problems } = expandRuleFilePaths([folder], { extensions: ['csv'] });
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => e.source), [csv, `${z} › mue2.CSV`]);
  });

  it('recognizes a zip by its content when the download lost its extension', () => {
    const path = write('cms/ccipra-download', zip({ 'ccipra-v322r0-f1.txt': strToU8(PTP_F1) }));
    const { entries, problems } = expandRuleFilePaths([path]);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(entries), [{ source: `${path} › ccipra-v322r0-f1.txt`, path, entryName: 'ccipra-v322r0-f1.txt', text: PTP_F1 }]);
  });

  it('reports a zip without a table, an empty zip, a corrupt zip and a truncated zip', () => {
    const noTable = write('bad/no-table.zip', zip({ 'a.pdf': FAKE_PDF, 'readme.txt': strToU8('hello\n') }));
    const empty = write('bad/empty.zip', zipSync({}));
    const corrupt = write('bad/corrupt.zip', 'this is not a zip file at all, just text\n');
    const whole = zip({ 'ccipra-v322r0-f1.txt': strToU8(PTP_F1) });
    const truncated = write('bad/truncated.zip', whole.subarray(0, whole.length - 30));
    const { entries, problems } = expandRuleFilePaths([noTable, empty, corrupt, truncated]);
    assert.deepEqual(entries, []);
    assert.deepEqual(problems, [
      { source: noTable, line: 0, reason: 'no table in this zip (found a .pdf file and a readme)' },
      { source: empty, line: 0, reason: 'no table in this zip (the zip is empty)' },
      { source: corrupt, line: 0, reason: 'not a readable zip file (invalid zip data)' },
      { source: truncated, line: 0, reason: 'not a readable zip file (invalid zip data)' },
    ]);
  });

  it('reports a zip whose directory claims more entries than it can hold', () => {
    // An end-of-central-directory record claiming 65535 entries at offset 0 of a 100-byte file.
    const data = Buffer.alloc(100 + 22);
    data.writeUInt32LE(0x06054b50, 100);
    data.writeUInt16LE(65535, 108);
    data.writeUInt16LE(65535, 110);
    const path = write('bad/claims-many.zip', data);
    assert.deepEqual(expandRuleFilePaths([path]), { entries: [], problems: [{ source: path, line: 0, reason: 'not a readable zip file (invalid zip data)' }], problemsAt: [0] });
  });

  it('shortens a long list of what a table-less zip holds', () => {
    const files: Zippable = {};
    for (let i = 1; i <= 10; i++) files[`page${i}.pdf`] = FAKE_PDF;
    const path = write('bad/many.zip', zip(files));
    assert.deepEqual(expandRuleFilePaths([path]).problems, [
      { source: path, line: 0, reason: 'no table in this zip (found 10 .pdf files)' },
    ]);
  });

  it('a folder of claim files given for tables is described without their names (found in review: names can name patients)', () => {
    write('claims-folder/DOE_JANE_0315.837', 'ISA*00*');
    write('claims-folder/Roe.Richard 2026', 'ISA*00*');
    const [problem] = expandRuleFilePaths([join(dir, 'claims-folder')]).problems;
    assert.equal(problem!.reason, 'no table in this folder (found a .837 file and a file with another extension; tables end in .zip, .txt, .csv, .tsv)');
  });

  it('reports a missing path, an empty folder and a folder without tables, and goes on', () => {
    const missing = join(dir, 'nowhere', 'ccipra-v322r0-f1.zip');
    const emptyFolder = join(dir, 'empty-folder');
    mkdirSync(emptyFolder);
    const pdfFolder = join(dir, 'pdf-folder');
    write('pdf-folder/policy.pdf', FAKE_PDF);
    write('pdf-folder/readme.txt', 'hello\n');
    mkdirSync(join(pdfFolder, 'old'));
    const good = write('after-bad/f1.txt', PTP_F1);
    const { entries, problems } = expandRuleFilePaths([missing, emptyFolder, pdfFolder, good]);
    assert.deepEqual(entries.map((e) => e.source), [good]);
    assert.deepEqual(problems, [
      { source: missing, line: 0, reason: 'cannot read: file not found' },
      { source: emptyFolder, line: 0, reason: 'no table in this folder (the folder is empty; tables end in .zip, .txt, .csv, .tsv)' },
      { source: pdfFolder, line: 0, reason: 'no table in this folder (found a file or folder without an extension, a .pdf file and a readme; tables end in .zip, .txt, .csv, .tsv)' },
    ]);
  });

  it('refuses an entry that unzips to more than the limit, before unzipping it', () => {
    const big = 'x'.repeat(2000);
    const path = write('big/big-entry.zip', zip({ 'big.txt': strToU8(big), 'small.txt': strToU8(PTP_F2) }));
    const { entries, problems } = expandRuleFilePaths([path], { maxBytes: 1000 });
    assert.deepEqual(problems, [{ source: `${path} › big.txt`, line: 0, reason: 'not loaded: unzips to 2000 bytes, over the 1000 bytes limit' }]);
    assert.deepEqual(summary(entries), [{ source: `${path} › small.txt`, path, entryName: 'small.txt', text: PTP_F2 }]);
    // The default limit (512 MB) takes it.
    assert.deepEqual(expandRuleFilePaths([path]).entries.map((e) => e.entryName), ['big.txt', 'small.txt']);
  });

  it('refuses a zip over the limit, and tables that together unzip to more than the limit', () => {
    const bigZipData = zip({ 'random.txt': randomBytes(3000) });
    const bigZip = write('big/big-zip.zip', bigZipData);
    const part = 'y'.repeat(600);
    const two = write('big/two-parts.zip', zip({ 'p1.txt': strToU8(part), 'p2.txt': strToU8(part) }));
    const { entries, problems } = expandRuleFilePaths([bigZip, two], { maxBytes: 1000 });
    assert.deepEqual(problems, [
      { source: bigZip, line: 0, reason: `not loaded: file is ${bigZipData.length} bytes, over the 1000 bytes limit` },
      { source: `${two} › p2.txt`, line: 0, reason: 'not loaded: the tables in this zip unzip to more than the 1000 bytes limit together' },
    ]);
    assert.deepEqual(summary(entries), [{ source: `${two} › p1.txt`, path: two, entryName: 'p1.txt', text: part }]);
  });

  it('refuses an entry whose declared size is smaller than its compressed data (a zip bomb or damage)', () => {
    const data = zip({ 'bomb.txt': randomBytes(3000) });
    const record = centralRecord(data);
    Buffer.from(data.buffer, data.byteOffset).writeUInt32LE(5, record + 24); // declared uncompressed size
    const path = write('bad/bomb.zip', data);
    const { entries, problems } = expandRuleFilePaths([path]);
    assert.deepEqual(entries, []);
    assert.deepEqual(problems, [{ source: `${path} › bomb.txt`, line: 0, reason: 'not loaded: the sizes in the zip do not match (the zip may be damaged, or be a zip bomb)' }]);
  });

  it('refuses an entry compressed with a method fflate cannot read', () => {
    const data = zip({ 'ccipra-v322r0-f1.txt': strToU8(PTP_F1) });
    Buffer.from(data.buffer, data.byteOffset).writeUInt16LE(12, centralRecord(data) + 10);
    const path = write('bad/bzip2.zip', data);
    assert.deepEqual(expandRuleFilePaths([path]).problems, [
      { source: `${path} › ccipra-v322r0-f1.txt`, line: 0, reason: 'not loaded: compressed with method 12 (BZIP2), which cannot be read; unzip it and set the table file itself' },
    ]);
  });

  it('read() throws a clear error when the entry data is damaged or the zip is gone', () => {
    const name = 'ccipra-v322r0-f1.txt';
    const data = zip({ [name]: strToU8(PTP_F1) });
    data[30 + name.length] = 0xff; // first deflate block header: final, type 3 (invalid)
    const damaged = write('bad/damaged.zip', data);
    const gone = write('bad/gone.zip', zip({ [name]: strToU8(PTP_F1) }));
    const { entries, problems } = expandRuleFilePaths([damaged, gone]);
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 2);
    assert.throws(() => entries[0]!.read(), { message: `cannot unzip ${name} from damaged.zip: invalid block type (the zip may be damaged or encrypted)` });
    unlinkSync(gone);
    assert.throws(() => entries[1]!.read(), { message: 'cannot read gone.zip: file not found' });
  });

  it('read() of the second of two same-named entries gives the second one', () => {
    // fflate's zipSync cannot write duplicate names; rename the second entry in place (same length).
    const data = zip({ 'part-a.txt': strToU8(PTP_F1), 'part-b.txt': strToU8(PTP_F2) });
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    for (let at = bytes.indexOf('part-b.txt'); at >= 0; at = bytes.indexOf('part-b.txt', at + 1)) bytes.write('part-a.txt', at, 'latin1');
    const path = write('dup/dup.zip', bytes);
    const { entries, problems } = expandRuleFilePaths([path]);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(entries).map((e) => e.text), [PTP_F1, PTP_F2]);
  });
});

describe('tableKindFromName', () => {
  it('tells hospital tables from practitioner tables by name', () => {
    assert.equal(tableKindFromName('ccioph-v322r0-f1.zip'), 'hospital');
    assert.equal(tableKindFromName('ccipra-v322r0-f1.txt'), 'practitioner');
    assert.equal(tableKindFromName('Outpatient_Hospital_PTP.csv'), 'hospital');
    assert.equal(tableKindFromName('my-table.csv'), 'practitioner');
    assert.equal(tableKindFromName('CCIOPH-V322R0-F1.TXT'), 'hospital');
    assert.equal(tableKindFromName('OutpatientHospitalPtp.csv'), 'hospital');
    assert.equal(tableKindFromName('hospital edits.tsv'), 'hospital');
    assert.equal(tableKindFromName('hospitalist-ptp.csv'), 'practitioner');
  });

  it('looks only at the last path component', () => {
    assert.equal(tableKindFromName('/data/hospital/ccipra-v322r0-f1.txt'), 'practitioner');
    assert.equal(tableKindFromName('C:\\ncci\\outpatient\\my-table.csv'), 'practitioner');
    assert.equal(tableKindFromName('/data/practitioner/ccioph-v322r0-f2.txt'), 'hospital');
  });
});
