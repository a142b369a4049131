// Found in review: an export whose modifier columns all carry the same name ("Modifier, Modifier,
// Modifier, Modifier" or "Mod, Mod") keeps only the first of them: header.ts mapColumns gives a
// role to the leftmost column of a name and none to its repeats, so the modifiers in the other
// columns are dropped without a finding (a 59/XS there no longer bypasses an edit).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCsv } from '../../server/src/core/csv/index';

const mods = (text: string): string[][] => parseCsv(text).claims.flatMap((c) => c.lines.map((l) => l.modifiers.map((m) => m.value)));

describe('repeated modifier column names', () => {
  it('reads every "Modifier" column of "Modifier,Modifier,Modifier,Modifier"', () => {
    const text = 'Claim ID,CPT,Modifier,Modifier,Modifier,Modifier,DOS\nC1,43214,,,,,2024-03-15\nC1,43200,LT,59,,,2024-03-15\n';
    assert.deepEqual(mods(text), [[], ['LT', '59']]);
  });

  it('reads both columns of "Mod,Mod"', () => {
    const text = 'Claim ID,CPT,Mod,Mod,DOS\nC1,43200,59,XS,2024-03-15\n';
    assert.deepEqual(mods(text), [['59', 'XS']]);
  });
});
