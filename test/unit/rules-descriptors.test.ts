import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  builtinDescriptorTable,
  DescriptorTable,
  descriptorNotice,
  loadDescriptorFile,
} from '../../server/src/core/rules';

const DESCRIPTOR_43214 =
  'Esophagoscopy, flexible, transoral; with dilation of esophagus with balloon (30 mm diameter or larger) (includes fluoroscopic guidance, when performed)';

describe('built-in descriptors', () => {
  it('hold 43214 only, with its official descriptor, a guideline and a summary', () => {
    const table = builtinDescriptorTable();
    assert.equal(table.size, 1);
    const descriptor = table.get('43214');
    assert.equal(descriptor?.long, DESCRIPTOR_43214);
    assert.equal(descriptor?.source, 'builtin');
    assert.match(descriptor!.guideline!, /43197, 43198, 43200, 74360 or 76000/);
    for (const code of ['43200', '43197', '43198', '74360', '76000']) assert.ok(descriptor!.clinicalSummary!.includes(code), code);
    assert.equal(descriptorNotice(descriptor!), null);
    assert.equal(table.get('43200'), undefined);
  });
});

describe('loadDescriptorFile', () => {
  it('reads CSV with a header, quoted fields and columns in any order', () => {
    const csv = [
      'Long Descriptor,Code,Short Descriptor',
      '"Debridement, subcutaneous tissue (includes epidermis and dermis, if performed); first 20 sq cm or less",11042,"Deb subq tissue 20 sq cm/<"',
      '"Anything ""quoted""",99999,Short',
    ].join('\r\n');
    const result = loadDescriptorFile(Buffer.from(csv), 'cpt-2024.csv');
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 2);
    assert.deepEqual(result.table.get('11042'), {
      code: '11042',
      short: 'Deb subq tissue 20 sq cm/<',
      long: 'Debridement, subcutaneous tissue (includes epidermis and dermis, if performed); first 20 sq cm or less',
      source: 'cpt-2024.csv',
    });
    assert.equal(result.table.get('99999')?.long, 'Anything "quoted"');
    assert.equal(descriptorNotice(result.table.get('11042')!), 'Descriptor from cpt-2024.csv (your file; not distributed with Claimlint)');
  });

  it('reads a headerless TSV as code, short, long; the long column is optional', () => {
    const result = loadDescriptorFile('G0105\tColorectal scrn; hi risk ind\r\nA0021\tOutside state ambulance serv\tAmbulance service, outside state per mile, transport\r\n', 'hcpcs.tsv');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.table.get('G0105'), { code: 'G0105', short: 'Colorectal scrn; hi risk ind', source: 'hcpcs.tsv' });
    assert.equal(result.table.get('a0021')?.long, 'Ambulance service, outside state per mile, transport');
  });

  it('decodes latin-1 and UTF-8 (BOM stripped)', () => {
    const latin1 = Buffer.concat([Buffer.from('code,short\r\nJ1234,Caf'), Buffer.from([0xe9]), Buffer.from('ine\r\n')]);
    assert.equal(loadDescriptorFile(latin1, 'l.csv').table.get('J1234')?.short, 'Caféine');
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Code,Short\r\nJ1234,Caféine\r\n', 'utf8')]);
    const result = loadDescriptorFile(utf8, 'u.csv');
    assert.deepEqual(result.problems, []);
    assert.equal(result.table.get('J1234')?.short, 'Caféine');
  });

  it('joins HCPCS-style continuation rows into one long descriptor', () => {
    const csv = [
      'HCPC,LONG DESCRIPTION,SHORT DESCRIPTION',
      'A0021,"Ambulance service, outside state per mile,",Outside state ambulance serv',
      'A0021,transport (Medicaid only),',
      'A0080,"Non-emergency transportation, per mile",Noner transport mile',
    ].join('\n');
    const result = loadDescriptorFile(csv, 'HCPC2024.csv');
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 2);
    assert.equal(result.table.get('A0021')?.long, 'Ambulance service, outside state per mile, transport (Medicaid only)');
    assert.equal(result.table.get('A0021')?.short, 'Outside state ambulance serv');
  });

  it('reports rows that are not codes, and keeps the good ones', () => {
    const result = loadDescriptorFile('Code,Description\n11042,Debridement\nnot a code,x\n11043,\n11045,Addl\n', 'd.csv');
    assert.equal(result.rows, 2);
    assert.deepEqual(result.problems.map((problem) => [problem.source, problem.line]), [['d.csv', 3], ['d.csv', 4]]);
    assert.equal(result.table.get('11042')?.short, 'Debridement');
  });

  it('merges over the built-in descriptors, recording the source and keeping the built-in notes', () => {
    const table = builtinDescriptorTable();
    loadDescriptorFile('43214,Egd balloon dil esoph30 mm/>,Licensed long text\n43200,Esophagoscopy flexible dx\n', '/licensed/cpt.csv', table);
    const descriptor = table.get('43214');
    assert.equal(descriptor?.source, '/licensed/cpt.csv');
    assert.equal(descriptor?.short, 'Egd balloon dil esoph30 mm/>');
    assert.equal(descriptor?.long, 'Licensed long text');
    assert.ok(descriptor?.guideline);
    assert.ok(descriptor?.clinicalSummary);
    assert.equal(table.get('43200')?.source, '/licensed/cpt.csv');
  });

  it('lets a later file override an earlier one', () => {
    const table = new DescriptorTable();
    loadDescriptorFile('11042,First\n', 'a.csv', table);
    loadDescriptorFile('11042,Second,Long\n', 'b.csv', table);
    assert.deepEqual(table.get('11042'), { code: '11042', short: 'Second', long: 'Long', source: 'b.csv' });
  });

  it('says so when a file holds no descriptors', () => {
    assert.deepEqual(loadDescriptorFile('', 'empty.csv').problems, [{ source: 'empty.csv', line: 0, reason: 'no descriptors found' }]);
  });
});
