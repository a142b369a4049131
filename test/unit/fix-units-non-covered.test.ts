// Found by a hospital billing analyst: lowering an 837I line's units to an MAI 2 MUE lowered its
// charge (SV203) in proportion but left its non-covered charge (SV207) as it was:
// SV2*0260*HC:43213*600.00*UN*3*200.00*300.00 became a line of 200.00 with 300.00 not covered,
// which a payer rejects. SV207 now goes down in the same proportion (fixesNonCovered.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixesAll';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const mue = [
  '"Synthetic MUE table for tests.",,,',
  'HCPCS/CPT Code,Outpatient Hospital Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
  '43213,1,2 Date of Service Edit: Policy,Policy',
  '',
].join('\r\n');
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: [], mueFiles: ['MCR_MUE_OutpatientHospitalServices.csv'], readFile: () => mue });
const day = { from: 20261015, to: 20261015 };

function fixed(sv2Tail: string): string {
  const { text } = writeX12([{ id: 'C1', lines: [{ code: '43213', charge: '600.00', units: '3', date: day, revenueCode: '0260' }] }], { kind: 'institutional', lineEnding: '\n' });
  const line = /SV2\*0260\*HC:43213\*600\.00\*UN\*3[^~]*~/.exec(text)![0];
  const withTail = text.replace(line, `SV2*0260*HC:43213*600.00*UN*3${sv2Tail}~`);
  const analysis = analyze(withTail, knowledge);
  assert.ok(analysis.findings.some((f) => f.rule === 'mue.exceeded'), analysis.findings.map((f) => f.rule).join(' '));
  const fix = fixAll(withTail, analysis.doc, analysis.findings);
  assert.ok(fix, 'fix-all lowers the units');
  return /SV2\*[^~]*/.exec(applyEdits(withTail, fix.edits))![0];
}

describe('lowering an 837I line\'s units keeps its non-covered charge within its charge', () => {
  it('SV207 goes down in proportion, written as it was', () => {
    assert.equal(fixed('*200.00*300.00'), 'SV2*0260*HC:43213*200.00*UN*1*200.00*100.00');
  });

  it('no SV207: nothing more (control)', () => {
    assert.equal(fixed(''), 'SV2*0260*HC:43213*200.00*UN*1');
  });
});
