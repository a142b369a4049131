// Segments the clean check (fastCheck.ts) passed, to pass their repeats without checking them
// again: a file repeats many segments word for word (the same address, provider, LX*1, SBR on
// claim after claim), and the check of the same characters, read with the same separators and
// placed at the same guide segment, gives the same answer. An entry is found by the scan's hash
// and then compared character by character with the earlier segment, so the memo is exact.
//
// Entries are offsets into the text being read, kept while the reader reads that text (one piece
// of a stream at a time, or a whole document): a new text empties the memo, so it holds no text.
import type { SegmentScan } from './segmentScan';

/** Entries (a power of two): a direct-mapped table, a later entry replaces an earlier one in its slot. */
const SLOTS = 4096;

export class CleanMemo {
  /** The text the entries' offsets are in, and the element separator it was scanned with. */
  private text: string | null = null;
  private element = -1;
  /** Per slot: the SegmentSpec.uid the segment was placed at (-1: empty), its scan hash, offset and length. */
  private readonly uids = new Int32Array(SLOTS).fill(-1);
  private readonly hashes = new Int32Array(SLOTS);
  private readonly starts = new Int32Array(SLOTS);
  private readonly lengths = new Int32Array(SLOTS);

  /** Was a segment with the scanned segment's characters found clean at guide segment `uid` (element separator `element`)? */
  has(uid: number, scan: SegmentScan, element: number): boolean {
    const text = scan.text;
    if (text !== this.text || element !== this.element) {
      this.reset(text, element);
      return false;
    }
    const hash = scan.hash;
    const slot = slotOf(uid, hash);
    if (this.uids[slot] !== uid || this.hashes[slot] !== hash) return false;
    const start = scan.starts[0]!;
    const length = scan.ends[scan.count]! - start;
    if (this.lengths[slot] !== length) return false;
    const earlier = this.starts[slot]!;
    if (earlier === start) return true;
    if (!scan.window.sameCharacters(text, earlier, start, length)) return false;
    // The latest of the same segments stands for them: the next one compares with it, near it in the text (in the window).
    this.starts[slot] = start;
    return true;
  }

  /** The scanned segment was found clean at guide segment `uid` (call after has() said no, with the same scan). */
  add(uid: number, scan: SegmentScan): void {
    const hash = scan.hash;
    const slot = slotOf(uid, hash);
    const start = scan.starts[0]!;
    this.uids[slot] = uid;
    this.hashes[slot] = hash;
    this.starts[slot] = start;
    this.lengths[slot] = scan.ends[scan.count]! - start;
  }

  private reset(text: string, element: number): void {
    this.text = text;
    this.element = element;
    this.uids.fill(-1);
  }
}

function slotOf(uid: number, hash: number): number {
  return (hash ^ Math.imul(uid, 0x9e3779b1)) & (SLOTS - 1);
}
