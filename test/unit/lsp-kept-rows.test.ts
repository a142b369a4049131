// The rows kept from a rule file that cannot be read now (lsp/keptRows.ts): its rows from the
// knowledge before stay, every other file's rows are the new load's, and the files keep their
// load order (which table decides a PTP pair, which MUE value or descriptor a code keeps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledge, type Knowledge, type KnowledgeOptions } from '../../server/src/core/rules/knowledge';
import { lostFiles, withKeptRows } from '../../server/src/lsp/keptRows';

const ptpRow = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;
const ptpTable = (...rows: string[]) => ['Title line', 'Column 1\tColumn 2\t*\tEffective\tDeletion\tModifier\tRationale', ...rows, ''].join('\n');
const mueTable = (...rows: string[]) => ['"HCPCS/CPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale', ...rows, ''].join('\n');
const aocTable = (...rows: string[]) => ['Add-on Code\tPrimary Code\tAOC Edit Type', ...rows, ''].join('\n');
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Loads these settings from the files given as text (a missing name cannot be read). */
function load(files: Record<string, string>, options: Partial<KnowledgeOptions>): Knowledge {
  return loadKnowledge({
    builtinEdits: false,
    ptpFiles: [],
    descriptorFiles: [],
    ...options,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    },
  });
}

async function reloadWithout(before: Knowledge, files: Record<string, string>, options: Partial<KnowledgeOptions>): Promise<Knowledge> {
  const loaded = load(files, options);
  const lost = lostFiles(loaded, before);
  assert.ok(lost.length > 0, 'a file lost');
  return withKeptRows(loaded, before, lost, pause);
}

test('a missing PTP table keeps its rows where it loads: an older quarter missing still loses to the newer one, a newer one missing still decides', async () => {
  const options = { ptpFiles: ['2026q1.txt', '2026q2.txt'], builtinEdits: true };
  const files = { '2026q1.txt': ptpTable(ptpRow('99213', '36415', '0'), ptpRow('99214', '81002', '0')), '2026q2.txt': ptpTable(ptpRow('99213', '36415', '1')) };
  const before = load(files, options);
  const indicator = (k: Knowledge, c1: string, c2: string) => k.rules.lookup(c1, c2, 20260310)?.modifierIndicator ?? null;

  // The older quarter is gone and the newer one gains an edit.
  const newer = { '2026q2.txt': ptpTable(ptpRow('99213', '36415', '1'), ptpRow('99215', '36415', '0')) };
  const merged = await reloadWithout(before, newer, options);
  assert.deepEqual([indicator(merged, '99213', '36415'), indicator(merged, '99214', '81002'), indicator(merged, '99215', '36415')], ['1', '0', '0']);
  assert.ok(merged.rules.lookup('43214', '43200', 20260310), 'the built-in set stays');
  assert.deepEqual(merged.rules.sources.filter((s) => s !== 'builtin'), ['2026q1.txt', '2026q2.txt']);
  assert.deepEqual(merged.files.map((f) => [f.source, f.rows]), [['2026q1.txt', 2], ['2026q2.txt', 2]], 'the files say what is in use');

  // The newer quarter is gone: its rows still decide the pair both have.
  const older = { '2026q1.txt': ptpTable(ptpRow('99213', '36415', '0')) };
  const kept = await reloadWithout(before, older, options);
  assert.deepEqual([indicator(kept, '99213', '36415'), indicator(kept, '99214', '81002')], ['1', null]);
});

test('MUE values, add-on code edits and descriptors are kept from the missing file; the other file of each kind is read again', async () => {
  const options = { mueFiles: ['mue-a.csv', 'mue-b.csv'], addOnCodeFiles: ['aoc-a.txt', 'aoc-b.txt'], descriptorFiles: ['cpt.csv', 'hcpcs.csv'] };
  const files = {
    'mue-a.csv': mueTable('99213,1,3,Clinical', '36415,2,3,Clinical'),
    'mue-b.csv': mueTable('36415,3,3,Clinical'),
    'aoc-a.txt': aocTable('11045\t11042\t1'),
    'aoc-b.txt': aocTable('99292\t99291\t1'),
    'cpt.csv': 'Code,Short Descriptor\n99213,Office visit\n36415,Venipuncture\n',
    'hcpcs.csv': 'Code,Short Descriptor\n36415,Routine venipuncture\nG0105,Colorectal screening\n',
  };
  const before = load(files, options);
  const { 'mue-a.csv': _m, 'aoc-a.txt': _a, 'cpt.csv': _c, ...others } = files;
  const changed = { ...others, 'mue-b.csv': mueTable('36415,4,3,Clinical'), 'aoc-b.txt': aocTable('99292\t99291\t1', '64727\t64722\t2'), 'hcpcs.csv': 'Code,Short Descriptor\n36415,Venous blood draw\nG0105,Screening\n' };
  const merged = await reloadWithout(before, changed, options);
  assert.deepEqual([merged.mue.practitioner.get('99213')?.value, merged.mue.practitioner.get('36415')?.value], [1, 4]);
  assert.deepEqual([merged.aoc.isAddOn('11045'), merged.aoc.isAddOn('99292'), merged.aoc.isAddOn('64727')], [true, true, true]);
  assert.deepEqual(
    ['99213', '36415', 'G0105'].map((code) => merged.descriptors.get(code)?.short),
    ['Office visit', 'Venous blood draw', 'Screening'],
    'cpt.csv is kept, and hcpcs.csv, loaded after it, still wins the code both name',
  );
});

test('a zip that cannot be read keeps the rows of the tables it held; a file that never loaded has none to keep', () => {
  const before = loadKnowledge({
    builtinEdits: false,
    ptpFiles: ['ncci.zip'],
    descriptorFiles: [],
    readFile: () => '',
    expand: (paths) => ({ entries: paths.map(() => ({ source: 'ncci.zip \u203a f1.txt', path: 'ncci.zip', read: () => ptpTable(ptpRow('99213', '36415', '0')) })), problems: [] }),
  });
  const broken = loadKnowledge({
    builtinEdits: false,
    ptpFiles: ['ncci.zip', 'new.txt'],
    descriptorFiles: [],
    readFile: () => '',
    expand: (paths) => ({ entries: [], problems: paths.map((source) => ({ source, line: 0, reason: 'cannot read: file not found' })) }),
  });
  assert.deepEqual(
    lostFiles(broken, before).map((l) => [l.file.source, l.kept.map((k) => k.source)]),
    [['ncci.zip', ['ncci.zip \u203a f1.txt']]],
  );
});
