// Found in review: the DTP03 hover reads any 8 digits as a date: an impossible date is shown as a real day
// ("Monday, February 30, 2026", "undefined 45"), and a reversed RD8 range gets "-1 days".
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const knowledge = emptyKnowledge();

function dtpHover(dtp: string): string {
  const segments = [
    'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261101*0930*^*00501*000000101*0*T*:',
    'GS*HC*S*R*20261101*0930*1*X*005010X222A1', 'ST*837*0001*005010X222A1', 'BHT*0019*00*X1*20261101*0930*CH',
    'HL*1**20*1', 'NM1*85*2*BILL*****XX*1999999984', 'HL*2*1*22*0', 'SBR*P*18*******CI', 'NM1*IL*1*DOE*J****MI*M1', 'NM1*PR*2*PAY*****PI*P1',
    'CLM*C1*100***11:B:1*Y*A*Y*Y', 'LX*1', 'SV1*HC:11111*100*UN*1***1', dtp, 'SE*14*0001', 'GE*1*1', 'IEA*1*000000101',
  ];
  const text = segments.join('~\n') + '~\n';
  const value = dtp.split('*')[3]!;
  const hover = hoverAt(analyze(text, knowledge), text.indexOf(value) + 1, knowledge);
  assert.ok(hover);
  return hover.markdown;
}

describe('DTP03 date hover', () => {
  it('does not name a day for February 30', () => {
    assert.doesNotMatch(dtpHover('DTP*472*D8*20260230'), /February 30/);
  });
  it('does not show "undefined" for month 13', () => {
    assert.doesNotMatch(dtpHover('DTP*472*D8*20261345'), /undefined/);
  });
  it('does not count a negative number of days for a reversed range', () => {
    assert.doesNotMatch(dtpHover('DTP*472*RD8*20261017-20261015'), /-\d+ days/);
  });
});
