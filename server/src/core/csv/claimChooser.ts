// Which claim each row of a claim CSV goes to (the grouping rules: see the model notes in
// index.ts), over claims of any shape: the whole model's objects (claims.ts ClaimGrouper) or, for a
// file read in pieces, claim numbers (codedClaims.ts CodedClaims).
//
// A claim's frequency (claimFrequency.ts) is the first its rows name. A row of a claim that names
// another frequency goes to another claim of the same id and patient, one per frequency: an export
// lists an original claim and its replacement (or void) under the one claim id, as an 837 sends
// them as two claims, and the replacement supersedes the original only as a claim of its own
// (rules/supersession.ts). A row that names none stays with the claim it would join without it.
// Such a claim is its first claim's patient, with its claim id, and its kind when no row of its
// own names one (a replacement's rows may leave the claim type to the original's).

import type { DateRange, Span } from '../model';
import type { ColumnLayout } from './columnLayout';
import { hasPatientDetails, patientOfRow, samePatient, shownPatient } from './patientCells';
import type { CsvReader } from './reader';
import { frequencyName } from './claimFrequency';

/** CCYYMMDD as YYYY-MM-DD, the date in a claim id made from patient and date. */
function isoDate(d: number): string {
  const s = String(d);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * Which claim each row goes to (the grouping rules of index.ts), over claims of any shape `S`:
 * the whole model (ClaimGrouper) or, for a file read in pieces, claim numbers (CodedClaims).
 * Rows are given one at a time, in file order; `moveTo` says the rows now come from another text.
 */
export abstract class ClaimChooser<S> {
  protected current: S | null = null;
  private lastPatient = '';
  private lastDateKey = '';
  private lastDateLabel = '';
  /** The date the previous row was grouped on (rows grouped by patient and date). */
  private lastDate: DateRange | null = null;
  /** The date the last row given to claimFor was grouped on (groupedDate), and its cell's text (groupedDateText). */
  private rowDate: DateRange | null = null;
  private rowDateText = '';
  private lastDateText = '';
  private lastClaimDateText = '';
  /** With a claim-id column: the previous row's claim and the date it was grouped on (an empty date cell of the same claim takes it). */
  private lastClaim: S | null = null;
  private lastClaimDate: DateRange | null = null;
  /** Where the previous row's claim id was written (to skip the map for runs of one claim). */
  private lastIdStart = -1;
  private lastIdLength = -1;
  /** Where the previous row's patient was written (its length -1 when it named none). */
  private lastPatientStart = -1;
  private lastPatientLength = -1;

  constructor(
    protected text: string,
    protected readonly layout: ColumnLayout,
  ) {}

  /**
   * A new claim read from row `r`, with the id (and its span) and patient it starts with; `idCell`
   * is its claim id cell as written (its `id` may be made apart: "A1 (P2)"), '' when none.
   */
  protected abstract newClaim(id: string, idSpan: Span | null, patientId: string | null, r: CsvReader, idCell: string): S;
  /** The claim's patient so far (null until a row names one). */
  protected abstract hasPatient(state: S): boolean;
  protected abstract setPatient(state: S, patientId: string): void;
  /** Whether the claim's patient is `patientId` (it has one). */
  protected abstract isPatient(state: S, patientId: string): boolean;
  /** The claim of a claim id (or of a patient and date), if one was made for it. */
  protected abstract claimOf(key: string): S | undefined;
  protected abstract remember(key: string, state: S): void;
  /** The claim's number (its index among the claims, in the order made), and the claim of a number. */
  protected abstract numberOf(state: S): number;
  protected abstract claimAt(claim: number): S;
  /** The claim's frequency code so far (null until a row names one), and the one a row names first. */
  protected abstract frequencyOf(state: S): string | null;
  protected abstract setFrequency(state: S, frequency: string): void;
  /** The claim's id and patient as made (a claim read in pieces keeps no id: ''). */
  protected abstract idOf(state: S): string;
  protected abstract patientOf(state: S): string | null;

  /** Claims made for another frequency of a claim's rows (byFrequency): the number of the claim they were made from. Few: a Map. */
  protected readonly splitFrom = new Map<number, number>();

  /** Claims made for another frequency of a claim's rows (a void of it, a replacement): not claims apart from it. */
  get frequencySplits(): number {
    return this.splitFrom.size;
  }

  /**
   * The previous row's claim id when the rows moved to another text (moveTo): a row of the same
   * id still continues the previous row's claim, as in one text (where two patients share an id,
   * that is the claim of the later one).
   */
  private carriedId: string | null = null;

  /** The rows now come from `text` (the previous row's positions mean nothing there). */
  moveTo(text: string): void {
    this.carriedId = this.lastIdLength > 0 ? this.text.slice(this.lastIdStart, this.lastIdStart + this.lastIdLength) : this.lastIdLength < 0 ? this.carriedId : null;
    this.text = text;
    this.lastIdLength = -1;
    this.lastPatientLength = -1;
  }

  /**
   * The claim of row `r`: by claim id, else by patient and date of service (an unreadable date
   * by its text).
   */
  claimFor(r: CsvReader, date: DateRange | null, dateText: string, frequency: string | null): S {
    this.rowDate = date;
    this.rowDateText = dateText;
    const byKey = this.layout.claimId >= 0 ? this.claimById(r) : this.claimByPatientAndDate(r, date, dateText);
    const state = frequency === null ? byKey : this.byFrequency(byKey, frequency, r);
    // Another frequency's claim need not be the patient's the row named (its base claim may have
    // none yet): the next row of the same id and patient looks its claim up again rather than take
    // this one as that patient's (claimById), as it does when the rows are read in pieces (moveTo).
    if (state !== byKey) this.lastPatientLength = -1;
    // A row of the claim of the row before with its date cell empty: that row's date ("same as
    // above", an export that writes a claim's fields on its first row only). The date grouped
    // on when rows are grouped by patient and date is carried the same way (claimByPatientAndDate).
    if (this.layout.claimId >= 0) {
      if (date === null && dateText === '' && state === this.lastClaim) {
        this.rowDate = this.lastClaimDate;
        this.rowDateText = this.lastClaimDateText;
      }
      this.lastClaim = state;
      this.lastClaimDate = this.rowDate;
      this.lastClaimDateText = this.rowDateText;
    }
    this.current = state;
    return state;
  }

  /**
   * The number of the claim a claim was made from for another frequency of its rows (its own
   * number when it was not): the one whose patient key and claim id cell it shares.
   */
  protected baseClaim(claim: number): number {
    return this.splitFrom.get(claim) ?? claim;
  }

  /**
   * The claim of `state`'s id and patient for a row naming `frequency`: `state` when it names the
   * same or none yet (it then takes this one), else the claim those rows were first given, or
   * the one made for this frequency.
   */
  private byFrequency(state: S, frequency: string, r: CsvReader): S {
    const own = this.frequencyOf(state);
    if (own === null) {
      this.setFrequency(state, frequency);
      return state;
    }
    if (own === frequency) return state;
    const base = this.baseClaim(this.numberOf(state));
    const first = this.claimAt(base);
    if (this.frequencyOf(first) === frequency) return first;
    // Apart from the claim id (and claim id and patient, patient and date) keys: none of them has
    // two NULs in a row but for a cell holding one.
    const key = `${base}\u0000\u0000${frequency}`;
    let split = this.claimOf(key);
    if (split === undefined) {
      const idCol = this.layout.claimId;
      const idSpan = idCol >= 0 && idCol < r.cellCount && r.valEnd[idCol]! > r.valStart[idCol]! ? r.valueSpan(idCol) : null;
      // Its claim id cell is its first claim's (baseClaim), which the subclass takes when it needs it.
      split = this.newClaim(`${this.idOf(first)} (${frequencyName(frequency)})`, idSpan, this.patientOf(first), r, '');
      this.remember(key, split);
      this.setFrequency(split, frequency);
      this.splitFrom.set(this.numberOf(split), base);
    }
    return split;
  }

  /**
   * The date of service the last row given to claimFor was grouped on: its own, or the previous
   * row's when its date cell is empty and, grouped by claim id, that row is of the same claim (its
   * line carries that date, for the coding checks and hovers). Null when none.
   */
  groupedDate(): DateRange | null {
    return this.rowDate;
  }

  /** The text of the date cell groupedDate was read from ('' when none was written: the row has no date, readable or not). */
  groupedDateText(): string {
    return this.rowDateText;
  }

  /** The claim named by the row's claim id; an empty id continues the claim of the row before. */
  private claimById(r: CsvReader): S {
    const n = r.cellCount;
    const idCol = this.layout.claimId;
    const patientCol = this.layout.patientId;
    const vs = idCol < n ? r.valStart[idCol]! : 0;
    const length = idCol < n ? r.valEnd[idCol]! - vs : 0;
    let state: S | undefined;
    /** The previous row's claim id, written again. */
    let sameId = false;
    if (length === 0) {
      state = this.current ?? undefined;
      this.lastIdLength = -1;
      this.carriedId = null;
    } else if (this.current !== null && length === this.lastIdLength && this.sameText(vs, this.lastIdStart, length)) {
      state = this.current;
      sameId = true;
    } else if (this.current !== null && this.lastIdLength < 0 && this.carriedId !== null && this.carriedId.length === length && r.value(idCol) === this.carriedId) {
      state = this.current;
      this.lastIdStart = vs;
      this.lastIdLength = length;
    } else {
      state = this.claimOf(r.value(idCol));
      this.lastIdStart = vs;
      this.lastIdLength = length;
    }
    if (length > 0) this.carriedId = null;
    if (state === undefined) {
      const id = length === 0 ? '' : r.value(idCol);
      state = this.newClaim(id, length === 0 ? null : r.valueSpan(idCol), null, r, id);
      this.remember(id, state);
    }
    if (hasPatientDetails(this.layout)) {
      // The patient is several cells (patientCells.ts): compared as a whole, row by row.
      const patient = patientOfRow(r, this.layout);
      if (patient !== '') {
        if (!this.hasPatient(state)) this.setPatient(state, patient);
        else if (!samePatient(this.patientOf(state)!, patient)) state = this.claimOfPatient(length === 0 ? '' : r.value(idCol), length === 0 ? null : r.valueSpan(idCol), patient, r);
      }
      this.lastPatientLength = -1;
    } else if (patientCol >= 0 && patientCol < n && r.valEnd[patientCol]! > r.valStart[patientCol]!) {
      const ps = r.valStart[patientCol]!;
      const pl = r.valEnd[patientCol]! - ps;
      // The previous row's claim id and patient, written again: its claim (this one) is that
      // patient's, whichever way the previous row came to it (named it, was given one of that
      // patient's, or one made for another frequency of it), so nothing is to be looked up.
      if (!(sameId && pl === this.lastPatientLength && this.sameText(ps, this.lastPatientStart, pl))) {
        const patient = r.value(patientCol);
        if (!this.hasPatient(state)) this.setPatient(state, patient);
        else if (!this.isPatient(state, patient)) state = this.claimOfPatient(length === 0 ? '' : r.value(idCol), length === 0 ? null : r.valueSpan(idCol), patient, r);
      }
      this.lastPatientStart = ps;
      this.lastPatientLength = pl;
    } else {
      this.lastPatientLength = -1;
    }
    return state;
  }

  /**
   * A row whose claim id is another patient's claim: a claim of this patient under that id (an
   * encounter number that starts again for each patient, or an id reused by mistake), so its
   * lines are never paired with the other patient's.
   */
  private claimOfPatient(id: string, idSpan: Span | null, patient: string, r: CsvReader): S {
    const first = this.claimOf(id);
    if (first !== undefined && (hasPatientDetails(this.layout) ? samePatient(this.patientOf(first) ?? '', patient) : this.isPatient(first, patient))) return first;
    const key = `${id}\u0000${patient}`;
    let state = this.claimOf(key);
    if (state === undefined) {
      // Its own name: claims are told apart by their ids (outline, fix titles); a patient told
      // apart by name or date of birth alone is not named by them (patientCells.ts).
      state = this.newClaim(this.uniqueLabel(`${id} (${shownPatient(patient) || 'another patient'})`), idSpan, patient, r, id);
      this.remember(key, state);
    }
    return state;
  }

  /** Labels made for claims of patients shown alike (patientCells.ts shownPatient), with how many so far. */
  private readonly labels = new Map<string, number>();

  /** `label`, or with a number after it when a claim has it already: two patients of one subscriber id are shown alike. */
  private uniqueLabel(label: string): string {
    const made = this.labels.get(label) ?? 0;
    this.labels.set(label, made + 1);
    return made === 0 ? label : `${label} ${made + 1}`;
  }

  /**
   * Without a claim-id column: one claim per patient and date of service (empty cells take the
   * previous row's; a row so grouped on the previous row's date has that date: groupedDate).
   */
  private claimByPatientAndDate(r: CsvReader, date: DateRange | null, dateText: string): S {
    const patientCol = this.layout.patientId;
    // A file with a patient name or birth date column names its patients by them, with or without a patient id column.
    let p = hasPatientDetails(this.layout) ? patientOfRow(r, this.layout) : patientCol < 0 ? '' : patientCol < r.cellCount ? r.value(patientCol) : '';
    // A row naming less of the row before's patient (its name on the first row only) is that patient's.
    if (p === '' || (p !== this.lastPatient && hasPatientDetails(this.layout) && this.lastPatient !== '' && samePatient(p, this.lastPatient))) p = this.lastPatient;
    // An unreadable date groups the rows that wrote the same text, and names the claim with it
    // (a claim id must not repeat: the outline and fixes tell claims apart by it).
    let dateKey = date !== null ? `${date.from}-${date.to}` : dateText === '' ? '' : `?${dateText}`;
    let dateLabel = date === null ? dateText : date.from === date.to ? isoDate(date.from) : `${isoDate(date.from)} - ${isoDate(date.to)}`;
    if (dateKey === '') {
      dateKey = this.lastDateKey;
      dateLabel = this.lastDateLabel;
      this.rowDate = this.lastDate;
      this.rowDateText = this.lastDateText;
    }
    this.lastDate = this.rowDate;
    this.lastDateText = this.rowDateText;
    this.lastPatient = p;
    this.lastDateKey = dateKey;
    this.lastDateLabel = dateLabel;
    const key = `${p}\u0000${dateKey}`;
    let state = this.claimOf(key);
    if (state === undefined) {
      const shown = shownPatient(p);
      const label = shown !== '' && dateLabel !== '' ? `${shown} ${dateLabel}` : shown + dateLabel;
      const id = hasPatientDetails(this.layout) ? this.uniqueLabel(label) : label;
      // Grouped without a claim id: it supersedes nothing and nothing supersedes it.
      state = this.newClaim(id, null, p === '' ? null : p, r, '');
      this.remember(key, state);
    }
    return state;
  }

  private sameText(a: number, b: number, length: number): boolean {
    const text = this.text;
    for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
    return true;
  }
}
