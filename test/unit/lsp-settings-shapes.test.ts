// Settings of the wrong shape (lsp/settings.ts): what is used instead, and the line that says so.
// Editors other than VS Code pass on whatever the user wrote, unchecked against package.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defaultSettings, ruleFilesOf, settingsProblems, withDefaults } from '../../server/src/lsp/settings';

const root = join('/', 'work', 'claims');
const workspace = { trusted: true, root };

test('one path given as a string is a list of one; entries that are not paths are left out and said', () => {
  const settings = withDefaults({ ptpEditFiles: 'ptp.txt', descriptorFiles: ['cpt.csv', 7, null, ''] });
  const files = ruleFilesOf(settings, workspace);
  assert.deepEqual([files.ptpFiles, files.descriptorFiles], [[join(root, 'ptp.txt')], [join(root, 'cpt.csv')]]);
  assert.deepEqual(settingsProblems(settings, workspace), ['claimlint.descriptorFiles: entries 2 (a number) and 3 (null) are not paths and are left out.']);
});

test('values that are the default or unset say nothing; the choices are read whatever their case', () => {
  assert.deepEqual(settingsProblems(defaultSettings, workspace), []);
  assert.deepEqual(settingsProblems(withDefaults({ guideChecks: ' Envelope ', mueFiles: null, builtinEdits: null }), workspace), []);
});

test('a wrong type names the setting and what is used; a path is never quoted', () => {
  const settings = withDefaults({ guideChecks: 3, builtinEdits: 'no', addOnCodeFiles: { path: '/secret/aoc.txt' } });
  const problems = settingsProblems(settings, workspace);
  assert.deepEqual(problems, [
    'claimlint.addOnCodeFiles should be a list of paths (or one path), not an object; no file is loaded from it.',
    'claimlint.builtinEdits should be true or false, not "no"; using true, the default.',
    'claimlint.guideChecks should be off, envelope or full, not a number; using full, the default.',
  ]);
  assert.equal(ruleFilesOf(settings, workspace).builtinEdits, true);
});

test('untrusted: settings that point at files are ignored, so their shape is not said', () => {
  assert.deepEqual(settingsProblems(withDefaults({ ptpEditFiles: 5 }), { trusted: false, root: null }), []);
});
