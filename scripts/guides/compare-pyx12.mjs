#!/usr/bin/env node
// Runs Claimlint's `full` guide mode (analyze() with guideChecks 'full', what the editor and
// `claimlint --guide full` report: the reader's x12.* findings plus the guide validator's guide.*
// findings) over the public corpus and compares its findings with pyx12's, error by error. Run by
// hand, never in CI: the corpus and pyx12's results are not in the repository (the team's shared
// reference folder has them as corpus/ and reference/pyx12-results-corpus.json), so both are
// named on the command line (npm run compare:pyx12 -- --corpus DIR --results FILE):
//
//   node --import tsx scripts/guides/compare-pyx12.mjs --corpus DIR --results FILE [--all] [--verbose] [--extras N] [--pairs]
//
// A pyx12 error is covered when Claimlint reports a finding of the matching kind on the same
// segment (pyx12's line is the 1-based segment number) and, for element errors, the same element
// reference (taken from the finding's message, which names it). Files pyx12 could not run, or
// validated with a map of another version (its aliases), are left out unless --all. The reader's
// checks (SE01/GE01/IEA01 counts, LX order) count too: the validator does not repeat them.
//
// Prints, per pyx12 error kind: pyx12's count, how many Claimlint covers and the ratio; then
// every Claimlint finding no pyx12 error matches, by rule, x12.* and guide.* alike (with
// --extras N, N examples of each). --pairs lists the x12.* and guide.* rules reported on the same
// segment of a file (candidates for one problem reported twice), with counts and an example.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const required = (name, what) => {
  const value = option(name, undefined);
  if (value === undefined) {
    process.stderr.write(`compare-pyx12: ${name} is required: ${what}\n`);
    process.exit(2);
  }
  const path = resolve(value);
  if (!existsSync(path)) {
    process.stderr.write(`compare-pyx12: ${name} ${path} does not exist (${what})\n`);
    process.exit(2);
  }
  return path;
};
const corpusDir = required('--corpus', 'the folder of X12 files pyx12 was run on');
const resultsFile = required('--results', "pyx12's errors on that folder (pyx12-results-corpus.json)");
const all = process.argv.includes('--all');
const verbose = process.argv.includes('--verbose');
const extrasShown = Number(option('--extras', '0'));

const pairs = process.argv.includes('--pairs');

const { analyze } = await import(join(repo, 'server/src/core/analyze.ts'));
const { emptyKnowledge } = await import(join(repo, 'server/src/core/rules/knowledge.ts'));
// No PTP, MUE or add-on code tables: only the reader's and the guides' findings are compared (not the
// coding checks', nor their note on claims no NCCI table judges).
const knowledge = emptyKnowledge(false);
const CODING = /^(ptp|mue|aoc|ncci)\./;

/**
 * Claimlint's findings on a file in `full` mode, as { line (1-based segment number), rule, ref,
 * message }: the segment is the one the finding's span starts in (else the last one before it).
 * A guide finding's span is its element, or the end of the segment for an element past the end,
 * so the element reference is read from its message, which names it (`CLM05-02`).
 */
function fullModeFindings(text) {
  const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
  const ix = analysis.doc.x12;
  if (analysis.doc.format !== 'x12' || !ix) return null;
  const count = ix.segmentCount;
  const lineOf = (offset) => {
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ix.segmentSpan(mid).start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const out = [];
  for (const f of analysis.findings) {
    if (CODING.test(f.rule)) continue;
    const line = count === 0 ? 0 : lineOf(f.span.start);
    const id = count === 0 ? '' : ix.segmentId(line - 1);
    let ref = null;
    if (f.rule.startsWith('guide.') && id) {
      // Quoted values ("HC01") are the element's content, not its reference.
      const m = new RegExp(`\\b${id.replace(/[^A-Za-z0-9]/g, "\\\\$&")}\\d{2}(?:-\\d{2})?\\b`).exec(f.message.replace(/"(?:[^"\\]|\\.)*"/g, ''));
      if (m) ref = m[0];
    }
    out.push({ line, id, rule: f.rule, ref, message: f.message, used: false });
  }
  return out;
}

/** pyx12 error -> the Claimlint rules that cover it. */
function kindOf(e) {
  const level = e.level;
  const code = String(e.code);
  if (level === 'ele') {
    const table = {
      1: ['guide.element-missing'],
      2: ['guide.element-missing', 'guide.syntax'],
      3: ['guide.too-many-elements', 'guide.too-many-components'],
      4: ['guide.element-length'],
      5: ['guide.element-length', 'guide.element-not-used'],
      6: ['guide.element-type', 'guide.character-set', 'guide.element-trailing-spaces'],
      7: ['guide.code-invalid', 'guide.element-format'],
      8: ['guide.element-type'],
      9: ['guide.element-type'],
      10: ['guide.element-not-used', 'guide.syntax'],
    };
    return { name: `ele ${code}`, rules: table[code] ?? [] };
  }
  if (level === 'seg') {
    const table = {
      1: ['guide.segment-unexpected', 'guide.segment-id-invalid', 'guide.segment-leading-blanks'],
      2: ['guide.segment-not-used', 'guide.loop-not-used'],
      3: ['guide.segment-missing', 'guide.loop-missing'],
      4: ['guide.loop-max-repeat'],
      5: ['guide.segment-max-use'],
      HL1: ['guide.hl-sequence'],
      HL2: ['guide.hl-parent'],
      LX: ['x12.lx-sequence'],
      SEG1: ['guide.trailing-separator'],
    };
    return { name: `seg ${code}`, rules: table[code] ?? [] };
  }
  const envelope = {
    'isa 025': ['guide.control-number-repeated'],
    'isa 021': ['x12.iea01-count'],
    'isa 001': ['x12.iea02-control'],
    'gs 6': ['guide.control-number-repeated'],
    'gs 5': ['x12.ge01-count'],
    'gs 4': ['x12.ge02-control'],
    'st 23': ['guide.control-number-repeated'],
    'st 4': ['x12.se01-count'],
    'st 3': ['x12.se02-control'],
  };
  const name = `${level} ${code}`;
  return { name, rules: envelope[name] ?? [] };
}

const LABELS = {
  'ele 1': 'required element missing',
  'ele 2': 'required composite missing / syntax note',
  'ele 3': 'too many elements',
  'ele 4': 'element too short',
  'ele 5': 'element too long / composite not used',
  'ele 6': 'invalid character / composite in simple element',
  'ele 7': 'code not in the list / pattern',
  'ele 8': 'invalid date',
  'ele 9': 'invalid time',
  'ele 10': 'element not used / exclusion syntax note',
  'seg 1': 'segment not expected here',
  'seg 2': 'segment or loop not used',
  'seg 3': 'required segment or loop missing',
  'seg 4': 'loop repeated beyond max',
  'seg 5': 'segment beyond max use',
  'seg HL1': 'HL01 not sequential',
  'seg HL2': 'HL02 parent not valid',
  'seg LX': 'LX01 not sequential',
  'seg SEG1': 'trailing element separators',
  'isa 025': 'ISA13 repeated',
  'isa 021': 'IEA01 count',
  'gs 6': 'GS06 repeated',
  'gs 5': 'GE01 count',
  'st 23': 'ST02 repeated',
  'st 4': 'SE01 count',
};

const results = JSON.parse(readFileSync(resultsFile, 'utf8')).files;
const perKind = new Map();
const extras = new Map();
const sameSegment = new Map();
let files = 0;
let skipped = 0;
for (const [name, result] of Object.entries(results)) {
  const comparable = !result.exception && result.aliases.length === 0;
  if (!comparable && !all) {
    skipped++;
    continue;
  }
  let text;
  try {
    text = readFileSync(join(corpusDir, name), 'utf8');
  } catch {
    skipped++;
    continue;
  }
  const ours = fullModeFindings(text);
  if (!ours) {
    skipped++;
    continue;
  }
  files++;
  for (const e of result.errors) {
    const kind = kindOf(e);
    let entry = perKind.get(kind.name);
    if (!entry) perKind.set(kind.name, (entry = { total: 0, covered: 0, missed: [] }));
    entry.total++;
    const ref = typeof e.refdes === 'string' ? e.refdes : null;
    // pyx12 gives ISA/GS element errors line 0; its envelope errors carry no element.
    // pyx12 puts an interchange, group or transaction set error (counts, repeated control
    // numbers) on a line of its own choosing; those match by rule anywhere in the file.
    const envelopeLevel = e.level === 'isa' || e.level === 'gs' || e.level === 'st';
    const match = ours.find(
      (o) =>
        !o.used &&
        kind.rules.includes(o.rule) &&
        (envelopeLevel || (e.line === 0 ? o.line <= 2 || /^(ISA|GS)/.test(ref ?? '') : o.line === e.line)) &&
        (e.level !== 'ele' || ref === null || o.ref === ref || (o.rule === 'guide.syntax' && o.ref !== null)),
    );
    if (match) {
      match.used = true;
      entry.covered++;
    } else {
      entry.missed.push(`${name}:${e.line} ${e.seg ?? ''} ${ref ?? ''} ${e.msg}`);
    }
  }
  for (const o of ours) {
    if (o.used) continue;
    let list = extras.get(o.rule);
    if (!list) extras.set(o.rule, (list = []));
    list.push(`${name}:${o.line} ${o.ref ?? o.id} ${o.message}`);
  }
  if (pairs) {
    // x12.* and guide.* rules on the same segment: the same problem reported twice, or two problems.
    const bySegment = new Map();
    for (const o of ours) {
      let list = bySegment.get(o.line);
      if (!list) bySegment.set(o.line, (list = []));
      list.push(o);
    }
    for (const list of bySegment.values()) {
      for (const x of list) {
        if (!x.rule.startsWith('x12.')) continue;
        for (const g of list) {
          if (!g.rule.startsWith('guide.')) continue;
          const key = `${x.rule} + ${g.rule}`;
          const entry = sameSegment.get(key);
          if (entry) entry.count++;
          else sameSegment.set(key, { count: 1, example: `${name}:${x.line} ${x.id}\n        ${x.message}\n        ${g.message}` });
        }
      }
    }
  }
}

// One decimal, two when that would round a shortfall up to 100.0%.
const pct = (a, b) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(a < b && (100 * a) / b >= 99.95 ? 2 : 1)}%`);
console.log(`${files} files compared (${skipped} left out: pyx12 failed, used another version's map, or no ISA${all ? '' : '; --all to include the aliased ones'})\n`);
console.log('pyx12 error kind                                        pyx12  covered  ratio');
let total = 0;
let covered = 0;
for (const [kind, entry] of [...perKind.entries()].sort((a, b) => b[1].total - a[1].total)) {
  total += entry.total;
  covered += entry.covered;
  const label = `${kind.padEnd(9)} ${LABELS[kind] ?? ''}`;
  console.log(`${label.padEnd(54)} ${String(entry.total).padStart(6)} ${String(entry.covered).padStart(8)}  ${pct(entry.covered, entry.total)}`);
  if (verbose) for (const m of entry.missed.slice(0, 5)) console.log(`      missed: ${m}`);
}
console.log(`${'all'.padEnd(54)} ${String(total).padStart(6)} ${String(covered).padStart(8)}  ${pct(covered, total)}`);
console.log('\nClaimlint findings (full mode) no pyx12 error matches, by rule:');
let extraTotal = 0;
for (const [rule, list] of [...extras.entries()].sort((a, b) => b[1].length - a[1].length)) {
  extraTotal += list.length;
  console.log(`  ${rule.padEnd(36)} ${String(list.length).padStart(6)}`);
  for (const x of list.slice(0, extrasShown)) console.log(`      ${x}`);
}
console.log(`  ${'all'.padEnd(36)} ${String(extraTotal).padStart(6)}`);
if (pairs) {
  console.log('\nx12.* and guide.* rules on the same segment (one problem twice, or two problems):');
  for (const [key, entry] of [...sameSegment.entries()].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`  ${key.padEnd(60)} ${String(entry.count).padStart(6)}`);
    console.log(`      ${entry.example}`);
  }
}
