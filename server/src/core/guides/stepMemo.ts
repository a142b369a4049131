// The guide pass's whole step for a segment it has taken before, from the same place in the
// guide: a file repeats most segments word for word (the same provider, address, LX*1, SBR on
// claim after claim), each after the same guide segment. Where the step from guide segment N
// took a plan (transitions.ts) and found the elements clean (fastCheck.ts, or the clean memo),
// the same characters after N take the same plan and are as clean: the plan depends on N, the id
// and a qualifier value, the checks on the guide segment placed and the characters. Only the
// counts of the loop iteration (required segments seen, max use) can differ, and the walker checks
// those (GuideWalker.stepByPlan). So the segment is not scanned, nor its plan looked up, nor its
// elements compared with the clean memo's copy: three of its words are hashed, and its bytes
// compared with the earlier copy's four at a time.
//
// As the clean memo (cleanMemo.ts): entries are offsets into the text being read, found by hash
// and then compared character by character (the memo is exact), and a new text empties it.
import type { ByteWindow } from './byteWindow';
import type { StepPlan } from './transitions';

/** Entries (a power of two): a direct-mapped table, a later entry replaces an earlier one in its slot. */
const SLOTS = 4096;

export class StepMemo {
  /** The text the entries' offsets are in, and the element separator it was read with. */
  private text: string | null = null;
  private element = -1;
  /** Per slot: the uid of the guide segment the step was from (-1: empty), the segment's hash, offset and length. */
  private readonly froms = new Int32Array(SLOTS).fill(-1);
  private readonly hashes = new Int32Array(SLOTS);
  private readonly starts = new Int32Array(SLOTS);
  private readonly lengths = new Int32Array(SLOTS);
  /** Per slot: the plan the step took. */
  private readonly plans = new Array<StepPlan | null>(SLOTS).fill(null);

  /** The segment find() last looked for: its offsets, hash, the guide segment before it, and its slot (-1: none; for add()). */
  private start = -1;
  private end = -1;
  private hash = 0;
  private from = -1;
  private slot = -1;

  /**
   * The plan an earlier step from guide segment `from` took for a segment of text[start, end)'s
   * characters (read with element separator `element`), found clean; null when there is none.
   * `window` is the pass's byte window (moved here to hold the segment). Call before add().
   */
  find(window: ByteWindow, text: string, start: number, end: number, element: number, from: number): StepPlan | null {
    if (text !== this.text || element !== this.element) this.reset(text, element);
    const length = end - start;
    if (!window.cover(text, start, end)) {
      this.slot = -1;
      return null;
    }
    const view = window.view;
    const bytes = window.bytes;
    const b = start - window.start;
    const hash = hashBytes(view, bytes, b, length);
    const slot = (hash ^ Math.imul(from, 0x85ebca6b)) & (SLOTS - 1);
    this.start = start;
    this.end = end;
    this.hash = hash;
    this.from = from;
    this.slot = slot;
    if (this.froms[slot] !== from || this.hashes[slot] !== hash || this.lengths[slot] !== length) return null;
    const earlier = this.starts[slot]!;
    if (earlier !== start) {
      if (!window.sameCharacters(text, earlier, start, length)) return null;
      // The latest of the same segments stands for them: the next one compares with it, near it in the text (in the window).
      this.starts[slot] = start;
    }
    return this.plans[slot]!;
  }

  /**
   * The segment find() last looked for, text[start, end), was placed by `plan` (from the guide
   * segment find() was given) and found clean (call after find() said null, for the same segment).
   */
  add(start: number, end: number, plan: StepPlan): void {
    const slot = this.slot;
    if (slot < 0 || start !== this.start || end !== this.end) return;
    this.slot = -1;
    this.froms[slot] = this.from;
    this.hashes[slot] = this.hash;
    this.starts[slot] = start;
    this.lengths[slot] = end - start;
    this.plans[slot] = plan;
  }

  /** The hash find() gives text[start, end) (for the tests: a collision is found with it). */
  static hashOf(window: ByteWindow, text: string, start: number, end: number): number {
    window.cover(text, start, end);
    return hashBytes(window.view, window.bytes, start - window.start, end - start);
  }

  private reset(text: string, element: number): void {
    this.text = text;
    this.element = element;
    this.froms.fill(-1);
  }
}

/**
 * A hash of bytes[at, at + length) from three of its words: its first, middle and last four bytes
 * (a shorter segment's bytes one by one). Segments after the same guide segment that differ
 * (dates, amounts, names, control numbers) nearly always differ there too, and find() compares
 * every byte of a candidate anyway. No loop over the segment: most of a pass's first segments,
 * run before the code is optimized, are not found, and then the scan reads every byte.
 */
function hashBytes(view: DataView, bytes: Uint8Array, at: number, length: number): number {
  let hash = length;
  if (length >= 4) {
    hash = Math.imul(hash ^ view.getInt32(at, true), 0x9e3779b1);
    hash = Math.imul(hash ^ view.getInt32(at + ((length - 4) >> 1), true), 0x9e3779b1);
    hash = Math.imul(hash ^ view.getInt32(at + length - 4, true), 0x9e3779b1);
  } else for (let k = 0; k < length; k++) hash = Math.imul(hash ^ bytes[at + k]!, 0x01000193);
  return hash ^ (hash >>> 15);
}
