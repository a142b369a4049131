// HL numbering in one transaction set, as pyx12 checks it (its x12file keeps a count and a stack
// of open levels): HL01 is the next number, HL02 names a level open above this one, and HL04 says
// truly whether the next HL is a child. Unlike pyx12, HL02 is judged against the HL01s as written,
// not as counted: in a set whose HL01s skip or restart (a second billing provider numbered from 1
// again), an HL02 naming its parent's written number is right, and only the HL01s are reported
// (pyx12 reported each such HL02 too, though renumbering the HL01s, and the HL02s naming them,
// leaves them right). Beyond pyx12: HL02 names a parent whose branch is still
// open (guide.hl-parent-order): a parent's children follow it before the next HL at its level or
// above begins, and the 837 reader takes a claim's parties from the loops it follows, not from
// HL02 (a subscriber naming an earlier billing provider is read under the later one); and HL02
// names a level its own may hang under (guide.hl-level: a patient under a subscriber, a subscriber
// under a billing provider: data/hlLevels.ts). Part of the validator's state between segments, so
// it has a snapshot for checkpoints (checkpoints.ts).
import { shownNumber } from './shown';
import { NUMBER } from './valueTypes';
import { firstFourValues } from './segmentValues';
import { HL_LEVEL_NAMES, HL_LEVEL_PARENTS } from '../data/hlLevels';

/** The last HL read: its segment index, its number (HL01, or its count when HL01 is no number) and HL04. */
export interface LastHl {
  readonly segment: number;
  readonly id: number;
  readonly childFlag: string;
}

export interface HlState {
  readonly count: number;
  readonly stack: readonly number[];
  /** HL03 of each level on the stack, as a number (-1: not a two-digit code). */
  readonly levels: readonly number[];
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

/** The findings an HL may add (HlNumbering.findingsOf), as flags. */
const SEQUENCE = 1;
const PARENT = 2;
const NO_CHILDREN = 4;
const ORDER = 8;
const NOT_A_CHILD = 16;
const LEVEL = 32;

/** HL03 as a number when it is two digits (20, 22, 23), else -1. */
function levelOf(text: string): number {
  return text.length === 2 && NUMBER.test(text) ? Number(text) : -1;
}

/** A level code as a message names it: "a patient level (23)". */
function levelName(level: number): string {
  const name = HL_LEVEL_NAMES[level];
  return name ? `a ${name} level (${level})` : `a level ${level}`;
}

export class HlNumbering {
  private count = 0;
  private stack: number[] = [];
  /** HL03 of each level on the stack (levelOf). */
  private levels: number[] = [];
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
    this.levels = [];
    this.last = null;
    this.branch = [];
    this.misnumbered = false;
  }

  /** HL01, HL02 and HL04 (`elements[0]` is HL01) of the HL that is segment `index`. */
  check(elements: readonly string[], index: number, report: HlReport): void {
    const count = this.count + 1;
    const id = elements[0] ?? '';
    const parentText = elements[1] ?? '';
    const number = hlNumber(id);
    const parent = parentText === '' ? null : hlNumber(parentText);
    const level = levelOf(elements[2] ?? '');
    const found = this.findingsOf(number, parent, parent === null ? null : Number(parentText), level);
    const last = this.last;
    if (found & SEQUENCE) report(index, 'guide.hl-sequence', `HL01 is ${shownNumber(id)}; this is HL number ${count} of the transaction set.`, 1);
    if (found & PARENT) {
      const message = NUMBER.test(parentText) ? `HL02 parent ${parentText} is not an HL level open above this one.` : `HL02 is ${shownNumber(parentText)}, not the number of an HL level open above this one.`;
      report(index, 'guide.hl-parent', message, 2);
    }
    if (found & NO_CHILDREN) report(last!.segment, 'guide.hl-child-flag', `HL04 is 0 (no child levels), but HL ${asNumber(id)} names HL ${last!.id} as its parent.`, 4);
    if (found & ORDER) {
      const open = this.branch[this.branch.length - 1]!;
      report(index, 'guide.hl-parent-order', `HL02 names HL ${asNumber(parentText)}, whose children ended when a later HL of its level began: an HL's children follow it, before the next HL at its level. The claims below are read under the loops they follow (HL ${open}'s branch).`, 2);
    }
    if (found & NOT_A_CHILD) report(last!.segment, 'guide.hl-child-flag', 'HL04 is 1 (child levels follow), but the next HL is not its child.', 4);
    if (found & LEVEL) {
      const parentLevel = this.levels[this.stack.lastIndexOf(parent!)]!;
      report(index, 'guide.hl-level', `HL ${asNumber(id)} is ${levelName(level)}, which hangs under ${levelName(HL_LEVEL_PARENTS[level]!)}; HL02 names HL ${asNumber(parentText)}, ${levelName(parentLevel)}.`, 2);
    }
    // Numbers that do not follow the count (a second billing provider numbered from 1 again)
    // leave HL02 ambiguous: the branch is not judged in that set.
    if (found & SEQUENCE) this.misnumbered = true;
    this.advance(parent, index, Number.isNaN(number) ? count : number, elements[3] ?? '', level);
  }

  /**
   * The findings (flags) of the next HL: its HL01 as a number (hlNumber), its HL02 as a number
   * (null: empty), and its HL02 as Number() reads it (whether the last HL's child follows).
   */
  private findingsOf(number: number, parent: number | null, parentValue: number | null, level: number): number {
    const count = this.count + 1;
    const last = this.last;
    let found = number !== count ? SEQUENCE : 0;
    if (parent !== null) {
      const at = this.stack.lastIndexOf(parent);
      const open = at >= 0;
      if (!open) found |= PARENT;
      // The parent's level is known only where the numbers follow the count (else HL02 is ambiguous).
      const expected = HL_LEVEL_PARENTS[level];
      if (open && expected !== undefined && !this.misnumbered && !(found & SEQUENCE) && this.levels[at]! >= 0 && this.levels[at] !== expected) found |= LEVEL;
      if (last !== null && last.id === parent && last.childFlag === '0') found |= NO_CHILDREN;
      // A parent on the stack (pyx12 accepts it) but no longer on the open branch is out of order.
      if (open && !this.misnumbered && !(found & SEQUENCE) && this.branch.length > 0 && this.branch.lastIndexOf(parent) < 0) found |= ORDER;
    }
    if (last !== null && last.childFlag === '1' && (parentValue === null || parentValue !== last.id)) found |= NOT_A_CHILD;
    return found;
  }

  /**
   * Moves the numbering to the next HL (`id`: its number, `parent` its HL02's, null when empty):
   * the stack of open levels down to its parent, and the open branch: a top level starts a new
   * branch, a child cuts the branch after its parent.
   */
  private advance(parent: number | null, index: number, id: number, childFlag: string, level: number): void {
    // The open levels hold the HL01s as written (id: its count when HL01 is no number), which HL02 names.
    ++this.count;
    const stack = this.stack;
    const levels = this.levels;
    const branch = this.branch;
    // Cut by pops (setting an array's length is a call into the runtime). A top level (once a
    // set) cuts the whole branch in the same loop as a child: a loop of its own, first run by the
    // second set's first HL after the engine had optimized this code without feedback for it, sent
    // the HL path back to unoptimized code and a second compile.
    let keep = 0;
    if (parent !== null) {
      while (stack.length > 0 && stack[stack.length - 1] !== parent) {
        stack.pop();
        levels.pop();
      }
      const at = branch.lastIndexOf(parent);
      keep = at >= 0 ? at + 1 : branch.length;
    }
    while (branch.length > keep) branch.pop();
    branch.push(id);
    stack.push(id);
    levels.push(level);
    this.last = { segment: index, id, childFlag };
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
    // HL02: none, or digits.
    let parent: number | null = null;
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
    // HL03: anything (its level when two digits); HL04: none, empty, 0 or 1.
    let childFlag = '';
    let level = -1;
    if (at < end) {
      const levelFrom = ++at;
      while (at < end && text.charCodeAt(at) !== separator) at++;
      if (at - levelFrom === 2) {
        const tens = text.charCodeAt(levelFrom) - 48;
        const ones = text.charCodeAt(levelFrom + 1) - 48;
        if (tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9) level = tens * 10 + ones;
      }
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
    if (this.findingsOf(id, parent, parent, level) !== 0) return false;
    this.advance(parent, index, id, childFlag, level);
    return true;
  }

  /** The end of a transaction set: a last HL that says children follow has none. */
  end(report: HlReport): void {
    const last = this.last;
    if (last && last.childFlag === '1') report(last.segment, 'guide.hl-child-flag', `HL04 is 1 (child levels follow), but no HL names HL ${last.id} as its parent.`, 4);
    this.last = null;
  }

  snapshot(): HlState {
    return { count: this.count, stack: this.stack.slice(), levels: this.levels.slice(), last: this.last, branch: this.branch.slice(), misnumbered: this.misnumbered };
  }

  /** Numbering in a state snapshot() gave, its segment indexes moved by `shift`. */
  static restore(state: HlState, shift = 0): HlNumbering {
    const hl = new HlNumbering();
    hl.count = state.count;
    hl.stack = state.stack.slice();
    hl.levels = state.levels.slice();
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
    return this.count === state.count && this.misnumbered === state.misnumbered && same(this.stack, state.stack) && same(this.levels, state.levels) && same(this.branch, state.branch);
  }
}
