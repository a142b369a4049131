// Who a claim CSV row's patient is, as the NCCI checks tell patients apart. The patient column
// (patient id, member id, subscriber id...) names them, but a subscriber id is shared by the
// subscriber's dependants: a mother's 43214 and her child's 43200 on one day are no pair. When the
// file also has the patient's name or date of birth (columns.ts: patientName, patientBirthDate),
// they are part of who the patient is; without a patient column, they are the patient (a file
// grouped by claim id). The name and date of birth are held for comparing only: a message, the
// outline or a claim's label shows the patient column's value alone (shownPatient).
import type { ColumnLayout } from './columnLayout';
import { cellOrNull, type CsvReader } from './reader';

/** Between the parts of a patient made of several cells: no cell holds it (a control character). */
const PART = '\u0001';

/** Whether the file has cells beyond the patient column that tell its patients apart. */
export function hasPatientDetails(layout: ColumnLayout): boolean {
  return layout.patientName >= 0 || layout.patientBirthDate >= 0;
}

/**
 * The row's patient (hasPatientDetails files): its patient cell, with its name and date of birth
 * when written, each as compared (comparedName, comparedBirthDate); '' when it names none (a row
 * continuing its claim: its patient cell is empty, whatever else it writes).
 */
export function patientOfRow(r: CsvReader, layout: ColumnLayout): string {
  const id = cellOrNull(r, layout.patientId);
  if (layout.patientId >= 0 && id === null) return '';
  const name = cellOrNull(r, layout.patientName);
  const birth = cellOrNull(r, layout.patientBirthDate);
  if (name === null && birth === null) return id ?? '';
  return [id ?? '', name === null ? '' : comparedName(name), birth === null ? '' : comparedBirthDate(birth)].join(PART);
}

/** A name as compared: its letters and digits in capitals ("Doe, Jane", "DOE,JANE" and "doe  jane" are one). */
function comparedName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '');
}

/** A date of birth as compared: its numbers without leading zeros ("01/02/1980" and "1/2/1980" are one). */
function comparedBirthDate(date: string): string {
  return (date.match(/[0-9]+/g) ?? [date]).map((n) => n.replace(/^0+(?=.)/, '')).join('/');
}

/**
 * Whether two patients of patientOfRow are one: the same patient cell, and the same name and date
 * of birth where both write them (a claim that names its patient on its first row only, its other
 * rows giving the patient id alone, is one patient's; another name or date of birth is another's).
 */
export function samePatient(a: string, b: string): boolean {
  if (a === b) return true;
  const x = a.split(PART);
  const y = b.split(PART);
  for (let i = 0; i < 3; i++) {
    const p = x[i] ?? '';
    const q = y[i] ?? '';
    if (p !== '' && q !== '' && p !== q) return false;
  }
  // The patient cell is part of each when the file has the column (patientOfRow): equal, or both empty.
  return (x[0] ?? '') === (y[0] ?? '');
}

/** A patient as a claim's label and the outline show it: the patient column's value (the name and date of birth never); '' when the patient is named by those alone. */
export function shownPatient(patient: string): string {
  const at = patient.indexOf(PART);
  return at < 0 ? patient : patient.slice(0, at);
}
