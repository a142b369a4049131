// A claim CSV read as the CLI reads one from its path: in pieces (CsvStream), its coded rows
// handed to a coding run, a date order that turns out otherwise read again from the start.
import assert from 'node:assert/strict';
import { DateOrderChange, type DateReading } from '../../../server/src/core/csv/rows';
import { CsvStream } from '../../../server/src/core/csv/stream';
import type { Finding } from '../../../server/src/core/model';
import { CodingRun } from '../../../server/src/core/rules/codingRun';
import type { Knowledge } from '../../../server/src/core/rules/knowledge';
import { byPosition } from '../../../server/src/core/spans';

/** The findings of `text` read in pieces of `size` characters, with the coding run's, in position order. */
export function csvStreamed(text: string, knowledge: Knowledge, size = 7): Finding[] {
  const run = new CodingRun(knowledge);
  const filter = run.lineFilter();
  const keep = (code: string) => filter(code, null) || filter(code, 'institutional');
  let dates: DateReading = { order: 'month-first', settled: false };
  for (;;) {
    try {
      const stream = new CsvStream({ dates, keep, loaded: run.loaded });
      for (let at = 0; at < text.length; at += size) assert.ok(stream.feed(text.slice(at, at + size)), 'read in pieces');
      const result = stream.end();
      assert.ok(result !== null, 'read in pieces');
      run.addStaged(result.coded, {});
      return byPosition(result.findings.concat(run.findings()));
    } catch (error) {
      if (!(error instanceof DateOrderChange)) throw error;
      dates = error.next;
    }
  }
}
