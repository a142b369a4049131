// Found in review (hover, very long descriptor text): codeHover puts a descriptor from the user's
// file into the hover whole, ahead of the PTP edits. A descriptor cell that ran a column together
// in a spreadsheet export (the loader is built to take an 8 MB cell: descriptor-long-cell.test.ts)
// makes every hover on that code a megabyte of Markdown, with the edits a coder acts on after it,
// out of the hover's sight, and costs 15-90 ms a hover (plain text) against the 5 ms budget. The
// clinical summary is trimmed to fit the hover for this reason (summaryThatFits); the descriptor now
// is too, to 2,000 characters (a CPT long descriptor runs to about 1,000), with the count of those
// left out (descriptorThatFits). Synthetic descriptor only.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';

describe('a very long descriptor in a user file', () => {
  it('the hover stays a hover: bounded, with the PTP edits near its top', () => {
    const long = 'Synthetic descriptor text that runs on and on. '.repeat(20_000);
    const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: ['/licensed/synthetic.csv'], readFile: () => `Code,Short,Long\n43200,Synthetic short,"${long}"\n` });
    assert.equal(knowledge.descriptors.get('43200')?.long, long.trim(), 'the descriptor is loaded');
    const csv = 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,10/15/2026,43214,1\nC1,M1,10/15/2026,43200,1\n';
    const hover = hoverAt(analyze(csv, knowledge), csv.indexOf('43200'), knowledge);
    assert.ok(hover);
    assert.ok(hover.markdown.includes('Column 2: bundled into 43214'), 'the edits are in the hover');
    assert.ok(hover.markdown.length < 20_000, `a hover of ${hover.markdown.length} characters`);
    assert.ok(hover.markdown.indexOf('Column 2: bundled into 43214') < 5_000, `the edits start at character ${hover.markdown.indexOf('Column 2: bundled into 43214')}`);
  });
});
