// HL numbering in one transaction set, as pyx12 checks it (its x12file keeps a count and a stack
// of open levels): HL01 is the next number, HL02 names a level open above this one, and HL04 says
// truly whether the next HL is a child. Part of the validator's state between segments, so it
// has a snapshot for checkpoints (checkpoints.ts).
import { shownNumber } from './shown';
import { NUMBER } from './valueTypes';

/** The last HL read: its segment index, its number (HL01, or its count when HL01 is no number) and HL04. */
export interface LastHl {
  readonly segment: number;
  readonly id: number;
  readonly childFlag: string;
}

export interface HlState {
  readonly count: number;
  readonly stack: readonly number[];
  readonly last: LastHl | null;
}

/** Where a finding goes: the segment it is about, its rule, message and element position. */
export type HlReport = (segment: number, rule: string, message: string, position: number) => void;

/** An HL number as written when it is one, else described (it may be anything: shownNumber). */
function asNumber(text: string): string {
  return NUMBER.test(text) ? text : shownNumber(text);
}

export class HlNumbering {
  private count = 0;
  private stack: number[] = [];
  private last: LastHl | null = null;

  /** The last HL read, or null. */
  get lastHl(): LastHl | null {
    return this.last;
  }

  /** A new transaction set. */
  reset(): void {
    this.count = 0;
    this.stack = [];
    this.last = null;
  }

  /** HL01, HL02 and HL04 (`elements[0]` is HL01) of the HL that is segment `index`. */
  check(elements: readonly string[], index: number, report: HlReport): void {
    this.count++;
    const id = elements[0] ?? '';
    const parentText = elements[1] ?? '';
    const number = NUMBER.test(id) ? Number(id) : NaN;
    if (number !== this.count) report(index, 'guide.hl-sequence', `HL01 is ${shownNumber(id)}; this is HL number ${this.count} of the transaction set.`, 1);
    const last = this.last;
    if (parentText !== '') {
      const parent = NUMBER.test(parentText) ? Number(parentText) : NaN;
      if (!this.stack.includes(parent)) report(index, 'guide.hl-parent', `HL02 parent ${asNumber(parentText)} is not an HL level open above this one.`, 2);
      while (this.stack.length > 0 && this.stack[this.stack.length - 1] !== parent) this.stack.pop();
      if (last && last.id === parent && last.childFlag === '0') {
        report(last.segment, 'guide.hl-child-flag', `HL04 is 0 (no child levels), but HL ${asNumber(id)} names HL ${last.id} as its parent.`, 4);
      }
    }
    if (last && last.childFlag === '1' && (parentText === '' || Number(parentText) !== last.id)) {
      report(last.segment, 'guide.hl-child-flag', 'HL04 is 1 (child levels follow), but the next HL is not its child.', 4);
    }
    this.stack.push(this.count);
    this.last = { segment: index, id: Number.isNaN(number) ? this.count : number, childFlag: elements[3] ?? '' };
  }

  /** The end of a transaction set: a last HL that says children follow has none. */
  end(report: HlReport): void {
    const last = this.last;
    if (last && last.childFlag === '1') report(last.segment, 'guide.hl-child-flag', `HL04 is 1 (child levels follow), but no HL names HL ${last.id} as its parent.`, 4);
    this.last = null;
  }

  snapshot(): HlState {
    return { count: this.count, stack: this.stack.slice(), last: this.last };
  }

  /** Numbering in a state snapshot() gave, its segment indexes moved by `shift`. */
  static restore(state: HlState, shift = 0): HlNumbering {
    const hl = new HlNumbering();
    hl.count = state.count;
    hl.stack = state.stack.slice();
    hl.last = state.last && { ...state.last, segment: state.last.segment + shift };
    return hl;
  }

  /** Is the numbering in the state a snapshot gave (its segment indexes moved by `shift`)? */
  inState(state: HlState, shift: number): boolean {
    const last = this.last;
    const old = state.last;
    if ((last === null) !== (old === null)) return false;
    if (last && old && (last.segment !== old.segment + shift || last.id !== old.id || last.childFlag !== old.childFlag)) return false;
    return this.count === state.count && this.stack.length === state.stack.length && this.stack.every((n, i) => n === state.stack[i]);
  }
}
