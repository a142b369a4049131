// The README's performance table from one run of the bench: each budget (measure and limit) on one
// row, with the range of what the run reached over its files, the x12-parser stream's figure on
// the same files beside ours, and how many of the files met it. Prints Markdown.
//
//   node bench/readme-table.mjs [RESULTS.json ...]
//
// Several runs (oldest first): a line of a later run (its measure, file and budget) replaces the
// same line of an earlier one, so a full run can be brought up to date by runs of some sections
// (`--only`); the footer names each run and how many of the lines shown come from it.

import { readFileSync } from 'node:fs';

const paths = process.argv.length > 2 ? process.argv.slice(2) : [new URL('./out/latest.json', import.meta.url).pathname];
const runs = paths.map((path) => JSON.parse(readFileSync(path, 'utf8')));
/** Each budget line by measure, budget and file: the latest run's. */
const lines = new Map();
runs.forEach((run, index) => {
  for (const line of run.budgets) lines.set(`${line.measure}\u0000${line.comparator}\u0000${line.budget}\u0000${line.file}`, { ...line, run: index });
});

/** A figure as the table shows it: three significant digits at most. */
function figure(value) {
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A figure with its unit: 20x, 3x read, +30%, 500 ms. */
function withUnit(text, unit) {
  if (unit === '% added') return `+${text}%`;
  if (unit.startsWith('x')) return `${text}${unit}`;
  return `${text} ${unit}`;
}

function range(values, unit) {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return withUnit(figure(low) === figure(high) ? figure(low) : `${figure(low)}-${figure(high)}`, unit);
}

const COMPARATORS = { '>=': '≥', '<=': '≤', '<': '<', '>': '>' };

/** How many times slower the peer was, from the judged lines' peer notes ("7200 ms = 6.1x ours"). */
function peerRange(lines) {
  const times = lines.map((line) => /= ([\d.]+)x ours/.exec(line.peer ?? '')?.[1]).filter(Boolean).map(Number);
  if (times.length > 0) return `${range(times, 'x')} our time`;
  const memory = lines.map((line) => /^(\d+) MB/.exec(line.peer ?? '')?.[1]).filter(Boolean).map(Number);
  return memory.length > 0 ? `${range(memory, 'MB')} peak` : '';
}

const groups = new Map();
for (const line of lines.values()) {
  const key = `${line.measure}\u0000${line.comparator}\u0000${line.budget}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(line);
}

console.log(`| measure | budget | reached (CPU; over the files of the run) | x12-parser stream, same files | met |`);
console.log(`|---|---|---|---|---|`);
let met = 0;
let all = 0;
for (const lines of groups.values()) {
  const [first] = lines;
  // pass: true met, null met on CPU and over on wall time (a busy machine), false missed.
  const passed = lines.filter((line) => line.pass !== false).length;
  met += passed;
  all += lines.length;
  const files = lines.length === 1 ? lines[0].file : `${lines.length} files`;
  const verdict = passed === lines.length ? 'met' : passed === 0 ? 'not met' : `${passed} of ${lines.length}`;
  console.log(`| ${first.measure} | ${COMPARATORS[first.comparator] ?? first.comparator} ${withUnit(String(first.budget), first.unit)} | ${range(lines.map((line) => line.value), first.unit)} (${files}) | ${peerRange(lines)} | ${verdict} |`);
}
const from = runs.map((run, index) => {
  const { commit, date } = run.machine;
  const count = [...lines.values()].filter((line) => line.run === index).length;
  return `${date.slice(0, 16).replace('T', ' ')} at ${String(commit).slice(0, 7)} (${count} lines)`;
});
console.log(`\n${met} of ${all} budget lines met; bench ${runs.length === 1 ? 'run' : 'runs'} of ${from.join(', ')}.`);
