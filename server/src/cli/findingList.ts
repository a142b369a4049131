// The findings of a big file held until its report is written, as numbers and bytes rather than
// objects: a finding object with its span, codes, related line and message took about 1 KB of the
// JavaScript heap (a million-row claim CSV has tens of thousands), which grew on top of memory the
// file's reading had just given back. Here a finding is a row of typed arrays and its message
// packed in bytes (packedMessages.ts), its data as numbers where it can be (findingData.ts); rules,
// severities, code lists and related messages repeat and are held once each. Each finding is made
// again, one at a time, when the report reads it.

import type { Finding, RelatedLocation } from '../core/model';
import { FindingDataList } from './findingData';
import { PackedMessages } from './packedMessages';

/** Rows of the first arrays (they grow by half). */
const INITIAL_ROWS = 256;

/** Values numbered in the order first seen (each held once). */
class Numbered<T> {
  private readonly numbers = new Map<string, number>();
  readonly values: T[] = [];

  numberOf(key: string, value: T): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.values.length;
      this.numbers.set(key, n);
      this.values.push(value);
    }
    return n;
  }
}

export class FindingList implements Iterable<Finding> {
  private count = 0;
  private capacity = INITIAL_ROWS;
  private starts = new Uint32Array(INITIAL_ROWS);
  private ends = new Uint32Array(INITIAL_ROWS);
  /** Rule and severity, by number in `heads`. */
  private headOf = new Uint32Array(INITIAL_ROWS);
  /** Codes, by number in `codeLists` (0: none). */
  private codesOf = new Uint32Array(INITIAL_ROWS);
  /** The finding's related locations: rows [relatedFrom[i], relatedFrom[i + 1]) of the related arrays. */
  private relatedFrom = new Uint32Array(INITIAL_ROWS + 1);
  /** Where the message is written in `messages`. */
  private messageAt = new Uint32Array(INITIAL_ROWS);
  /** Whether the finding has a related list (possibly empty), as it was given. */
  private hasRelated = new Uint8Array(INITIAL_ROWS);

  private relatedCount = 0;
  private relatedStarts = new Uint32Array(INITIAL_ROWS);
  private relatedEnds = new Uint32Array(INITIAL_ROWS);
  private relatedMessageOf = new Uint32Array(INITIAL_ROWS);
  /** RelatedLocation.file, -1 for the finding's own file. */
  private relatedFiles = new Int32Array(INITIAL_ROWS);

  private readonly heads = new Numbered<{ rule: string; severity: Finding['severity'] }>();
  /** The head number of the finding added last (-1: none yet). */
  private lastHead = -1;
  private readonly codeLists = new Numbered<readonly string[] | undefined>();
  private readonly relatedMessages = new Numbered<string>();
  private readonly messages = new PackedMessages();
  private readonly data = new FindingDataList();
  /** The order findings are read in (sortByPosition); null: as added. */
  private order: Uint32Array | null = null;

  constructor() {
    this.codeLists.numberOf('', undefined);
  }

  get length(): number {
    return this.count;
  }

  add(finding: Finding): void {
    const i = this.count;
    if (i === this.capacity) this.grow();
    this.starts[i] = finding.span.start;
    this.ends[i] = finding.span.end;
    this.headOf[i] = this.headNumber(finding);
    const codes = finding.codes;
    this.codesOf[i] = codes === undefined ? 0 : this.codeLists.numberOf(`[${codes.join('\u0000')}`, codes.slice());
    this.hasRelated[i] = finding.related === undefined ? 0 : 1;
    for (const related of finding.related ?? []) this.addRelated(related);
    this.relatedFrom[i + 1] = this.relatedCount;
    this.messageAt[i] = this.messages.add(finding.message);
    this.data.add(finding.data);
    this.count = i + 1;
    this.order = null;
  }

  /** Forgets the findings added after the first `count` (a check that failed part way). */
  truncate(count: number): void {
    if (count >= this.count) return;
    this.count = count;
    this.data.truncate(count);
    this.relatedCount = this.relatedFrom[count]!;
    this.order = null;
  }

  /** From now on the findings are read in document order: a stable sort by start, as byPosition sorts. */
  sortByPosition(): void {
    const starts = this.starts;
    const order = new Uint32Array(this.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => starts[a]! - starts[b]! || a - b);
    this.order = order;
  }

  /** Every offset the findings point at (span and related spans, start and end), as offsetsOf gives them. */
  offsets(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) {
      out.push(this.starts[i]!, this.ends[i]!);
      // Offsets in this file only (a related location in another file is that file's to place).
      for (let r = this.relatedFrom[i]!; r < this.relatedFrom[i + 1]!; r++) if (this.relatedFiles[r] === -1) out.push(this.relatedStarts[r]!, this.relatedEnds[r]!);
    }
    return out;
  }

  /** Adds each finding's severity to its count, as counting the findings read one by one would. */
  countSeverities(counts: Record<Finding['severity'], number>): void {
    for (let i = 0; i < this.count; i++) counts[this.heads.values[this.headOf[i]!]!.severity]++;
  }

  /** The findings of one rule, made from their numbers (the others are not made). */
  *ofRule(rule: string): Generator<Finding> {
    for (let i = 0; i < this.count; i++) if (this.heads.values[this.headOf[i]!]!.rule === rule) yield this.made(i);
  }

  *[Symbol.iterator](): Iterator<Finding> {
    for (let k = 0; k < this.count; k++) yield this.made(this.order === null ? k : this.order[k]!);
  }

  /** Finding i as it was given. */
  private made(i: number): Finding {
    const head = this.heads.values[this.headOf[i]!]!;
    const finding: Finding = { rule: head.rule, severity: head.severity, message: this.messages.get(this.messageAt[i]!), span: { start: this.starts[i]!, end: this.ends[i]! } };
    const codes = this.codeLists.values[this.codesOf[i]!];
    if (codes !== undefined) finding.codes = codes.slice();
    if (this.hasRelated[i] === 1) {
      const related: RelatedLocation[] = [];
      for (let r = this.relatedFrom[i]!; r < this.relatedFrom[i + 1]!; r++) {
        const one: RelatedLocation = { span: { start: this.relatedStarts[r]!, end: this.relatedEnds[r]! }, message: this.relatedMessages.values[this.relatedMessageOf[r]!]! };
        if (this.relatedFiles[r] !== -1) one.file = this.relatedFiles[r]!;
        related.push(one);
      }
      finding.related = related;
    }
    const data = this.data.get(i);
    if (data !== undefined) finding.data = data;
    return finding;
  }

  /** The number of the finding's rule and severity (findings come in runs of one rule). */
  private headNumber(finding: Finding): number {
    const last = this.lastHead;
    if (last >= 0) {
      const head = this.heads.values[last]!;
      if (head.rule === finding.rule && head.severity === finding.severity) return last;
    }
    return (this.lastHead = this.heads.numberOf(`${finding.rule}\u0000${finding.severity}`, { rule: finding.rule, severity: finding.severity }));
  }

  private addRelated(related: RelatedLocation): void {
    const r = this.relatedCount;
    if (r === this.relatedStarts.length) {
      const size = Math.ceil(r * 1.5);
      this.relatedStarts = grown(this.relatedStarts, size);
      this.relatedEnds = grown(this.relatedEnds, size);
      this.relatedMessageOf = grown(this.relatedMessageOf, size);
      this.relatedFiles = grown(this.relatedFiles, size);
    }
    this.relatedStarts[r] = related.span.start;
    this.relatedEnds[r] = related.span.end;
    this.relatedMessageOf[r] = this.relatedMessages.numberOf(related.message, related.message);
    this.relatedFiles[r] = related.file ?? -1;
    this.relatedCount = r + 1;
  }

  private grow(): void {
    const size = Math.ceil(this.capacity * 1.5);
    this.capacity = size;
    this.starts = grown(this.starts, size);
    this.ends = grown(this.ends, size);
    this.headOf = grown(this.headOf, size);
    this.codesOf = grown(this.codesOf, size);
    this.relatedFrom = grown(this.relatedFrom, size + 1);
    this.messageAt = grown(this.messageAt, size);
    this.hasRelated = grown(this.hasRelated, size);
  }
}

function grown<T extends Uint8Array | Uint32Array | Int32Array>(from: T, size: number): T {
  const into = new (from.constructor as new (length: number) => T)(size);
  into.set(from);
  return into;
}
