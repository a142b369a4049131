// Found in review (an EDI analyst): completion in GS08 offered the envelope map's list of every X12
// version (270/271, 276/277, 834, 835...) and not 005010X224A2; in ST03 it offered nothing. Both now
// offer the 837 guides: those mapped, their aliases and later errata, and those not validated.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { completionsAt } from '../../server/src/core/completion';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100', date: { from: 20261015, to: 20261015 } }] }], { lineEnding: '\n' });
const analysis = analyze(text, emptyKnowledge(), undefined, undefined, { guideChecks: 'full' });

describe('completion of GS08 and ST03 offers the 837 guides', () => {
  for (const [where, at] of [
    ['GS08', text.indexOf('005010X222A1', text.indexOf('\nGS*'))],
    ['ST03', text.indexOf('005010X222A1', text.indexOf('\nST*'))],
  ] as const) {
    it(where, () => {
      assert.ok(at > 0);
      const labels = completionsAt(analysis, at + 2).map((entry) => entry.label);
      for (const version of ['005010X222A1', '005010X223A2', '005010X224A2', '005010X222A2']) assert.ok(labels.includes(version), `${version} missing from [${labels.join(' ')}]`);
      assert.ok(labels.every((label) => /X(22[234]|09[678])/.test(label)), `only 837 guides: [${labels.join(' ')}]`);
    });
  }
});

// Found in review (an EDI analyst): the list offered every 837 guide whatever ISA12 says; a 5010
// interchange (ISA12 00501) cannot carry a 4010 guide's set, nor the reverse.
describe('the guides offered are those of the interchange version (ISA12)', () => {
  it('00501: only 005010 guides', () => {
    const at = text.indexOf('005010X222A1', text.indexOf('\nGS*'));
    const labels = completionsAt(analysis, at + 2).map((entry) => entry.label);
    assert.ok(labels.length > 0 && labels.every((label) => label.startsWith('00501')), `[${labels.join(' ')}]`);
  });

  it('00401: only 004010 guides, in every interchange of a file by its own ISA', () => {
    const four = text.replace('*00501*', '*00401*').replace(/005010X222A1/g, '004010X098A1');
    const twice = `${text}${four}`;
    const both = analyze(twice, emptyKnowledge(), undefined, undefined, { guideChecks: 'full' });
    const second = twice.indexOf('004010X098A1', twice.indexOf('\nGS*', text.length));
    const labels = completionsAt(both, second + 2).map((entry) => entry.label);
    assert.ok(labels.includes('004010X098A1') && labels.every((label) => label.startsWith('00401')), `[${labels.join(' ')}]`);
    const first = twice.indexOf('005010X222A1', twice.indexOf('\nGS*'));
    const firstLabels = completionsAt(both, first + 2).map((entry) => entry.label);
    assert.ok(firstLabels.length > 0 && firstLabels.every((label) => label.startsWith('00501')), `[${firstLabels.join(' ')}]`);
  });
});
