// The CLM02 check of one claim: CLM02 must equal the sum of its line charges. The charges are
// kept as numbers while the claim's lines are read (no ServiceLine needed), with their offsets
// for the finding's related locations; a claim read in pieces (X12Stream) moves those offsets
// with it from piece to piece.
import type { Finding, Span } from '../model';
import { amountShown, formatCents, shownAmount, toCents } from './values';
import { grown } from '../typedArrays';

/**
 * An offset a claim does not have (its CLM01 or CLM02, a line's charge): not -1, since a claim
 * read in pieces moves its offsets before the start of the next piece, and no document (under
 * 1 GB) moves one this far.
 */
export const NO_OFFSET = -0x80000000;

/**
 * Line charges a CLM02 sum finding points at, at most: a claim of a million lines (a broken file)
 * would otherwise make as many related locations (the 837I guide allows 999 lines, the 837P 50).
 */
const RELATED_CHARGES = 100;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The line charges of the open claim. */
export class ClaimCharges {
  /** Lines noted (with or without a charge). */
  private count = 0;
  /** The sum in cents of the lines with a charge, and how many those are. */
  private sum = 0;
  private summed = 0;
  /** A line has a charge that is there but unreadable (reported as an invalid amount). */
  private unreadable = false;
  /** Each line's charge offsets (start NO_OFFSET: no charge element) and cents (0 when empty). */
  private starts = new Int32Array(16);
  private ends = new Int32Array(16);
  private cents = new Float64Array(16);

  /** A new claim. */
  reset(): void {
    this.count = this.sum = this.summed = 0;
    this.unreadable = false;
  }

  /** The next line's charge element (start -1: none) and its value (null: empty or unreadable). */
  note(start: number, end: number, charge: number | null): void {
    const index = this.count++;
    if (index >= this.starts.length) this.grow();
    this.starts[index] = start < 0 ? NO_OFFSET : start;
    this.ends[index] = end;
    // An empty charge element shows as 0.00 beside the others (an unreadable one stops the check).
    this.cents[index] = charge === null ? 0 : toCents(charge);
    if (charge !== null) {
      this.sum += this.cents[index]!;
      this.summed++;
    } else if (start >= 0 && end > start) {
      this.unreadable = true;
    }
  }

  /** The claim goes on into a piece that starts `shift` characters later: its offsets move back by that much. */
  moveBack(shift: number): void {
    for (let i = 0; i < this.count; i++) {
      if (this.starts[i] === NO_OFFSET) continue;
      this.starts[i]! -= shift;
      this.ends[i]! -= shift;
    }
  }

  /**
   * The finding when CLM02 (`total`, at offsets `start`..`end`) is not the sum of the line charges (in cents,
   * so 0.1 + 0.2 is 0.30), else null. Lines with no charge (no service segment, or an empty
   * charge element) add nothing and are reported on their own (with none left there is nothing
   * to compare); a charge that is there but unreadable has an unknown value, so the check waits
   * for it to be fixed.
   */
  check(total: number | null, start: number, end: number): Finding | null {
    const count = this.count;
    if (total === null || count === 0 || this.unreadable) return null;
    const cents = toCents(total);
    if (this.sum === cents || this.summed === 0) return null;
    const related: { span: Span; message: string }[] = [];
    let charges = 0;
    for (let i = 0; i < count; i++) {
      const at = this.starts[i]!;
      if (at === NO_OFFSET) continue;
      if (++charges > RELATED_CHARGES) continue;
      related.push({ span: { start: at, end: this.ends[i]! }, message: `line ${i + 1} charge ${shownAmount(this.cents[i]!)}` });
    }
    const summed = this.summed;
    const lines =
      summed === count
        ? `the ${plural(count, 'service line')} ${count === 1 ? 'adds' : 'add'}`
        : `the ${summed} of ${plural(count, 'service line')} that ${summed === 1 ? 'has a charge adds' : 'have a charge add'}`;
    const listed = charges > RELATED_CHARGES ? ` (the first ${RELATED_CHARGES} line charges are listed)` : '';
    // An amount of six or more whole-dollar digits may be an id and is described (shownAmount).
    // When both are, the message still says which is larger, and by how much when that is shown:
    // with one of them shown the difference would give the other away.
    const difference = Math.abs(cents - this.sum);
    const larger = amountShown(cents) || amountShown(this.sum) ? '' : `; CLM02 is ${amountShown(difference) ? `${formatCents(difference)} ` : ''}${cents > this.sum ? 'more' : 'less'} than that`;
    return { rule: 'x12.clm02-sum', severity: 'error', message: `CLM02 is ${shownAmount(cents)}, but ${lines} up to ${shownAmount(this.sum)}${larger}${listed}`, span: { start, end }, related };
  }

  private grow(): void {
    const size = this.starts.length * 2;
    this.starts = grown(this.starts, new Int32Array(size));
    this.ends = grown(this.ends, new Int32Array(size));
    this.cents = grown(this.cents, new Float64Array(size));
  }
}
