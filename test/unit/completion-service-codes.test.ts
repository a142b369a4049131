// Found by a user: completion in a service line's procedure composite offered nothing: not the
// modifiers after `SV1*HC:43214:`, not the procedure codes after `SV1*HC:`. The modifiers come from
// Claimlint's table of them (data/modifiers.ts) with their meaning; the procedure codes are those
// whose descriptors are loaded (the built-in 43214, a user's licensed file), filtered by what is
// typed, at most PROCEDURE_CODES_OFFERED at a time (the list says when there are more). Synthetic data.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { completionListAt, PROCEDURE_CODES_OFFERED, type ProcedureCodes } from '../../server/src/core/completion';
import { MODIFIERS } from '../../server/src/core/data/modifiers';
import { DescriptorTable } from '../../server/src/core/rules/descriptors';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge();
const DAY = { from: 20261015, to: 20261015 };
const { text: professional } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100', date: DAY, modifiers: ['59'] }] }], { lineEnding: '\n' });
const { text: institutional } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100', date: DAY, revenueCode: '0360' }] }], { lineEnding: '\n', kind: 'institutional' });

const table = new DescriptorTable();
for (const code of ['43200', '43214', '43215', '99213']) table.set({ code, short: `Example ${code}`, source: 'descriptors.csv' });
for (let n = 0; n < 150; n++) table.set({ code: `A${String(4000 + n).padStart(4, '0')}`, short: 'Example supply', source: 'descriptors.csv' });
const codes: ProcedureCodes = (prefix, limit) => table.startingWith(prefix, limit).map((d) => ({ code: d.code, name: d.short ?? '' }));

function offered(text: string, cursor: number) {
  return completionListAt(analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }), cursor, codes);
}

describe('completion in a service line\'s procedure composite', () => {
  it('at a modifier (SV101-3): every modifier, with its meaning; the replaced span is the modifier written', () => {
    const at = professional.indexOf('HC:43214:59') + 'HC:43214:'.length;
    const { entries, incomplete } = offered(professional, at + 1);
    assert.deepEqual(entries.map((e) => e.label).sort(), MODIFIERS.map((m) => m.code).sort());
    // Sorted for the client: the modifiers that let any NCCI pair pass first (59, XE...), then 25.
    const sorted = [...entries].sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).map((e) => e.label);
    assert.ok(sorted.indexOf('59') < sorted.indexOf('25') && sorted.indexOf('XS') < sorted.indexOf('25') && sorted.indexOf('25') < sorted.indexOf('LT'), sorted.join(' '));
    assert.equal(incomplete, false);
    const xs = entries.find((e) => e.label === 'XS')!;
    assert.match(xs.detail, /NCCI-associated$/);
    assert.deepEqual(xs.span, { start: at, end: at + 2 });
  });

  it('at the procedure code (SV101-2): the loaded codes that start with what is typed, in code order', () => {
    const at = professional.indexOf('HC:43214') + 'HC:'.length;
    const { entries, incomplete } = offered(professional, at + 3);
    assert.deepEqual(entries.map((e) => `${e.label} ${e.detail}`), ['43200 Example 43200', '43214 Example 43214', '43215 Example 43215']);
    assert.equal(incomplete, false);
    assert.deepEqual(entries[0]!.span, { start: at, end: at + 5 });
  });

  it('more codes match than are offered: the first ones, and the list says it is incomplete', () => {
    const at = professional.indexOf('HC:43214') + 'HC:'.length;
    const text = professional.slice(0, at) + 'A' + professional.slice(at + 5);
    const { entries, incomplete } = offered(text, at + 1);
    assert.equal(entries.length, PROCEDURE_CODES_OFFERED);
    assert.equal(entries[0]!.label, 'A4000');
    assert.equal(incomplete, true);
  });

  it('an 837I SV202 procedure code and its modifiers too', () => {
    const at = institutional.indexOf('HC:43214') + 'HC:'.length;
    assert.ok(at >= 'HC:'.length, 'the 837I line has an HCPCS code');
    assert.deepEqual(offered(institutional, at + 4).entries.map((e) => e.label), ['43214', '43215']);
  });

  it('a code set other than HCPCS/CPT (SV101-1 IV, HIEC): no procedure codes offered', () => {
    const at = professional.indexOf('SV1*HC:43214') + 'SV1*'.length;
    const text = professional.slice(0, at) + 'IV' + professional.slice(at + 2);
    assert.deepEqual(offered(text, at + 'IV:'.length + 2).entries.map((e) => e.label), []);
  });

  it('not in other composites: the qualifier before the code is still the guide\'s codes', () => {
    const at = professional.indexOf('SV1*HC') + 'SV1*'.length;
    const labels = offered(professional, at).entries.map((e) => e.label);
    assert.ok(labels.includes('HC') && !labels.includes('43214'), labels.join(' '));
  });
});
