// The words of a table's file name or header cell, as the table-kind rules read them: a file is
// a hospital table when a word of its name says so, not when the letters appear inside another
// word (hospitalist, ophthalmology, admeasure).
import { TABLE_NAME_VOCABULARY } from '../data/tableNames';

const VOCABULARY = new Set(TABLE_NAME_VOCABULARY);
const LONGEST = Math.max(...TABLE_NAME_VOCABULARY.map((w) => w.length));

/**
 * The lower-case words of the last component of `name` (a path: only the file's own name says
 * what it holds). Words split at anything but a letter, at a lower-to-upper case change
 * (OutpatientHospital) and before the last capital of a run of capitals followed by a lower-case
 * letter (DMESupplier: dme, supplier); and a run of letters that is made of TABLE_NAME_VOCABULARY
 * words alone gives those words too (OPHmue: oph, mue).
 */
export function nameWords(name: string): string[] {
  const last = name.split(/[\\/]/).pop() ?? name;
  // One pass over the characters (no regular expression: a long run of capitals must cost linear time).
  const words: string[] = [];
  let word = '';
  let run = '';
  const endRun = () => {
    if (run !== '') words.push(...vocabularyWords(run));
    run = '';
  };
  for (let i = 0; i < last.length; i++) {
    const c = last.charAt(i);
    const upper = c >= 'A' && c <= 'Z';
    const lower = c >= 'a' && c <= 'z';
    if (!upper && !lower) {
      if (word !== '') words.push(word);
      word = '';
      endRun();
      continue;
    }
    if (upper && word !== '') {
      const before = last.charAt(i - 1);
      const after = last.charAt(i + 1);
      const afterUpper = before >= 'A' && before <= 'Z';
      // Lower to upper (OutpatientHospital), or the last capital of a run before a lower-case letter (DMESupplier).
      if (!afterUpper || (after >= 'a' && after <= 'z')) {
        words.push(word);
        word = '';
      }
    }
    word += c.toLowerCase();
    run += c.toLowerCase();
  }
  if (word !== '') words.push(word);
  endRun();
  return words;
}

/** A run of lower-case letters as vocabulary words, if it is made of them alone (the longest words first); else none. */
function vocabularyWords(run: string): string[] {
  // ways[i]: the length of the word that ends a split of run[0, i) into vocabulary words, or 0 for none.
  const ways = new Int32Array(run.length + 1);
  const reached = new Uint8Array(run.length + 1);
  reached[0] = 1;
  for (let end = 1; end <= run.length; end++) {
    for (let length = Math.min(LONGEST, end); length >= 1; length--) {
      if (reached[end - length] === 1 && VOCABULARY.has(run.slice(end - length, end))) {
        reached[end] = 1;
        ways[end] = length;
        break;
      }
    }
  }
  if (reached[run.length] !== 1) return [];
  const out: string[] = [];
  for (let end = run.length; end > 0; end -= ways[end]!) out.unshift(run.slice(end - ways[end]!, end));
  return out;
}
