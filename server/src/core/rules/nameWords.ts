// The words of a table's file name or header cell, as the table-kind rules read them: a file is
// a hospital table when a word of its name says so, not when the letters appear inside another
// word (hospitalist, ophthalmology, admeasure).

/**
 * The lower-case words of the last component of `name` (a path: only the file's own name says
 * what it holds). Words split at anything but a letter, at a lower-to-upper case change
 * (OutpatientHospital) and before the last capital of a run of capitals followed by a lower-case
 * letter (DMESupplier: dme, supplier).
 */
export function nameWords(name: string): string[] {
  const last = name.split(/[\\/]/).pop() ?? name;
  // One pass over the characters (no regular expression: a long run of capitals must cost linear time).
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < last.length; i++) {
    const c = last.charAt(i);
    const upper = c >= 'A' && c <= 'Z';
    const lower = c >= 'a' && c <= 'z';
    if (!upper && !lower) {
      if (word !== '') words.push(word);
      word = '';
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
  }
  if (word !== '') words.push(word);
  return words;
}
