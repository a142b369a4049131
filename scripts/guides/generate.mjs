#!/usr/bin/env node
// Turns pyx12's implementation-guide maps into the compact schema Claimlint loads
// (server/src/core/guides/data/guides.json). Run by hand when the maps change; CI and the tests
// use the committed output: the maps are not in the repository (the team's shared reference
// folder has them as reference/pyx12-maps), so their folder is named on the command line.
//
//   node scripts/guides/generate.mjs --maps DIR [--out FILE] [--check]
//
// --check writes nothing and exits 1 when the committed file differs from what the maps give.
//
// What is kept, per guide: loops (id, name, usage, position, repeat, wrapper or not) and, in
// pyx12's order (by position; loops before segments at an equal position), segments (id, name,
// usage, position, max use, syntax notes) with their elements and composites (usage, data
// element, name, code list or external code set name, regex). Data element types and lengths
// come from dataele.xml; external code sets from codes.xml. Shared element definitions,
// segment definitions and code lists are stored once and referred to by index. The segment
// qualifier (which element value tells two segments of one id apart, the way pyx12's
// segment_if.is_match does) is computed here so the loader does not need the dictionary rules.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childrenNamed, field, parseXml } from './xml.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const mapsOption = option('--maps', undefined);
if (mapsOption === undefined) {
  process.stderr.write("generate: --maps DIR is required: the folder of pyx12's 837 and control maps (dataele.xml, codes.xml, 837.*.xml)\n");
  process.exit(2);
}
const mapsDir = resolve(mapsOption);
const outFile = resolve(option('--out', join(repo, 'server/src/core/guides/data/guides.json')));
const check = process.argv.includes('--check');

/** The maps turned into guides; the key is the guide's GS08 (or, for envelopes, ISA12) value. */
const MAPS = [
  { file: '837.5010.X222.A1.xml', kind: 'transaction' },
  { file: '837Q3.I.5010.X223.A1.xml', kind: 'transaction' },
  { file: '837.4010.X098.A1.xml', kind: 'transaction' },
  { file: '837.4010.X096.A1.xml', kind: 'transaction' },
  { file: '837.4010.X097.A1.xml', kind: 'transaction' },
  { file: 'x12.control.00501.xml', kind: 'envelope' },
  { file: 'x12.control.00401.xml', kind: 'envelope' },
];

const warnings = [];
const warn = (message) => warnings.push(message);

function read(file) {
  return parseXml(readFileSync(join(mapsDir, file), 'utf8'));
}

// ---- the element dictionary and the external code sets

const dictionary = new Map();
for (const e of childrenNamed(read('dataele.xml'), 'data_ele')) {
  dictionary.set(e.attrs.ele_num, {
    type: e.attrs.data_type,
    min: Number(e.attrs.min_len),
    max: Number(e.attrs.max_len),
    name: e.attrs.name,
  });
}

const codeSets = new Map();
for (const set of childrenNamed(read('codes.xml'), 'codeset')) {
  const codes = [];
  for (const version of childrenNamed(set, 'version')) for (const c of childrenNamed(version, 'code')) codes.push(c.text);
  codeSets.set(field(set, 'id'), [...new Set(codes)].sort());
}

// ---- interning: code lists, element definitions and segment definitions, each stored once

function interner() {
  const index = new Map();
  const values = [];
  return {
    values,
    add(value) {
      const key = JSON.stringify(value);
      let i = index.get(key);
      if (i === undefined) {
        i = values.length;
        values.push(value);
        index.set(key, i);
      }
      return i;
    },
  };
}

const codeLists = interner();
const elements = interner();
const segments = interner();
const usedDataElements = new Set();
const usedExternal = new Set();

const USAGES = new Set(['R', 'S', 'N']);

function usageOf(node, where) {
  const usage = field(node, 'usage');
  if (!USAGES.has(usage)) throw new Error(`${where}: usage ${usage}`);
  return usage;
}

/** '>1' (unbounded) stays a string; a number is a number. */
function countOf(text, where) {
  if (text === undefined) return '>1';
  if (text === '>1') return '>1';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${where}: count ${text}`);
  return n;
}

/**
 * Element names a map keeps from an earlier version, by map and element: pyx12's 00501 envelope
 * calls ISA11 by its 4010 name, where 5010 made it the repetition separator (the map lists no
 * codes for it: the checks take it as a separator, guides/envelope.ts).
 */
const RENAMED = { 'x12.control.00501.xml': { ISA11: 'Repetition Separator' } };
/** The map being read (for RENAMED and ADDED_PATTERNS). */
let currentMap = '';
/**
 * Patterns the guide states that a map leaves out, by map, then loop id ('*': every loop) and element reference: the
 * X223 map has the 2010AA billing provider's nine-digit ZIP code (N403, "the full nine digit ZIP
 * code must be provided") and the X222 map, of the same rule in the 837P guide, does not. Found by
 * an EDI analyst's review (an 837P billing provider with a five-digit ZIP passed).
 */
const TAXONOMY = '[0-9]{3}[0-9A-Z]{6}X';
const ADDED_PATTERNS = {
  '837.5010.X222.A1.xml': { '2010AA/N403': '[0-9]{9}', '*/PRV03': TAXONOMY },
  // A provider taxonomy code (NUCC, PRV03 after PXC): ten characters, three digits first and X last
  // (207Q00000X); the maps name the code set (prov_taxonomy) but pyx12 ships no list of it.
  '837Q3.I.5010.X223.A1.xml': { '*/PRV03': TAXONOMY },
};
/** The loop of the segment being read (for ADDED_PATTERNS). */
let currentLoop = '';
/** The ADDED_PATTERNS entries an element took (each must: a name that matches nothing is a mistake). */
const addedUsed = new Set();

/** A simple element (of a segment or of a composite): returns its index in `elements`. */
function simpleElement(node, ref) {
  const dataElement = field(node, 'data_ele');
  if (!dictionary.has(dataElement)) throw new Error(`${ref}: data element ${dataElement} is not in dataele.xml`);
  usedDataElements.add(dataElement);
  const def = { u: usageOf(node, ref), d: dataElement, n: RENAMED[currentMap]?.[ref] ?? field(node, 'name') };
  const validCodes = node.children.find((c) => c.tag === 'valid_codes');
  if (validCodes) {
    const codes = childrenNamed(validCodes, 'code').map((c) => c.text);
    if (codes.length > 0) def.c = codeLists.add(codes);
    if (validCodes.attrs.external) {
      def.x = validCodes.attrs.external;
      usedExternal.add(def.x);
    }
  }
  const inLoop = ADDED_PATTERNS[currentMap]?.[`${currentLoop}/${ref}`];
  const anyLoop = ADDED_PATTERNS[currentMap]?.[`*/${ref}`];
  if (inLoop !== undefined) addedUsed.add(`${currentMap} ${currentLoop}/${ref}`);
  else if (anyLoop !== undefined) addedUsed.add(`${currentMap} */${ref}`);
  const added = inLoop ?? anyLoop;
  const regex = field(node, 'regex') ?? added;
  if (regex) def.re = regex;
  return { index: elements.add(def), def };
}

function composite(node, ref) {
  const components = [];
  for (const [i, e] of childrenNamed(node, 'element').entries()) {
    const componentRef = `${ref}-${String(i + 1).padStart(2, '0')}`;
    const xid = e.attrs.xid;
    if (xid && xid !== componentRef) warn(`${componentRef}: map calls it ${xid}`);
    if (Number(field(e, 'seq')) !== i + 1) warn(`${componentRef}: seq ${field(e, 'seq')}`);
    components.push(simpleElement(e, componentRef));
  }
  const def = { u: usageOf(node, ref), d: field(node, 'data_ele'), n: field(node, 'name'), e: components.map((c) => c.index) };
  return { index: elements.add(def), def, components };
}

/** pyx12's segment_if.is_match: the element whose value tells this segment from others of its id. */
function qualifierOf(id, positions) {
  const first = positions[0];
  if (first && first.kind === 'element') {
    const d = dictionary.get(first.def.d);
    if (d.type === 'ID' && first.def.u === 'R' && first.def.c !== undefined) return [1, 0, first.def.c];
  }
  if (first && first.kind === 'composite') {
    const component = first.components[0];
    if (component && dictionary.get(component.def.d).type === 'ID' && component.def.c !== undefined) return [1, 1, component.def.c];
  }
  const third = positions[2];
  if (id === 'HL' && third && third.kind === 'element' && third.def.c !== undefined) return [3, 0, third.def.c];
  return undefined;
}

function segment(node, path) {
  const id = node.attrs.xid;
  const where = `${path}/${id}`;
  currentLoop = path.slice(path.lastIndexOf('/') + 1);
  const bySeq = new Map();
  for (const child of node.children) {
    if (child.tag !== 'element' && child.tag !== 'composite') continue;
    const seq = Number(field(child, 'seq'));
    if (!Number.isInteger(seq) || seq < 1) throw new Error(`${where}: seq ${field(child, 'seq')}`);
    if (bySeq.has(seq)) throw new Error(`${where}: two elements at ${seq}`);
    bySeq.set(seq, child);
  }
  const count = Math.max(0, ...bySeq.keys());
  const positions = [];
  for (let seq = 1; seq <= count; seq++) {
    const child = bySeq.get(seq);
    const ref = `${id}${String(seq).padStart(2, '0')}`;
    if (!child) throw new Error(`${where}: no element at position ${seq}`);
    const named = child.attrs.xid ?? field(child, 'refdes');
    if (named && named !== ref) warn(`${where}: ${ref} is called ${named} in the map`);
    if (child.tag === 'element') positions.push({ kind: 'element', ...simpleElement(child, ref) });
    else positions.push({ kind: 'composite', ...composite(child, ref) });
  }
  const def = {
    id,
    n: field(node, 'name'),
    u: usageOf(node, where),
    p: Number(field(node, 'pos')),
    m: countOf(field(node, 'max_use'), where),
  };
  const syntax = childrenNamed(node, 'syntax').map((s) => s.text);
  for (const s of syntax) if (!/^[PRCEL](\d\d){2,}$/.test(s)) throw new Error(`${where}: syntax note ${s}`);
  if (syntax.length > 0) def.syn = syntax;
  const endTag = field(node, 'end_tag');
  if (endTag) def.end = endTag;
  def.e = positions.map((p) => p.index);
  const qualifier = qualifierOf(id, positions);
  if (qualifier) def.q = qualifier;
  return segments.add(def);
}

/**
 * A loop: children ordered as pyx12 orders them (map_if.loop_if.pos_map): by position, and at an
 * equal position the loops first, then the segments, each in file order.
 */
function loop(node, path) {
  const id = node.attrs.xid;
  const where = `${path}/${id}`;
  const out = { id, n: field(node, 'name'), u: usageOf(node, where), p: Number(field(node, 'pos')), r: countOf(field(node, 'repeat'), where) };
  if (node.attrs.type === 'wrapper') out.w = 1;
  out.c = orderedChildren(node, where);
  return out;
}

function orderedChildren(node, where) {
  // An empty loop (the 5010 maps' FOOTER wrapper, usage N) can match no segment: pyx12's
  // _is_loop_match says no to it, so it is left out.
  const loops = childrenNamed(node, 'loop')
    .map((l) => ({ pos: Number(field(l, 'pos')), value: loop(l, where) }))
    .filter((l) => {
      if (l.value.c.length > 0) return true;
      warn(`${where}/${l.value.id}: empty loop left out`);
      return false;
    });
  const segs = childrenNamed(node, 'segment').map((s) => ({ pos: Number(field(s, 'pos')), value: segment(s, where) }));
  const all = [...loops, ...segs];
  for (const c of all) if (!Number.isFinite(c.pos)) throw new Error(`${where}: a child without a position`);
  return all.sort((a, b) => a.pos - b.pos).map((c) => c.value);
}

// ---- the guides

const guides = {};
for (const { file, kind } of MAPS) {
  currentMap = file;
  const root = read(file);
  if (root.tag !== 'transaction') throw new Error(`${file}: root is ${root.tag}`);
  const children = orderedChildren(root, '');
  const isaLoop = children.find((c) => typeof c === 'object' && c.id === 'ISA_LOOP');
  if (!isaLoop) throw new Error(`${file}: no ISA_LOOP`);
  const segAt = (loopNode, segId) => loopNode.c.map((c) => (typeof c === 'number' ? segments.values[c] : null)).find((s) => s && s.id === segId);
  const codesOf = (seg, position) => {
    const e = elements.values[seg.e[position - 1]];
    return e && e.c !== undefined ? codeLists.values[e.c] : [];
  };
  const isa12 = codesOf(segAt(isaLoop, 'ISA'), 12);
  let key;
  let gs08 = [];
  if (kind === 'envelope') {
    // pyx12 picks the envelope map by ISA12 (x12.control.<ISA12>.xml); the 00401 map accepts
    // 00400-00402, so the file name, not the code list, names it.
    key = /^x12\.control\.(\d{5})\.xml$/.exec(file)[1];
    if (!isa12.includes(key)) throw new Error(`${file}: ISA12 codes ${isa12.join(',')}`);
  } else {
    const gsLoop = isaLoop.c.find((c) => typeof c === 'object' && c.id === 'GS_LOOP');
    gs08 = codesOf(segAt(gsLoop, 'GS'), 8);
    if (gs08.length !== 1) throw new Error(`${file}: GS08 codes ${gs08.join(',')}`);
    key = gs08[0];
  }
  if (kind === 'transaction' && isa12.length !== 1) throw new Error(`${file}: ISA12 codes ${isa12.join(',')}`);
  if (guides[key]) throw new Error(`${file}: ${key} twice`);
  guides[key] = { name: field(root, 'name'), map: file, kind, isa12, c: children };
}

for (const [map, patterns] of Object.entries(ADDED_PATTERNS)) {
  for (const at of Object.keys(patterns)) if (!addedUsed.has(`${map} ${at}`)) throw new Error(`ADDED_PATTERNS: ${map} has no element ${at}`);
}

// ---- the tables the guides refer to

const dataElements = {};
for (const num of [...usedDataElements].sort()) {
  const d = dictionary.get(num);
  dataElements[num] = [d.type, d.min, d.max, d.name];
}

const externalCodeSets = {};
for (const name of [...usedExternal].sort()) {
  // A set the maps name but codes.xml does not hold (prov_taxonomy) is kept as null: pyx12 then
  // accepts any value, and so does the validator; the name is still shown in hovers.
  externalCodeSets[name] = codeSets.get(name) ?? null;
  if (!codeSets.has(name)) warn(`external code set ${name} is not in codes.xml (kept as a name only)`);
}

const schema = {
  format: 1,
  about:
    'Generated by scripts/guides/generate.mjs from pyx12 maps (azoner/pyx12 pyx12/map/, commit 8893c59ffd95ccc213cc7661757dc4298b9f430a, BSD licence: LICENSE-pyx12.txt). Do not edit by hand. Shapes: server/src/core/guides/schema.ts.',
  dataElements,
  externalCodeSets,
  codeLists: codeLists.values,
  elements: elements.values,
  segments: segments.values,
  guides,
};

// One definition per line keeps diffs of a regenerated file readable.
function serialize(value) {
  const lines = ['{'];
  const keys = Object.keys(value);
  keys.forEach((k, i) => {
    const comma = i < keys.length - 1 ? ',' : '';
    const v = value[k];
    if (Array.isArray(v) && (k === 'codeLists' || k === 'elements' || k === 'segments')) {
      lines.push(`  ${JSON.stringify(k)}: [`);
      v.forEach((item, j) => lines.push(`    ${JSON.stringify(item)}${j < v.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else if (v && typeof v === 'object' && (k === 'dataElements' || k === 'externalCodeSets' || k === 'guides')) {
      lines.push(`  ${JSON.stringify(k)}: {`);
      const inner = Object.keys(v);
      inner.forEach((ik, j) => lines.push(`    ${JSON.stringify(ik)}: ${JSON.stringify(v[ik])}${j < inner.length - 1 ? ',' : ''}`));
      lines.push(`  }${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)}${comma}`);
    }
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

const text = serialize(schema);
JSON.parse(text);

for (const w of warnings) console.warn(`note: ${w}`);
const summary = `${Object.keys(guides).length} guides, ${segments.values.length} segment and ${elements.values.length} element definitions, ${codeLists.values.length} code lists, ${(text.length / 1024).toFixed(0)} KB`;
if (check) {
  let current = '';
  try {
    current = readFileSync(outFile, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${outFile} differs from what the maps give (${summary}); run node scripts/guides/generate.mjs`);
    process.exit(1);
  }
  console.log(`${outFile} is up to date (${summary})`);
} else {
  writeFileSync(outFile, text);
  console.log(`wrote ${outFile}: ${summary}`);
}
