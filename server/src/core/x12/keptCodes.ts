// Whether the coding run keeps a service line, by its code and the table its claim is judged by:
// a big file asks for every line, of a few hundred codes, so each answer is asked of the run once
// per code and table. The answers for codes ProcedureReader numbers (nearly all) are in slots by
// that number, like its own codes; the others in a map.
import type { PtpTableKind } from '../model';
import { CODE_SLOTS, codeSlot } from './procedure';

/** The answers for one table: by code number in slots, the other codes in a map. */
class Answers {
  readonly kept = new Map<string, boolean>();
  readonly keys = new Int32Array(CODE_SLOTS).fill(-1);
  readonly answers = new Uint8Array(CODE_SLOTS);
}

export class KeptCodes {
  /** One set of answers per table (no table: null), kept side by side: a critical access hospital's bill asks for both, line by line. */
  private readonly byTable = { practitioner: new Answers(), hospital: new Answers(), none: new Answers() };

  /** keep(code, table), asked once per code and table; `key`: the code's ProcedureReader.codeKey. */
  keeps(keep: (code: string, table: PtpTableKind | null) => boolean, code: string, key: number, table: PtpTableKind | null): boolean {
    const set = this.byTable[table ?? 'none'];
    if (key >= 0) {
      const slot = codeSlot(key);
      if (set.keys[slot] === key) return set.answers[slot] === 1;
      const answer = keep(code, table);
      set.keys[slot] = key;
      set.answers[slot] = answer ? 1 : 0;
      return answer;
    }
    let kept = set.kept.get(code);
    if (kept === undefined) {
      if (set.kept.size >= 100000) set.kept.clear();
      kept = keep(code, table);
      set.kept.set(code, kept);
    }
    return kept;
  }
}
