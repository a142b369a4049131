#!/usr/bin/env node
// Runs the guide validator (server/src/core/guides/validate.ts) over the public corpus and
// compares its findings with pyx12's, error by error. Run by hand, never in CI: the corpus and
// pyx12's results are not in the repository (the team's shared reference folder has them as
// corpus/ and reference/pyx12-results-corpus.json), so both are named on the command line:
//
//   node --import tsx scripts/guides/compare-pyx12.mjs --corpus DIR --results FILE [--all] [--verbose] [--extras N]
//
// A pyx12 error is covered when Claimlint reports a finding of the matching kind on the same
// segment (pyx12's line is the 1-based segment number) and, for element errors, the same element
// reference. Files pyx12 could not run, or validated with a map of another version (its
// aliases), are left out unless --all. Existing reader checks (SE01/GE01/IEA01 counts, LX order)
// count too: the validator does not repeat them.
//
// Prints, per pyx12 error kind: pyx12's count, how many Claimlint covers and the ratio; then
// Claimlint's findings no pyx12 error matches, by rule (with --extras N, N examples of each).
import { readFileSync } from 'node:fs';
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
  return resolve(value);
};
const corpusDir = required('--corpus', 'the folder of X12 files pyx12 was run on');
const resultsFile = required('--results', "pyx12's errors on that folder (pyx12-results-corpus.json)");
const all = process.argv.includes('--all');
const verbose = process.argv.includes('--verbose');
const extrasShown = Number(option('--extras', '0'));

const { validateSegments } = await import(join(repo, 'server/src/core/guides/validate.ts'));
let parseX12 = null;
try {
  ({ parseX12 } = await import(join(repo, 'server/src/core/x12/index.ts')));
} catch (e) {
  console.warn(`(reader checks left out: ${e.message})`);
}

/** Splits an X12 file simply: delimiters from the ISA, segments trimmed of line breaks. */
function splitSegments(text) {
  const start = text.indexOf('ISA');
  if (start < 0) return null;
  const isa = text.slice(start);
  const element = isa[3];
  const component = isa[104];
  const terminator = isa[105];
  // ISA11 is the repetition separator from 00501 on; some files keep 4010's 'U' there, which separates nothing.
  const isa11 = isa.split(element)[11];
  const repetition = isa.split(element)[12] >= '00501' && !/^[A-Za-z0-9 ]$/.test(isa11) ? isa11 : null;
  const segments = [];
  let offset = start;
  for (const raw of isa.split(terminator)) {
    // Line breaks between segments are dropped; blanks before a segment are kept (the validator
    // reports them), blanks after it dropped.
    const lead = raw.length - raw.replace(/^\s+/, '').length;
    const body = raw.slice(0, lead).replace(/[\r\n]/g, '') + raw.slice(lead).replace(/\s+$/, '');
    if (body.trim() !== '') {
      const parts = body.split(element);
      segments.push({ id: parts[0], elements: parts.slice(1), offset: offset + lead });
    }
    offset += raw.length + 1;
  }
  return { segments, component, repetition };
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
  const split = splitSegments(text);
  if (!split) {
    skipped++;
    continue;
  }
  files++;
  const findings = validateSegments(split.segments, { componentSeparator: split.component, repetitionSeparator: split.repetition });
  // Ours, as { line (1-based segment), rule, ref }.
  const ours = findings.map((f) => ({ line: f.segment + 1, rule: f.rule, ref: f.ref ?? null, message: f.message, used: false }));
  if (parseX12) {
    const starts = split.segments.map((s) => s.offset);
    const lineOf = (offset) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo + 1;
    };
    try {
      for (const f of parseX12(text).findings) ours.push({ line: lineOf(f.span.start), rule: f.rule, ref: null, message: f.message, used: false });
    } catch (e) {
      console.warn(`${name}: reader failed: ${e.message}`);
    }
  }
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
    if (o.used || !o.rule.startsWith('guide.')) continue;
    let list = extras.get(o.rule);
    if (!list) extras.set(o.rule, (list = []));
    list.push(`${name}:${o.line} ${o.ref ?? ''} ${o.message}`);
  }
}

const pct = (a, b) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
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
console.log('\nClaimlint guide findings no pyx12 error matches, by rule:');
for (const [rule, list] of [...extras.entries()].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${rule.padEnd(36)} ${list.length}`);
  for (const x of list.slice(0, extrasShown)) console.log(`      ${x}`);
}
