// A coder's review: ptp.other-rendering-provider said a payer that applies the edit to the whole
// billing group "expects modifier XP", but offered no fix to add it. With indicator 1 the finding
// now offers XP on the column-2 line; with indicator 0 nothing (no modifier helps, and neither
// line is the wrong one); fix-all never touches such a pair. Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { loadKnowledge } from '../../server/src/core/rules';
import { writeX12 } from './helpers/x12-writer';
import { practitionerPtpText } from './helpers/ncci-tables';

const DAY = { from: 20260310, to: 20260310 };

/** Two lines of one claim, each naming its rendering provider (2420A NM1*82). */
function twoProviders(indicator: '0' | '1') {
  const table = practitionerPtpText([`29881\t20610\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`]);
  const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
  const written = writeX12([{ id: 'A', lines: [{ code: '29881', charge: '900.00', date: DAY }, { code: '20610', charge: '80.00', date: DAY }] }], { lineEnding: '\n' }).text;
  const rendering = (code: string, npi: string) => (text: string) => text.replace(new RegExp(`(SV1\\*HC:${code}\\*[^~]*~\\n(?:DTP\\*[^~]*~\\n)?)`), `$1NM1*82*1*DOE*ANN****XX*${npi}~\n`);
  const text = rendering('20610', '2222222228')(rendering('29881', '1111111112')(written)).replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 2}*`);
  const analysis = analyze(text, knowledge);
  const finding = analysis.findings.find((f) => f.rule === 'ptp.other-rendering-provider');
  assert.ok(finding, 'the premise: another rendering provider of the billing provider');
  assert.equal(analysis.findings.filter((f) => !f.rule.startsWith('ptp.')).length, 0, 'the file is otherwise valid');
  return { text, analysis, finding, knowledge };
}

describe('ptp.other-rendering-provider: XP as its quick fix', () => {
  it('indicator 1: "Add modifier XP to 20610", which lets the pair pass; fix-all leaves it', () => {
    const { text, analysis, finding, knowledge } = twoProviders('1');
    const fixes = fixesFor(text, analysis.doc, finding);
    assert.deepEqual(fixes.map((f) => f.title), ['Add modifier XP to 20610 (separate practitioner: another rendering provider performed 29881)']);
    const fixed = applyEdits(text, fixes[0]!.edits);
    assert.match(fixed, /SV1\*HC:20610:XP\*/);
    assert.deepEqual(analyze(fixed, knowledge).findings.filter((f) => f.rule.startsWith('ptp.')), []);
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null);
  });

  it('indicator 0: no fix, and fix-all removes nothing', () => {
    const { text, analysis, finding } = twoProviders('0');
    assert.deepEqual(fixesFor(text, analysis.doc, finding), []);
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null);
  });
});

describe('ptp.modifier-required on one named rendering provider\'s lines: the message says not XP', () => {
  it('both lines name the same rendering provider: "Not XP", and no XP fix; one named only by the billing provider (a group, perhaps): nothing said', () => {
    const table = practitionerPtpText(['29881\t20610\t\t20200101\t*\t1\tMutually exclusive procedures']);
    const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
    const written = writeX12([{ id: 'A', lines: [{ code: '29881', charge: '900.00', date: DAY }, { code: '20610', charge: '80.00', date: DAY }] }], { lineEnding: '\n' }).text;
    // The claim's rendering provider (2310B) after its HI: both lines are that practitioner's.
    const named = written.replace(/(HI\*[^~]*~\n)/, '$1NM1*82*1*DOE*ANN****XX*1111111112~\n').replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 1}*`);
    const finding = analyze(named, knowledge).findings.find((f) => f.rule === 'ptp.modifier-required')!;
    assert.match(finding.message, / Not XP: both lines name the same rendering provider, and XP says another practitioner performed the service\.$/);
    const plain = analyze(written, knowledge).findings.find((f) => f.rule === 'ptp.modifier-required')!;
    assert.doesNotMatch(plain.message, /Not XP/);
  });
});
