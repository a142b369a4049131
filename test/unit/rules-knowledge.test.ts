import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addBuiltinEdits, emptyKnowledge, loadKnowledge } from '../../server/src/core/rules';
import { readFileCapped } from '../../server/src/core/rules/readFile';

const PART_1 = 'copyright line\r\nColumn 1/Column 2 Edits\r\n10021\t36000\t\t20190101\t*\t1\tMisuse of column two code with column one code\r\n';
const PART_2 = '11042\t97597\t\t20100101\t*\t1\tMutually exclusive procedures\r\n43214\t43200\t\t20140101\t*\t1\tPayer override\r\n';

function files(map: Record<string, string | Buffer>): (path: string) => string | Buffer {
  return (path) => {
    const content = map[path];
    if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    return content;
  };
}

describe('loadKnowledge', () => {
  it('merges the built-in edits with every part of a user table', () => {
    const knowledge = loadKnowledge({
      builtinEdits: true,
      ptpFiles: ['f1.txt', 'f2.txt'],
      descriptorFiles: ['cpt.csv'],
      readFile: files({ 'f1.txt': PART_1, 'f2.txt': Buffer.from(PART_2, 'latin1'), 'cpt.csv': 'Code,Short\n11042,Deb subq\n' }),
    });
    assert.deepEqual(knowledge.problems, []);
    assert.equal(knowledge.rules.size, 5 + 3);
    assert.ok(knowledge.rules.lookup('10021', '36000', 20240101));
    assert.ok(knowledge.rules.lookup('11042', '97597', 20240101));
    // A user row with the same window as a built-in one wins (loaded later).
    assert.equal(knowledge.rules.lookup('43214', '43200', 20240101)?.rationale, 'Payer override');
    // A loaded table with rows of 43214 as column 1 holds all of 43214's edits (CMS splits its
    // table by column 1): the built-in pairs it lacks are no edits (a coder's review found the
    // built-in indicator-0 rows denying what the loaded CMS table does not).
    assert.equal(knowledge.rules.lookup('43214', '76000', 20240101), null);
    assert.equal(knowledge.descriptors.get('11042')?.source, 'cpt.csv');
    assert.equal(knowledge.descriptors.get('43214')?.source, 'builtin');
    assert.deepEqual(knowledge.files, [
      { source: 'f1.txt', kind: 'ptp', rows: 1, problems: 0, table: 'practitioner' },
      { source: 'f2.txt', kind: 'ptp', rows: 2, problems: 0, table: 'practitioner' },
      { source: 'cpt.csv', kind: 'descriptors', rows: 1, problems: 0 },
    ]);
    // The built-in set serves hospital claims too, while no hospital table is loaded.
    assert.equal(knowledge.tables.hospital.lookup('43214', '43200', 20240101)?.source, 'builtin');
  });

  it('keeps the built-in edits of a column-1 code no loaded table has rows of, per claim type', () => {
    const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: ['f1.txt'], descriptorFiles: [], readFile: files({ 'f1.txt': PART_1 }) });
    assert.equal(knowledge.rules.lookup('43214', '76000', 20240101)?.source, 'builtin');
    assert.equal(knowledge.rules.lookup('10021', '36000', 20240101)?.source, 'f1.txt');
    // A practitioner table with rows of 43214 leaves the hospital claims' built-in rows as they were.
    const both = loadKnowledge({ builtinEdits: true, ptpFiles: ['f2.txt'], descriptorFiles: [], readFile: files({ 'f2.txt': PART_2 }) });
    assert.equal(both.tables.practitioner.lookup('43214', '76000', 20240101), null);
    assert.equal(both.tables.hospital.lookup('43214', '76000', 20240101)?.source, 'builtin');
  });

  it('leaves the built-in edits out when asked, but keeps the built-in descriptor', () => {
    const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: [], readFile: files({}) });
    assert.equal(knowledge.rules.size, 0);
    assert.equal(knowledge.rules.lookup('43214', '43200', 20240101), null);
    assert.ok(knowledge.descriptors.get('43214'));
    assert.equal(emptyKnowledge().rules.size, 5);
    assert.equal(emptyKnowledge(false).rules.size, 0);
  });

  it('turns unreadable and oversized files into problems and keeps everything else', () => {
    const knowledge = loadKnowledge({
      builtinEdits: true,
      ptpFiles: ['missing.txt', 'f1.txt', 'huge.txt', 'broken.txt'],
      descriptorFiles: ['nope.csv'],
      readFile: files({ 'f1.txt': PART_1, 'huge.txt': 'x'.repeat(2000), 'broken.txt': '43214\t43200\t\tsoon\t*\t0\t\r\n' + PART_2 }),
      maxFileBytes: 1000,
    });
    assert.deepEqual(
      knowledge.problems.map((problem) => [problem.source, problem.line]),
      [['missing.txt', 0], ['huge.txt', 0], ['broken.txt', 1], ['nope.csv', 0]],
    );
    assert.match(knowledge.problems[0]!.reason, /cannot read: file not found/);
    assert.match(knowledge.problems[1]!.reason, /over the 1000 bytes limit/);
    assert.match(knowledge.problems[2]!.reason, /effective date \(a 4-character value\)/);
    assert.equal(knowledge.rules.size, 5 + 1 + 2);
    assert.ok(knowledge.rules.lookup('10021', '36000', 20240101));
    assert.ok(knowledge.rules.lookup('11042', '97597', 20240101));
  });

  it('never throws, whatever readFile does or returns', () => {
    const knowledge = loadKnowledge({
      builtinEdits: true,
      ptpFiles: ['binary.bin', 'throws-string'],
      descriptorFiles: ['binary.bin'],
      readFile: (path) => {
        if (path === 'throws-string') throw 'a string, not an Error';
        return Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
      },
    });
    assert.equal(knowledge.rules.size, 5);
    assert.ok(knowledge.problems.some((problem) => problem.source === 'throws-string' && /a string, not an Error/.test(problem.reason)));
    assert.ok(knowledge.problems.some((problem) => problem.source === 'binary.bin'));
  });
});

describe('readFileCapped', () => {
  it('reads a file, and refuses one over the cap before reading it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-rules-'));
    try {
      const path = join(dir, 'edits.txt');
      writeFileSync(path, PART_2);
      assert.equal(readFileCapped(path).toString('latin1'), PART_2);
      assert.throws(() => readFileCapped(path, 10), /over the 10 bytes limit/);
      assert.throws(() => readFileCapped(dir), /not a file/);
      const knowledge = loadKnowledge({
        builtinEdits: false,
        ptpFiles: [path, join(dir, 'missing.txt')],
        descriptorFiles: [],
        readFile: (file) => readFileCapped(file),
      });
      assert.equal(knowledge.rules.size, 2);
      assert.deepEqual(knowledge.problems.map((problem) => problem.reason), ['cannot read: file not found']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('built-in PTP edits', () => {
  it('are 43214 over 43197, 43198, 43200, 74360 and 76000, indicator 0, from 2014, never deleted', () => {
    const result = addBuiltinEdits();
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 5);
    const edits = result.rules.editsAsColumnOne('43214');
    assert.deepEqual(edits.map((edit) => edit.columnTwo), ['43197', '43198', '43200', '74360', '76000']);
    for (const edit of edits) {
      assert.equal(edit.modifierIndicator, '0');
      assert.equal(edit.effective, 20140101);
      assert.equal(edit.deletion, null);
      assert.equal(edit.preexisting, false);
      assert.equal(edit.source, 'builtin');
      // No rationale: the reference gives none, and a CMS label would say the row is CMS's.
      assert.equal(edit.rationale, '');
    }
  });
});
