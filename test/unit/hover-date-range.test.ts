// Found in review: the code hover lists the PTP edits in force on the first day of a line's date range
// only (and titles them "on <first day>"), while the check pairs lines on any day of the range:
// a conflict found on a later day of the range is missing from the hover, which says there are none.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';

// Synthetic edit: 11111 bundles 22222 from 2026-10-16.
const PTP = practitionerPtpText(['11111\t22222\t\t20261016\t*\t0\tsynthetic']);
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['/t/ptp.txt'], descriptorFiles: [], readFile: () => PTP });

describe('code hover on a line with a date range', () => {
  it('CSV: shows the edit in force on a later day of the range that the check reports', () => {
    const csv = 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,10/15/2026-10/17/2026,11111,1\nC1,M1,10/16/2026,22222,1\n';
    const analysis = analyze(csv, knowledge);
    assert.ok(analysis.findings.some((f) => f.rule === 'ptp.conflict'), 'the check finds the conflict on 10/16/2026');
    const hover = hoverAt(analysis, csv.indexOf('11111'), knowledge);
    assert.ok(hover);
    assert.doesNotMatch(hover.markdown, /No PTP edits/, hover.markdown);
    assert.match(hover.markdown, /22222/, hover.markdown);
  });

  it('X12 RD8: shows the edit in force on a later day of the range', () => {
    const segments = [
      'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261101*0930*^*00501*000000101*0*T*:',
      'GS*HC*S*R*20261101*0930*1*X*005010X222A1', 'ST*837*0001*005010X222A1', 'BHT*0019*00*X1*20261101*0930*CH',
      'HL*1**20*1', 'NM1*85*2*BILL*****XX*1999999984', 'HL*2*1*22*0', 'SBR*P*18*******CI', 'NM1*IL*1*DOE*J****MI*M1', 'NM1*PR*2*PAY*****PI*P1',
      'CLM*C1*200***11:B:1*Y*A*Y*Y', 'LX*1', 'SV1*HC:11111*100*UN*1***1', 'DTP*472*RD8*20261015-20261017',
      'LX*2', 'SV1*HC:22222*100*UN*1***1', 'DTP*472*D8*20261016', 'SE*17*0001', 'GE*1*1', 'IEA*1*000000101',
    ];
    const text = segments.join('~\n') + '~\n';
    const analysis = analyze(text, knowledge);
    assert.ok(analysis.findings.some((f) => f.rule === 'ptp.conflict'), 'the check finds the conflict on 10/16/2026');
    const hover = hoverAt(analysis, text.indexOf('11111'), knowledge);
    assert.ok(hover);
    assert.doesNotMatch(hover.markdown, /No PTP edits/, hover.markdown);
    assert.match(hover.markdown, /22222/, hover.markdown);
  });
});
