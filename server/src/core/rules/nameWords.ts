// The words of a table's file name or header cell, as the table-kind rules read them: a file is
// a hospital table when a word of its name says so, not when the letters appear inside another
// word (hospitalist, ophthalmology, DMEPOS-free names that merely contain "dme").

/**
 * The lower-case words of the last component of `name` (a path: only the file's own name says
 * what it holds). Words split at anything but a letter, at a lower-to-upper case change
 * (OutpatientHospital) and before the last capital of a run of capitals followed by a lower-case
 * letter (DMESupplier: dme, supplier).
 */
export function nameWords(name: string): string[] {
  const last = name.split(/[\\/]/).pop() ?? name;
  return last
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word !== '');
}
