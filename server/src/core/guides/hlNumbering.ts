// HL numbering in one transaction set, as pyx12 checks it (its x12file keeps a count and a stack
// of open levels): HL01 is the next number, HL02 names a level open above this one, and HL04 says
// truly whether the next HL is a child. Beyond pyx12: HL02 names a parent whose branch is still
// open (guide.hl-parent-order): a parent's children follow it before the next HL at its level or
// above begins, and the 837 reader takes a claim's parties from the loops it follows, not from
// HL02 (a subscriber naming an earlier billing provider is read under the later one). Part of the
// validator's state between segments, so it has a snapshot for checkpoints (checkpoints.ts).
import { shownNumber } from './shown';
import { NUMBER } from './valueTypes';
import { firstFourValues } from './segmentValues';

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
  readonly branch: readonly number[];
  readonly misnumbered: boolean;
}

/** Where a finding goes: the segment it is about, its rule, message and element position. */
export type HlReport = (segment: number, rule: string, message: string, position: number) => void;

/** An HL number as written when it is one, else described (it may be anything: shownNumber). */
function asNumber(text: string): string {
  return NUMBER.test(text) ? text : shownNumber(text);
}

/** The number an HL01 or HL02 is (NUMBER: digits, perhaps after a minus), else NaN: read without a regex, as every HL is. */
export function hlNumber(text: string): number {
  const length = text.length;
  const from = length > 0 && text.charCodeAt(0) === 45 ? 1 : 0;
  if (from === length) return NaN;
  for (let at = from; at < length; at++) {
    const c = text.charCodeAt(at);
    if (c < 48 || c > 57) return NaN;
  }
  return Number(text);
}

export class HlNumbering {
  private count = 0;
  private stack: number[] = [];
  private last: LastHl | null = null;
  /** The open branch: the HL numbers from the latest top level (no HL02) down to the latest HL, each the parent of the next. */
  private branch: number[] = [];
  /** An HL01 of the set did not follow the count (then no branch is judged). */
  private misnumbered = false;

  /** The last HL read, or null. */
  get lastHl(): LastHl | null {
    return this.last;
  }

  /** A new transaction set. */
  reset(): void {
    this.count = 0;
    this.stack = [];
    this.last = null;
    this.branch = [];
    this.misnumbered = false;
  }

  /** HL01, HL02 and HL04 (`elements[0]` is HL01) of the HL that is segment `index`. */
  check(elements: readonly string[], index: number, report: HlReport): void {
    this.count++;
    const id = elements[0] ?? '';
    const parentText = elements[1] ?? '';
    const number = hlNumber(id);
    if (number !== this.count) {
      report(index, 'guide.hl-sequence', `HL01 is ${shownNumber(id)}; this is HL number ${this.count} of the transaction set.`, 1);
      // Numbers that do not follow the count (a second billing provider numbered from 1 again)
      // leave HL02 ambiguous: the branch is not judged in that set.
      this.misnumbered = true;
    }
    const last = this.last;
    if (parentText !== '') {
      const parent = hlNumber(parentText);
      if (!this.stack.includes(parent)) report(index, 'guide.hl-parent', `HL02 parent ${asNumber(parentText)} is not an HL level open above this one.`, 2);
      while (this.stack.length > 0 && this.stack[this.stack.length - 1] !== parent) this.stack.pop();
      if (last && last.id === parent && last.childFlag === '0') {
        report(last.segment, 'guide.hl-child-flag', `HL04 is 0 (no child levels), but HL ${asNumber(id)} names HL ${last.id} as its parent.`, 4);
      }
    }
    this.followBranch(parentText, index, report);
    if (last && last.childFlag === '1' && (parentText === '' || Number(parentText) !== last.id)) {
      report(last.segment, 'guide.hl-child-flag', 'HL04 is 1 (child levels follow), but the next HL is not its child.', 4);
    }
    this.stack.push(this.count);
    this.last = { segment: index, id: Number.isNaN(number) ? this.count : number, childFlag: elements[3] ?? '' };
  }

  /**
   * check() of the HL text[start, end) (`separator`: the element separator's code; the segment
   * does not end with one), read from the text: most HLs are numbered as they should be, so their
   * numbers are read as numbers (quick) without making the four values' strings, which only a
   * finding's message shows. Any other HL, and any that would add a finding, goes to check().
   */
  checkAt(text: string, start: number, end: number, separator: number, index: number, report: HlReport): void {
    if (!this.quick(text, start, end, separator, index)) this.check(firstFourValues(text, start, end, separator), index, report);
  }

  /**
   * check()'s work on an HL whose HL01 and HL02 (if any) are digits only (at most nine) and HL04 is
   * empty, 0 or 1, when it adds no finding: then true, the state moved as check() moves it. Else
   * false with nothing changed.
   */
  private quick(text: string, start: number, end: number, separator: number, index: number): boolean {
    let at = start;
    while (at < end && text.charCodeAt(at) !== separator) at++;
    if (at === end) return false;
    // HL01: digits.
    let id = 0;
    const idFrom = ++at;
    for (let c = 0; at < end && (c = text.charCodeAt(at)) !== separator; at++) {
      if (c < 48 || c > 57) return false;
      id = id * 10 + c - 48;
    }
    if (at === idFrom || at - idFrom > 9) return false;
    // HL02: none, or digits (-1: none).
    let parent = -1;
    if (at < end) {
      const parentFrom = ++at;
      let value = 0;
      for (let c = 0; at < end && (c = text.charCodeAt(at)) !== separator; at++) {
        if (c < 48 || c > 57) return false;
        value = value * 10 + c - 48;
      }
      if (at - parentFrom > 9) return false;
      if (at > parentFrom) parent = value;
    }
    // HL03: anything; HL04: none, empty, 0 or 1.
    let childFlag = '';
    if (at < end) {
      at++;
      while (at < end && text.charCodeAt(at) !== separator) at++;
      if (at < end) {
        const flagFrom = ++at;
        while (at < end && text.charCodeAt(at) !== separator) at++;
        if (at - flagFrom === 1) {
          const c = text.charCodeAt(flagFrom);
          if (c === 48) childFlag = '0';
          else if (c === 49) childFlag = '1';
          else return false;
        } else if (at !== flagFrom) return false;
      }
    }
    // The conditions of check()'s findings, none of which may hold.
    const count = this.count + 1;
    if (id !== count) return false;
    const last = this.last;
    const stack = this.stack;
    let branchAt = -1;
    if (parent >= 0) {
      if (!stack.includes(parent)) return false;
      if (last !== null && last.id === parent && last.childFlag === '0') return false;
      branchAt = this.branch.lastIndexOf(parent);
      // (The parent is on the stack, and the set is not misnumbered: an HL01 off the count returned above.)
      if (branchAt < 0 && !this.misnumbered && this.branch.length > 0) return false;
    }
    if (last !== null && last.childFlag === '1' && (parent < 0 || parent !== last.id)) return false;
    this.count = count;
    if (parent >= 0) while (stack.length > 0 && stack[stack.length - 1] !== parent) stack.pop();
    // followBranch's move, in place (a top level starts the branch again: nothing kept).
    const branch = this.branch;
    const keep = parent < 0 ? 0 : branchAt >= 0 ? branchAt + 1 : branch.length;
    while (branch.length > keep) branch.pop();
    branch.push(count);
    stack.push(count);
    this.last = { segment: index, id, childFlag };
    return true;
  }

  /**
   * Moves the open branch to this HL (its number is `count`): a top level starts a new branch, a
   * child cuts the branch after its parent. A parent that is on the stack (pyx12 accepts it) but
   * no longer on the open branch is out of order.
   */
  private followBranch(parentText: string, index: number, report: HlReport): void {
    if (parentText === '') {
      this.branch = [this.count];
      return;
    }
    const parent = hlNumber(parentText);
    const at = this.branch.lastIndexOf(parent);
    // Cut by pops (setting an array's length is a call into the runtime).
    if (at >= 0) while (this.branch.length > at + 1) this.branch.pop();
    else if (!this.misnumbered && this.stack.includes(parent) && this.branch.length > 0) {
      const open = this.branch[this.branch.length - 1]!;
      report(index, 'guide.hl-parent-order', `HL02 names HL ${asNumber(parentText)}, whose children ended when a later HL of its level began: an HL's children follow it, before the next HL at its level. The claims below are read under the loops they follow (HL ${open}'s branch).`, 2);
    }
    this.branch.push(this.count);
  }

  /** The end of a transaction set: a last HL that says children follow has none. */
  end(report: HlReport): void {
    const last = this.last;
    if (last && last.childFlag === '1') report(last.segment, 'guide.hl-child-flag', `HL04 is 1 (child levels follow), but no HL names HL ${last.id} as its parent.`, 4);
    this.last = null;
  }

  snapshot(): HlState {
    return { count: this.count, stack: this.stack.slice(), last: this.last, branch: this.branch.slice(), misnumbered: this.misnumbered };
  }

  /** Numbering in a state snapshot() gave, its segment indexes moved by `shift`. */
  static restore(state: HlState, shift = 0): HlNumbering {
    const hl = new HlNumbering();
    hl.count = state.count;
    hl.stack = state.stack.slice();
    hl.branch = state.branch.slice();
    hl.misnumbered = state.misnumbered;
    hl.last = state.last && { ...state.last, segment: state.last.segment + shift };
    return hl;
  }

  /** Is the numbering in the state a snapshot gave (its segment indexes moved by `shift`)? */
  inState(state: HlState, shift: number): boolean {
    const last = this.last;
    const old = state.last;
    if ((last === null) !== (old === null)) return false;
    if (last && old && (last.segment !== old.segment + shift || last.id !== old.id || last.childFlag !== old.childFlag)) return false;
    const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i]);
    return this.count === state.count && this.misnumbered === state.misnumbered && same(this.stack, state.stack) && same(this.branch, state.branch);
  }
}
