import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCsv } from '../../server/src/core/csv/index';
import type { ParsedDocumentWithIndex, ServiceLine, Span } from '../../server/src/core/model';
import { writeClaimsCsv, writeClaimsCsvDetailed, type WriterClaim } from './helpers/csv-writer';

const at = (text: string, span: Span | null): string | null => (span ? text.slice(span.start, span.end) : null);
const rules = (doc: ParsedDocumentWithIndex): string[] => doc.findings.map((f) => f.rule);
const codes = (doc: ParsedDocumentWithIndex): string[][] => doc.claims.map((c) => c.lines.map((l) => l.code));
const mods = (line: ServiceLine): string[] => line.modifiers.map((m) => m.value);

const CLAIMS: WriterClaim[] = [
  {
    id: 'CLM-1',
    patientId: 'PAT-1',
    lines: [
      { code: '43214', modifiers: [], date: 20240315, units: 1, charge: 1500 },
      { code: '43200', modifiers: ['59', 'XS'], date: 20240315, units: 2, charge: 380.5 },
    ],
  },
  { id: 'CLM-2', patientId: 'PAT-2', lines: [{ code: 'J1100', modifiers: ['GT'], date: 20240316, units: 1, charge: 12.25 }] },
];

function assertMatchesClaims(doc: ParsedDocumentWithIndex, text: string, claims: WriterClaim[]): void {
  assert.deepEqual(rules(doc), []);
  assert.equal(doc.claims.length, claims.length);
  doc.claims.forEach((claim, ci) => {
    const w = claims[ci]!;
    assert.equal(claim.index, ci);
    assert.equal(claim.id, w.id);
    assert.equal(at(text, claim.idSpan), w.id);
    assert.equal(claim.patientId, w.patientId);
    assert.equal(claim.lines.length, w.lines.length);
    claim.lines.forEach((line, li) => {
      const wl = w.lines[li]!;
      assert.equal(line.index, li);
      assert.equal(line.code, wl.code);
      assert.equal(at(text, line.codeSpan), wl.code);
      assert.deepEqual(mods(line), wl.modifiers ?? []);
      for (const m of line.modifiers) assert.equal(at(text, m.span), m.value);
      assert.equal(line.charge, wl.charge ?? null);
      assert.equal(at(text, line.chargeSpan), line.chargeText);
      assert.equal(line.units, wl.units ?? null);
      if (typeof wl.date === 'number') assert.deepEqual(line.dateOfService, { from: wl.date, to: wl.date });
      assert.equal(line.dateInherited, false);
      assert.equal(line.segmentCount, 0);
      assert.equal(line.qualifier, null);
      assert.equal(line.lineNumberSpan, null);
    });
  });
}

describe('parseCsv: delimiters, quoting, line endings', () => {
  for (const delimiter of [',', '\t', ';', '|'] as const) {
    for (const lineEnding of ['\n', '\r\n', '\r'] as const) {
      it(`reads ${JSON.stringify(delimiter)} with ${JSON.stringify(lineEnding)}`, () => {
        const text = writeClaimsCsv(CLAIMS, { delimiter, lineEnding, modifierSeparator: ',' });
        const doc = parseCsv(text);
        assert.equal(doc.csv?.separator, delimiter);
        assertMatchesClaims(doc, text, CLAIMS);
      });
    }
  }

  it('reads fully quoted files, spans inside the quotes', () => {
    const text = writeClaimsCsv(CLAIMS, { quote: 'all', chargeFormat: 'thousands' });
    const doc = parseCsv(text);
    assertMatchesClaims(doc, text, CLAIMS);
    const line = doc.claims[0]!.lines[0]!;
    assert.equal(line.chargeText, '$1,500.00');
    assert.equal(text[line.codeSpan.start - 1], '"');
    assert.equal(text[line.codeSpan.end], '"');
  });

  it('reads doubled quotes, embedded delimiters and line breaks in other columns', () => {
    const notes = ['said "ouch", twice', 'line one\r\nline two\nthree', ''];
    let i = 0;
    const { text, rows } = writeClaimsCsvDetailed(CLAIMS, {
      lineEnding: '\r\n',
      columns: ['claimId', 'patientId', { header: 'Notes', value: () => notes[i++ % 3]! }, 'dateOfService', 'procedureCode', 'modifiers', 'units', 'charge'],
    });
    const doc = parseCsv(text);
    assertMatchesClaims(doc, text, CLAIMS);
    const lines = doc.claims.flatMap((c) => c.lines);
    assert.deepEqual(lines.map((l) => l.lineNumber), rows.map((r) => String(r.line)));
    assert.deepEqual(lines.map((l) => l.lineNumber), ['2', '3', '6']);
    const note = doc.csv!.locate(text.indexOf('ouch'))!;
    assert.equal(note.value, 'said "ouch", twice');
    assert.equal(note.header, 'Notes');
    assert.equal(note.role, null);
  });

  it('skips a BOM and blank lines', () => {
    const text = writeClaimsCsv(CLAIMS, { bom: true, blankLinesAfter: (r) => (r === 0 ? 2 : 0), lineEnding: '\r\n' });
    const doc = parseCsv(text);
    assertMatchesClaims(doc, text, CLAIMS);
    assert.deepEqual(doc.claims.flatMap((c) => c.lines.map((l) => l.lineNumber)), ['2', '5', '6']);
    assert.deepEqual(parseCsv('CPT,Units\n\n  \n,\n99213,1\n').claims[0]!.lines.map((l) => l.lineNumber), ['5']);
  });

  it('skips a title preamble and a repeated header row', () => {
    const text = 'Claims export\nClaim ID,CPT,Charge\nC1,99213,10\nClaim ID,CPT,Charge\nC1,43214,20\n';
    const doc = parseCsv(text);
    assert.deepEqual(rules(doc), ['csv.no-date-column']);
    assert.deepEqual(codes(doc), [['99213', '43214']]);
  });
});

describe('parseCsv: header variants and modifiers', () => {
  it('reads several spellings of each column', () => {
    const spellings = [
      { claimId: 'claim_no', patientId: 'MRN', dateOfService: 'DOS', procedureCode: 'CPT', modifiers: 'Mods', units: 'Qty', charge: 'Billed Amount' },
      { claimId: 'ICN', patientId: 'Member ID', dateOfService: 'Service Date', procedureCode: 'HCPCS', modifiers: 'Modifier', units: 'Days or Units', charge: 'Amount' },
      { claimId: 'CLAIM NUMBER', patientId: 'subscriber id', dateOfService: 'svc_date', procedureCode: 'Procedure Code', modifiers: 'MODIFIERS', units: 'quantity', charge: 'Line Charge' },
    ];
    for (const headerNames of spellings) {
      const text = writeClaimsCsv(CLAIMS, { headerNames, modifierSeparator: ':' });
      assertMatchesClaims(parseCsv(text), text, CLAIMS);
    }
  });

  it('splits one modifiers column on comma, space, colon and hyphen; insert point is the cell', () => {
    for (const sep of [',', ' ', ':', '-', ', ']) {
      const text = writeClaimsCsv(CLAIMS, { modifierSeparator: sep });
      const doc = parseCsv(text);
      assertMatchesClaims(doc, text, CLAIMS);
      const line = doc.claims[0]!.lines[1]!;
      const insert = line.modifierInsert;
      assert.equal(insert?.kind, 'csv-cell');
      if (insert?.kind !== 'csv-cell') return;
      assert.equal(insert.column, 4);
      assert.equal(insert.separator, sep);
      assert.equal(insert.quoted, sep.includes(','));
      assert.equal(at(text, insert.cellSpan), sep.includes(',') ? `"59${sep}XS"` : `59${sep}XS`);
    }
  });

  it('gives an empty modifiers cell as insert point, with a separator that needs no quoting', () => {
    let doc = parseCsv('CPT,Modifiers\n43214,\n');
    let insert = doc.claims[0]!.lines[0]!.modifierInsert;
    assert.deepEqual(insert, { kind: 'csv-cell', column: 1, cellSpan: { start: 20, end: 20 }, quoted: false, separator: ' ' });
    doc = parseCsv('CPT;Modifiers\n43214;""\n');
    insert = doc.claims[0]!.lines[0]!.modifierInsert;
    assert.deepEqual(insert, { kind: 'csv-cell', column: 1, cellSpan: { start: 20, end: 22 }, quoted: true, separator: ',' });
  });

  it('reads modifier 1-4 columns; insert point lists the cells', () => {
    const claims: WriterClaim[] = [
      { id: 'A', lines: [{ code: '99213', modifiers: ['25'] }, { code: '43200', modifiers: ['59', 'XS', 'LT', 'RT'] }, { code: '43214' }] },
    ];
    const text = writeClaimsCsv(claims, {
      columns: ['claimId', 'procedureCode', 'modifier1', 'modifier2', 'modifier3', 'modifier4', 'units'],
      headerNames: { modifier1: 'Mod1', modifier2: 'Mod 2', modifier3: 'MODIFIER_3', modifier4: 'Modifier D' },
      quote: (row, col) => row === 1 && col === 3,
    });
    const doc = parseCsv(text);
    assert.deepEqual(rules(doc), ['csv.no-date-column']);
    assert.deepEqual(doc.csv!.roles, ['claimId', 'procedureCode', 'modifier1', 'modifier2', 'modifier3', 'modifier4', 'units']);
    const [l1, l2, l3] = doc.claims[0]!.lines;
    assert.deepEqual(mods(l1!), ['25']);
    assert.deepEqual(mods(l2!), ['59', 'XS', 'LT', 'RT']);
    assert.deepEqual(mods(l3!), []);
    const insert = l1!.modifierInsert;
    assert.equal(insert?.kind, 'csv-columns');
    if (insert?.kind !== 'csv-columns') return;
    assert.deepEqual(insert.cells.map((c) => c.column), [2, 3, 4, 5]);
    assert.deepEqual(insert.cells.map((c) => at(text, c.cellSpan)), ['25', '""', '', '']);
    assert.deepEqual(insert.cells.map((c) => c.quoted), [false, true, false, false]);
  });

  it('splits a code cell written with modifiers ("99213-25") when there is no modifier column', () => {
    const text = 'Claim,CPT,Units\nC1,99213-25,1\nC1,"43200 59:XS",1\nC1,99213-99215,1\n';
    const doc = parseCsv(text);
    const [a, b, c] = doc.claims[0]!.lines;
    assert.equal(a!.code, '99213');
    assert.deepEqual(mods(a!), ['25']);
    assert.deepEqual(a!.modifierInsert, { kind: 'csv-cell', column: 1, cellSpan: { start: 19, end: 27 }, quoted: false, separator: '-' });
    assert.equal(b!.code, '43200');
    assert.deepEqual(mods(b!), ['59', 'XS']);
    for (const m of b!.modifiers) assert.equal(at(text, m.span), m.value);
    assert.equal(c!.code, '99213-99215');
    assert.deepEqual(rules(doc), ['csv.procedure-code-invalid', 'csv.no-date-column']);
  });
});

describe('parseCsv: dates', () => {
  const formats = ['YYYY-MM-DD', 'MM/DD/YYYY', 'M/D/YY', 'YYYYMMDD'] as const;
  for (const dateFormat of formats) {
    it(`reads ${dateFormat}`, () => {
      const claims: WriterClaim[] = [{ id: 'A', lines: [{ code: '99213', date: 20240305 }, { code: '99214', date: 19991231 }] }];
      const text = writeClaimsCsv(claims, { dateFormat });
      const doc = parseCsv(text);
      assert.deepEqual(rules(doc), []);
      const [l1, l2] = doc.claims[0]!.lines;
      assert.deepEqual(l1!.dateOfService, { from: 20240305, to: 20240305 });
      assert.deepEqual(l2!.dateOfService, { from: 19991231, to: 19991231 });
      assert.equal(at(text, l1!.dateSpan), text.split('\n')[1]!.split(',')[2]);
    });
  }

  it('reads a range in one cell, or from a separate to-date column', () => {
    const claims: WriterClaim[] = [{ id: 'A', lines: [{ code: '99213', date: { from: 20240301, to: 20240305 } }] }];
    let doc = parseCsv(writeClaimsCsv(claims, { dateFormat: 'MM/DD/YYYY' }));
    assert.deepEqual(doc.claims[0]!.lines[0]!.dateOfService, { from: 20240301, to: 20240305 });
    const text = writeClaimsCsv(claims, {
      columns: ['claimId', 'dateOfService', 'dateOfServiceTo', 'procedureCode'],
      headerNames: { dateOfService: 'From Date', dateOfServiceTo: 'Thru Date' },
    });
    doc = parseCsv(text);
    assert.deepEqual(rules(doc), []);
    assert.deepEqual(doc.claims[0]!.lines[0]!.dateOfService, { from: 20240301, to: 20240305 });
    assert.equal(at(text, doc.claims[0]!.lines[0]!.dateSpan), '2024-03-01');
    doc = parseCsv('Claim,From Date,To Date,CPT\nA,2024-03-05,2024-03-01,99213\n');
    assert.deepEqual(rules(doc), ['csv.date-invalid']);
    assert.deepEqual(doc.claims[0]!.lines[0]!.dateOfService, { from: 20240305, to: 20240305 });
  });

  it('reports an unreadable date on its cell, as an error, without echoing it', () => {
    const text = 'Claim ID,DOS,CPT\nSECRET-1,2024-02-30,99213\nSECRET-1,,99214\n';
    const doc = parseCsv(text);
    assert.equal(doc.findings.length, 1);
    const f = doc.findings[0]!;
    assert.equal(f.rule, 'csv.date-invalid');
    assert.equal(f.severity, 'error');
    assert.equal(at(text, f.span), '2024-02-30');
    assert.match(f.message, /Line 2/);
    assert.match(f.message, /"DOS"/);
    assert.ok(!f.message.includes('2024-02-30') && !f.message.includes('SECRET'));
    assert.equal(doc.claims[0]!.lines[0]!.dateOfService, null);
    assert.equal(doc.claims[0]!.lines[0]!.dateSpan, null);
    assert.equal(doc.claims[0]!.lines[1]!.dateOfService, null);
  });
});

describe('parseCsv: grouping into claims', () => {
  it('groups by claim id in order of first appearance, rows need not be adjacent', () => {
    const claims: WriterClaim[] = [
      { id: 'B', patientId: 'P1', lines: [{ code: '99213', charge: 10 }, { code: '99214', charge: 0.1 }, { code: '99215', charge: 0.2 }] },
      { id: 'A', patientId: 'P2', lines: [{ code: '43214', charge: 5 }] },
      { id: 'C', patientId: 'P3', lines: [{ code: '43200' }, { code: '43235' }] },
    ];
    const text = writeClaimsCsv(claims, { rowOrder: 'interleaved', trailingLineBreak: false });
    const doc = parseCsv(text);
    assert.deepEqual(doc.claims.map((c) => c.id), ['B', 'A', 'C']);
    assert.deepEqual(codes(doc), [['99213', '99214', '99215'], ['43214'], ['43200', '43235']]);
    assert.deepEqual(doc.claims.map((c) => c.totalCharge), [10.3, 5, null]);
    assert.deepEqual(doc.claims.map((c) => c.totalChargeSpan), [null, null, null]);
    const b = doc.claims[0]!;
    assert.equal(b.span.start, b.lines[0]!.recordSpan.start);
    assert.equal(b.span.end, b.lines[2]!.recordSpan.end);
    assert.equal(b.span.end, text.length);
  });

  it('continues the previous claim on rows with an empty claim id', () => {
    const doc = parseCsv('Claim ID,CPT\nA,99213\n,99214\nB,43214\n,43200\n');
    assert.deepEqual(codes(doc), [['99213', '99214'], ['43214', '43200']]);
  });

  it('groups by patient and date of service without a claim-id column', () => {
    const text = [
      'Patient,DOS,CPT',
      'P1,2024-03-01,99213',
      'P1,2024-03-01,43214',
      'P2,2024-03-01,99213',
      'P1,2024-03-02,99213',
      ',,43200',
      'P1,03/01/2024,43235',
    ].join('\n');
    const doc = parseCsv(text);
    assert.deepEqual(rules(doc), []);
    assert.deepEqual(codes(doc), [['99213', '43214', '43235'], ['99213'], ['99213', '43200']]);
    assert.deepEqual(doc.claims.map((c) => c.id), ['P1 2024-03-01', 'P2 2024-03-01', 'P1 2024-03-02']);
    assert.deepEqual(doc.claims.map((c) => c.patientId), ['P1', 'P2', 'P1']);
    assert.deepEqual(doc.claims.map((c) => c.idSpan), [null, null, null]);
    // The row with no patient and no date keeps the previous row's, and its line carries the date
    // it is grouped on (found in review: it stayed null, so the row was never checked), though
    // none is written on it.
    const carried = doc.claims[2]!.lines[1]!;
    assert.deepEqual(carried.dateOfService, { from: 20240302, to: 20240302 });
    assert.equal(carried.dateInherited, true);
    assert.equal(carried.dateSpan, null);
    assert.equal(doc.claims[2]!.lines[0]!.dateInherited, false);
  });

  it('makes one claim of a plain list of codes', () => {
    const doc = parseCsv('CPT,Modifier\n43214,\n43200,59\n');
    assert.deepEqual(codes(doc), [['43214', '43200']]);
    assert.equal(doc.claims[0]!.id, '');
  });
});

describe('parseCsv: spans', () => {
  it('spans slice exactly the values, with or without quotes and padding', () => {
    const text = 'Claim ID , CPT , Modifiers , Units , Charge , DOS\r\n  C1 ,  "43214" , " 59 , XS " , 2 , " $1,250.00 " , 2024-03-15 \r\n';
    const doc = parseCsv(text);
    assert.deepEqual(rules(doc), []);
    const line = doc.claims[0]!.lines[0]!;
    assert.equal(at(text, doc.claims[0]!.idSpan), 'C1');
    assert.equal(at(text, line.codeSpan), '43214');
    assert.deepEqual(line.modifiers.map((m) => at(text, m.span)), ['59', 'XS']);
    assert.equal(at(text, line.chargeSpan), '$1,250.00');
    assert.equal(line.charge, 1250);
    assert.equal(line.units, 2);
    assert.equal(at(text, line.dateSpan), '2024-03-15');
  });

  it('a line span includes its line break; the last line without one takes the line break before it', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['CPT', '99213', '99214', '99215'].join(eol);
      const doc = parseCsv(text);
      const lines = doc.claims[0]!.lines;
      assert.equal(at(text, lines[0]!.span), `99213${eol}`);
      assert.equal(at(text, lines[0]!.recordSpan), '99213');
      assert.equal(at(text, lines[2]!.span), `${eol}99215`);
      assert.equal(at(text, lines[2]!.recordSpan), '99215');
      // Removing any one line's span leaves the other rows intact, with no empty line.
      for (const l of lines) {
        const rest = text.slice(0, l.span.start) + text.slice(l.span.end);
        assert.equal(rest.split(eol).length, 3);
        assert.ok(!rest.split(eol).includes(''));
      }
    }
    const text = 'CPT\r\n99213\r\n99214\r\n';
    const lines = parseCsv(text).claims[0]!.lines;
    assert.equal(at(text, lines[1]!.span), '99214\r\n');
  });
});

describe('parseCsv: findings', () => {
  it('reports short rows as warnings naming the missing columns', () => {
    const text = 'Claim ID,DOS,CPT,Units,Charge\nC1,2024-01-01,99213\nC1,2024-01-01\nC1,2024-01-01,99214,1,20\n';
    const doc = parseCsv(text);
    assert.deepEqual(rules(doc), ['csv.row-short', 'csv.row-short']);
    assert.ok(doc.findings.every((f) => f.severity === 'warning'));
    assert.match(doc.findings[0]!.message, /Line 2 has 3 fields but the header has 5; missing "Units" and "Charge"/);
    assert.equal(at(text, doc.findings[1]!.span), 'C1,2024-01-01');
    // A short row that still reaches the code column is a line; one that does not is not.
    assert.deepEqual(codes(doc), [['99213', '99214']]);
    assert.equal(doc.claims[0]!.lines[0]!.units, null);
  });

  it('reports unreadable amounts, units and codes without echoing them', () => {
    const text = 'Claim,CPT,Units,Charge\nX9,9921,one,12$\nX9,,1,\n';
    const doc = parseCsv(text);
    assert.deepEqual(
      doc.findings.map((f) => [f.rule, f.severity, at(text, f.span)]),
      [
        ['csv.procedure-code-invalid', 'warning', '9921'],
        ['csv.units-invalid', 'warning', 'one'],
        ['csv.amount-invalid', 'error', '12$'],
        ['csv.procedure-code-invalid', 'warning', ''],
        ['csv.no-date-column', 'information', 'Claim,CPT,Units,Charge'],
      ],
    );
    for (const f of doc.findings) assert.ok(!/9921|one|12\$|X9/.test(f.message), f.message);
    assert.equal(doc.claims[0]!.lines[0]!.charge, null);
    assert.equal(doc.claims[0]!.lines[0]!.chargeText, '12$');
    assert.equal(doc.claims[0]!.totalCharge, null);
  });

  it('reports an unterminated quote at the opening quote and reads the rest', () => {
    const text = 'Claim ID,CPT,Notes\nC1,99213,"never closed\nC1,99214,ok\nC2,43214,fine\n';
    const doc = parseCsv(text);
    assert.deepEqual(rules(doc), ['csv.quote-unterminated', 'csv.no-date-column']);
    const f = doc.findings[0]!;
    assert.deepEqual(f.span, { start: text.indexOf('"'), end: text.indexOf('"') + 1 });
    assert.match(f.message, /Line 2/);
    assert.match(f.message, /"Notes"/);
    assert.deepEqual(codes(doc), [['99213', '99214'], ['43214']]);
    const pos = doc.csv!.locate(text.indexOf('never'))!;
    assert.equal(pos.value, '"never closed');
  });
});

describe('CsvIndex.locate', () => {
  const text = 'Claim ID,CPT,Modifiers,Charge\r\nC1,"43214",,"1,500.00"\r\n\r\nC2,43200,59,10\r\n';
  const doc = parseCsv(text);
  const index = doc.csv!;

  it('exposes separator, headers and roles', () => {
    assert.equal(index.separator, ',');
    assert.deepEqual(index.headers, ['Claim ID', 'CPT', 'Modifiers', 'Charge']);
    assert.deepEqual(index.roles, ['claimId', 'procedureCode', 'modifiers', 'charge']);
  });

  it('finds record, column, header, role, cell span and value', () => {
    const pos = index.locate(text.indexOf('43214') + 2)!;
    assert.deepEqual(pos, {
      record: 1,
      column: 1,
      header: 'CPT',
      role: 'procedureCode',
      span: { start: text.indexOf('"43214"'), end: text.indexOf('"43214"') + 7 },
      value: '43214',
    });
    assert.equal(index.locate(0)!.header, 'Claim ID');
    assert.equal(index.locate(0)!.record, 0);
    const charge = index.locate(text.indexOf('500'))!;
    assert.equal(charge.value, '1,500.00');
    assert.equal(charge.role, 'charge');
    const second = index.locate(text.indexOf('59'))!;
    assert.equal(second.record, 2);
    assert.equal(second.role, 'modifiers');
  });

  it('handles empty cells, delimiters, line ends and blank lines', () => {
    const empty = text.indexOf(',,') + 1;
    assert.deepEqual(index.locate(empty), {
      record: 1, column: 2, header: 'Modifiers', role: 'modifiers', span: { start: empty, end: empty }, value: '',
    });
    const rowEnd = text.indexOf('\r\n', 30);
    assert.equal(index.locate(rowEnd)!.column, 3);
    assert.equal(index.locate(rowEnd + 1), null);
    assert.equal(index.locate(rowEnd + 2), null);
    assert.equal(index.locate(text.length), null);
  });
});

describe('parseCsv: header edge cases', () => {
  it('does not require trailing columns that have no header name', () => {
    const doc = parseCsv('Claim ID,CPT,Units,,\nC1,99213,1\nC1,99214\n');
    assert.deepEqual(rules(doc), ['csv.row-short', 'csv.no-date-column']);
    assert.match(doc.findings[0]!.message, /Line 3 has 2 fields but the header has 3; missing "Units"/);
  });
});
