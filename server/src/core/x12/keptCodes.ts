// Whether the coding run keeps a service line, by its code and the table its claim is judged by:
// a big file asks for every line, of a few hundred codes, so each answer is asked of the run once
// per code and table. The answers for codes ProcedureReader numbers (nearly all) are in slots by
// that number, like its own codes; the others in a map.
import type { PtpTableKind } from '../model';
import { CODE_SLOTS, codeSlot } from './procedure';

export class KeptCodes {
  private readonly kept = new Map<string, boolean>();
  private readonly keptKeys = new Int32Array(CODE_SLOTS).fill(-1);
  private readonly keptAnswers = new Uint8Array(CODE_SLOTS);
  /** The table the answers are for (they are forgotten when the table changes). */
  private keptTable: PtpTableKind | null | undefined = undefined;

  /** keep(code, table), asked once per code and table; `key`: the code's ProcedureReader.codeKey. */
  keeps(keep: (code: string, table: PtpTableKind | null) => boolean, code: string, key: number, table: PtpTableKind | null): boolean {
    if (table !== this.keptTable) {
      this.kept.clear();
      this.keptKeys.fill(-1);
      this.keptTable = table;
    }
    if (key >= 0) {
      const slot = codeSlot(key);
      if (this.keptKeys[slot] === key) return this.keptAnswers[slot] === 1;
      const answer = keep(code, table);
      this.keptKeys[slot] = key;
      this.keptAnswers[slot] = answer ? 1 : 0;
      return answer;
    }
    let kept = this.kept.get(code);
    if (kept === undefined) {
      if (this.kept.size >= 100000) this.kept.clear();
      kept = keep(code, table);
      this.kept.set(code, kept);
    }
    return kept;
  }
}
