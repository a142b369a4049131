import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadPtpTable } from '../../server/src/core/rules';
import { generatePtpRows, generatePtpTable } from '../../server/src/core/rules/generatePtpTable';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 1_000_000;
const SEED = 20240101;

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

it('loads a generated one-million-row CMS table and looks rows up correctly (time and memory printed)', (t) => {
  const bytes = Buffer.from(generatePtpTable(ROWS, SEED), 'latin1');
  gc();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let result: ReturnType<typeof loadPtpTable> | null = loadPtpTable(bytes, 'ccipra-generated.txt');
  result.rules.finish();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  gc();
  const withRules = process.memoryUsage();

  assert.deepEqual(result.problems, []);
  assert.equal(result.rows, ROWS);
  assert.equal(result.rules.size, ROWS);

  // Every 97th row: in force on its effective date with its own indicator and rationale (the
  // generator never overlaps two windows of a pair), void when its indicator is 9, and absent
  // the day before when no earlier window of the pair covers that day.
  const rules = result.rules;
  let index = 0;
  let checked = 0;
  let previous: string[] | null = null;
  for (const fields of generatePtpRows(ROWS, SEED)) {
    const samePairAsPrevious = previous !== null && previous[0] === fields[0] && previous[1] === fields[1];
    previous = fields;
    if (index++ % 97 !== 0) continue;
    const [columnOne, columnTwo, preexisting, effective, deletion, indicator, rationale] = fields as [string, string, string, string, string, string, string];
    const edit = rules.lookup(columnOne, columnTwo, Number(effective));
    if (indicator === '9') assert.equal(edit, null);
    else {
      assert.ok(edit, `${columnOne}/${columnTwo} on ${effective}`);
      assert.equal(edit.modifierIndicator, indicator);
      assert.equal(edit.rationale, rationale);
      assert.equal(edit.preexisting, preexisting === '*');
      assert.equal(edit.deletion, deletion === '*' ? null : Number(deletion));
    }
    if (!samePairAsPrevious) assert.equal(rules.lookup(columnOne, columnTwo, Number(effective) - 1), null);
    checked++;
  }
  assert.ok(checked > 10_000);

  result = null;
  gc();
  const without = process.memoryUsage();
  const retained = withRules.heapUsed + withRules.arrayBuffers - (without.heapUsed + without.arrayBuffers);
  t.diagnostic(
    `1M rows (${megabytes(bytes.length)} MB file, as a Buffer): loaded and indexed in ${seconds.toFixed(2)} s ` +
      `(${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU); the rule set retains ${megabytes(retained)} MB`,
  );
});
