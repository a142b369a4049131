// How messages name a loop of the guide: a loop of the implementation guide by its id ("loop
// 2300"); the loops pyx12's maps add around them in words (data/mapLoopWords.ts).
import type { LoopSpec, SegmentSpec } from './schema';
import { MAP_LOOP_WORDS } from '../data/mapLoopWords';
import { capitalized } from '../text';

/** "loop 2300", or the words for one of the maps' own loops ("the transaction set's header"); the guide's root is the file. */
export function loopPhrase(loop: LoopSpec): string {
  return MAP_LOOP_WORDS[loop.id] ?? (loop.id === '' ? 'the file' : `loop ${loop.id}`);
}

/** "Loop 2300 (Claim Information)", or the words for one of the maps' own loops, capitalized. */
export function loopTitle(loop: LoopSpec): string {
  const words = MAP_LOOP_WORDS[loop.id];
  return words === undefined ? `Loop ${loop.id} (${loop.name})` : capitalized(words);
}

/** Whether the loop is one of the maps' own (no loop of the guide). */
export function isMapLoop(loop: LoopSpec): boolean {
  return loop.id in MAP_LOOP_WORDS;
}

/** The segment a loop begins with (its trigger): the first segment in it, in wrappers too. */
export function firstSegmentOf(loop: LoopSpec): SegmentSpec | null {
  for (const child of loop.children) {
    if (child.kind !== 'loop') return child;
    const inner = firstSegmentOf(child);
    if (inner !== null) return inner;
  }
  return null;
}
