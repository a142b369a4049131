// Found in review (claim contents in messages): a coding finding names the *other* line of a pair
// by LX01 exactly as the file writes it (rules/lineLabels.ts lineLabel: "service line
// ${lines.lineNumber(other)}", said there to name a line "by position, never by contents"), and
// a fix title names the line it removes the same way (core/fixes.ts lineName). LX01 is kept as
// raw text (x12/serviceLines837.ts numberText) whatever it holds, so a file whose LX01 is not a
// number puts that value in the PTP/MUE message, in the CLI report (stdout, a CI log) and in the
// code action title. The LX01 finding itself describes the value ("found a value that is not a
// number", via shownNumber); the coding message quotes it. Expected: a line named by its
// position (or LX01 only when it is a number), never by the text of LX01.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const MEMBER_ID = 'QXZMEMBER8812';
const PATIENT_LAST = 'QXZPATIENTLAST';
const day = { from: 20260310, to: 20260310 };

/** 43214 and 43200 on one day (an indicator-0 PTP pair of the built-in set), LX01 holding a member id and a surname. */
function sentinelFile(): string {
  const { text } = writeX12([{ id: 'C1', date: day, lines: [{ code: '43214', charge: '1500.00', date: day }, { code: '43200', charge: '400.00', date: day }] }], { lineEnding: '\n' });
  const planted = text.replace(/^LX\*1~/m, `LX*${MEMBER_ID}~`).replace(/^LX\*2~/m, `LX*${PATIENT_LAST}~`);
  assert.notEqual(planted, text);
  return planted;
}

function leaks(text: string): string[] {
  return [MEMBER_ID, PATIENT_LAST].filter((s) => text.includes(s));
}

describe('LX01 text is never quoted in coding messages or fix titles', () => {
  const text = sentinelFile();
  const analysis = analyze(text, emptyKnowledge(true), undefined, undefined, { guideChecks: 'full' });

  it('the PTP conflict is found (the pair is checked)', () => {
    assert.ok(analysis.findings.some((f) => f.rule === 'ptp.conflict'), JSON.stringify(analysis.findings.map((f) => f.rule)));
  });

  it('no finding message or related message quotes LX01', () => {
    const messages = analysis.findings.flatMap((f) => [f.message, ...(f.related ?? []).map((r) => r.message)]);
    const leaking = messages.filter((m) => leaks(m).length > 0);
    assert.deepEqual(leaking, [], 'messages that quote LX01');
  });

  it('no quick-fix title quotes LX01', () => {
    const titles = analysis.findings.filter((f) => f.data !== undefined).flatMap((f) => fixesFor(text, analysis.doc, f).map((fix) => fix.title));
    assert.ok(titles.length > 0);
    assert.deepEqual(titles.filter((t) => leaks(t).length > 0), [], 'fix titles that quote LX01');
  });

  it('the CLI report (stdout) does not quote LX01', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-review-lx01-'));
    try {
      const file = join(dir, 'claims.837');
      writeFileSync(file, text);
      const run = spawnSync(process.execPath, [resolve(__dirname, '../../server/out/cli.js'), 'check', file], { encoding: 'utf8' });
      assert.match(run.stdout, /ptp\.conflict/);
      assert.deepEqual(leaks(run.stdout + run.stderr), [], run.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
