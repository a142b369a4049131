// Found in review: under a generic code header ("Procedure", "Code"), header.ts hasWellFormedCode confirms
// the column only with a cell that is exactly a code, so an export whose sampled rows all write
// the code with its modifiers ("43214-59", which rows.ts readCode splits) is not recognized as a
// claim CSV at all (format null, no claims, no finding).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCsv } from '../../server/src/core/csv/index';
import { detectFormat } from '../../server/src/core/parse';

describe('generic code header, codes written with modifiers', () => {
  it('"Procedure" column of "43214-59" cells is a claim CSV', () => {
    const text = 'Claim ID,Procedure,DOS\nC1,43214-59,2024-03-15\nC1,43200-XS,2024-03-15\n';
    assert.equal(detectFormat(text), 'csv');
    const doc = parseCsv(text);
    assert.deepEqual(doc.claims.flatMap((c) => c.lines.map((l) => [l.code, ...l.modifiers.map((m) => m.value)])), [['43214', '59'], ['43200', 'XS']]);
  });
});
