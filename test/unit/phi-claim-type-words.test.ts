// Claim contents in messages: csv.claim-type-unknown quotes the claim-type cell only when it is
// "plain": short, with every word a claim-type word (csv/claimTypes.ts readWords). The words are
// the cell's runs of ASCII letters and digits (csv/values.ts alphanumericRuns), so anything else
// between them is never read as a word: a patient's name written in Cyrillic, Greek or Chinese
// beside "Professional Institutional" once left only claim-type words, and the whole cell, name
// included, went into the finding. A cell is quoted only when it holds nothing but claim-type
// words and ASCII spaces and punctuation; otherwise "the value in column ..." as for any other
// cell. Synthetic names only.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const NAMES = ['Иванова Зоя', 'Ζωή Παππά', '王芳'];

function claimsCsv(claimType: string): string {
  return [
    'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge,Claim Type',
    `C1,P1,2026-03-10,43214,1,100.00,${claimType}`,
    // The claim's rows all say it: a row that names a kind would name the claim's.
    `C1,P1,2026-03-10,43200,1,40.00,${claimType}`,
    '',
  ].join('\n');
}

describe('csv.claim-type-unknown does not quote a cell that holds more than claim-type words', () => {
  for (const name of NAMES) {
    for (const cell of [`Professional Institutional ${name}`, `No Professional ${name}`]) {
      it(JSON.stringify(cell), () => {
        const text = claimsCsv(cell);
        const analysis = analyze(text, emptyKnowledge(true));
        const finding = analysis.findings.find((f) => f.rule === 'csv.claim-type-unknown');
        assert.ok(finding, `the cell is reported as naming no claim type (the premise): ${analysis.findings.map((f) => f.rule).join(', ')}`);
        const messages = analysis.findings.map((f) => f.message);
        assert.deepEqual(messages.filter((m) => m.includes(name)), [], 'a message quotes the name');
      });
    }
  }

  it('a cell of claim-type words alone is still quoted', () => {
    const analysis = analyze(claimsCsv('Professional/Institutional'), emptyKnowledge(true));
    const finding = analysis.findings.find((f) => f.rule === 'csv.claim-type-unknown');
    assert.ok(finding);
    assert.match(finding.message, /"Professional\/Institutional"/);
  });
});
