// Degenerate 837s for the CLI's memory budget (issue 14, "Bounded memory for any input"): an ISA
// header followed by a run of empty segments, a run of one-element segments in one transaction
// set, and one segment with no terminator to the end of the file. Written straight to disk in
// 1 MB writes; the same bytes every time.

import { closeSync, openSync, writeSync } from 'node:fs';

export type DegenerateShape = 'empty-segments' | 'one-element-segments' | 'no-terminator';

export const DEGENERATE_SHAPES: Record<DegenerateShape, string> = {
  'empty-segments': "ISA + '~' x N",
  'one-element-segments': "one ST of 'N3*A~' x N",
  'no-terminator': 'one segment, no terminator',
};

const ISA = 'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *240115*1200*^*00501*000000001*0*T*:~';
const OPEN_SET = 'GS*HC*SENDER01*RECEIVER01*20240115*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~';

/** Writes a degenerate 837 of about `targetBytes`; returns its size and segment count. */
export function writeDegenerate837(path: string, shape: DegenerateShape, targetBytes: number): { bytes: number; segments: number } {
  const unit = shape === 'empty-segments' ? '~' : shape === 'one-element-segments' ? 'N3*A~' : 'ABCDEFGHIJ';
  const head = shape === 'empty-segments' ? ISA : shape === 'one-element-segments' ? ISA + OPEN_SET : ISA + OPEN_SET + 'NTE*';
  const chunk = unit.repeat(Math.floor((1 << 20) / unit.length));
  const fd = openSync(path, 'w');
  let bytes = 0;
  let units = 0;
  try {
    bytes += writeSync(fd, head);
    while (bytes + chunk.length <= targetBytes) {
      bytes += writeSync(fd, chunk);
      units += chunk.length / unit.length;
    }
    // ST, the N3 segments and SE; then GE and IEA.
    if (shape === 'one-element-segments') bytes += writeSync(fd, `SE*${units + 2}*0001~GE*1*1~IEA*1*000000001~`);
  } finally {
    closeSync(fd);
  }
  const segments = shape === 'empty-segments' ? 1 + units : shape === 'one-element-segments' ? 6 + units : 4;
  return { bytes, segments };
}
