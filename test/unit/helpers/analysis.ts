// An analysis as plain data, so two can be compared with deepEqual: the oracle of the incremental
// re-read tests (a re-read must give exactly what a fresh analysis gives).
import type { Analysis } from '../../../server/src/core/analyze';
import type { X12SegmentIndex } from '../../../server/src/core/x12/segment-index';

/** The segment table of an X12 analysis (its arrays cut to the segments in use), or null. */
function table(analysis: Analysis) {
  const ix = analysis.doc.x12 as X12SegmentIndex | undefined;
  if (!ix) return null;
  const t = ix.table;
  return {
    segmentCount: t.segmentCount,
    segmentStart: [...t.segmentStart.subarray(0, t.segmentCount)],
    segmentEnd: [...t.segmentEnd.subarray(0, t.segmentCount)],
    segmentCode: [...t.segmentCode.subarray(0, t.segmentCount)],
    trailingEnd: t.trailingEnd,
    delimiterRuns: t.delimiterRuns,
  };
}

/**
 * Text, model, findings and segment table of an analysis, as JSON-comparable data. The guide
 * pass's checkpoints are left out: they are where a later re-read starts again, and a wrong one
 * shows as wrong findings after the next edit (the tests make several edits in a row).
 */
export function comparable(analysis: Analysis) {
  const { x12: _x12, csv: _csv, guideCheckpoints: _checkpoints, ...doc } = analysis.doc;
  return { text: analysis.text, doc: JSON.parse(JSON.stringify(doc)), findings: JSON.parse(JSON.stringify(analysis.findings)), table: table(analysis) };
}
