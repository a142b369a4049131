// Found in review: completion at the start of a segment offers segments the guide does not allow
// there. guides/walker.ts allowedNext lists every child past the current position at every level
// up to the root, placed by positionAt with no counts: so inside an open transaction set it offers
// the envelope segments (ST*837, GE, GS*HC, IEA, ISA*00) though the set's SE must come first, and
// after the submitter's loop (1000A) it offers BHT again, through the HEADER wrapper taken as a new
// iteration, though BHT comes before 1000A and once. Accepting one of them writes a file the guide
// rejects. Synthetic data only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { completionsAt } from '../../server/src/core/completion';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge();

function labelsAt(text: string, offset: number): string[] {
  return completionsAt(analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }), offset).map((entry) => entry.label);
}

const ENVELOPE = ['ST*837', 'GE', 'GS*HC', 'IEA', 'ISA*00', 'ISA*03', 'TA1'];

describe('completion at a segment start offers only what the guide allows next', () => {
  it('inside a transaction set, after a service line: no envelope segment before the set is closed by SE', () => {
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100', date: { from: 20261015, to: 20261015 } }] }], { lineEnding: '\n' });
    // The start of the SE segment: a new segment typed here sits after the line's DTP*472.
    const labels = labelsAt(text, text.indexOf('SE*'));
    assert.ok(labels.includes('SE') && labels.includes('LX'), labels.join(' '));
    const envelope = labels.filter((label) => ENVELOPE.includes(label));
    assert.deepEqual(envelope, [], `offered inside the open set: ${envelope.join(' ')}`);
  });

  it('a file being written: after the submitter PER, BHT is not offered again, nor the envelope', () => {
    const text = [
      'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *240115*1200*^*00501*000000001*0*T*:~',
      'GS*HC*SENDER01*RECEIVER01*20240115*1200*1*X*005010X222A1~',
      'ST*837*0001*005010X222A1~',
      'BHT*0019*00*0001*20240115*1200*CH~',
      'NM1*41*2*SUBMITTER*****46*S000001~',
      'PER*IC*DESK*TE*5555550100~',
      '',
    ].join('\n');
    const labels = labelsAt(text, text.length);
    assert.ok(labels.includes('NM1*40'), `the receiver's name comes next: ${labels.join(' ')}`);
    assert.ok(!labels.includes('BHT*0019'), `BHT offered after 1000A: ${labels.join(' ')}`);
    const envelope = labels.filter((label) => ENVELOPE.includes(label));
    assert.deepEqual(envelope, [], `offered inside the open set: ${envelope.join(' ')}`);
  });

  it('right after ST the set is open (no GE or second ST); right after SE it is closed (GE or another ST, no ISA)', () => {
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100', date: { from: 20261015, to: 20261015 } }] }], { lineEnding: '\n' });
    const afterSt = labelsAt(text, text.indexOf('\n', text.indexOf('ST*837')) + 1);
    assert.ok(afterSt.includes('BHT*0019'), afterSt.join(' '));
    assert.deepEqual(afterSt.filter((label) => ENVELOPE.includes(label)), [], afterSt.join(' '));
    const afterSe = labelsAt(text, text.indexOf('\n', text.indexOf('SE*')) + 1);
    assert.ok(afterSe.includes('GE') && afterSe.includes('ST*837'), afterSe.join(' '));
    assert.ok(!afterSe.includes('ISA*00') && !afterSe.includes('IEA'), afterSe.join(' '));
  });

  it('a segment at its max use is not offered again: no second DTP*472 in the same service line', () => {
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100', date: { from: 20261015, to: 20261015 } }] }], { lineEnding: '\n' });
    const labels = labelsAt(text, text.indexOf('SE*'));
    assert.ok(labels.includes('DTP*471') && !labels.includes('DTP*472'), labels.join(' '));
  });
});
