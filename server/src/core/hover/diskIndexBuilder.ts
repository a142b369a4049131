// Builds a DiskIndex (diskIndex.ts) as a file is read from disk in pieces: each piece's service
// lines as they come (in document order for an 837, grouped by claim for a CSV), then the
// findings once the whole file is checked; and the coding run that hands the builder every claim
// X12Stream gives it (IndexingRun).
import type { Claim, ClaimKind, Finding, ServiceLine } from '../model';
import type { LineSink } from '../csv/codedClaims';
import { detached, plainNumber } from '../text';
import { CodingRun, type CodingTables } from '../rules/codingRun';
import type { Knowledge } from '../rules/knowledge';
import type { AddOptions, StagedLines } from '../rules/serviceGroups';
import { noTableNote, tableForClaim } from '../rules/claimTables';
import { ClaimFrequencies, csvClaims, forceOfEntries } from './diskIndexForce';
import { U32 } from './u32Column';
import { lastAtOrBefore } from '../search';
import { DiskIndex, type KeptFinding, type Scope } from './diskIndex';
import { CRITICAL_ACCESS_HOSPITAL } from '../data/billTypes';

/** What lineSink puts in a row's table before finish sets it: its revenue code is a professional-fee one. */
const PROFESSIONAL_ROW = 1;

/**
 * The scopes of an index's claims, numbered (one byte an entry): the two tables, then each note
 * of a claim no table judges (the dental one, one for each facility type CMS does not edit).
 */
class Scopes {
  readonly list: Scope[] = [
    { table: 'practitioner', note: '' },
    { table: 'hospital', note: '' },
  ];
  private readonly numbers = new Map<string, number>();

  /** The number of the scope of a claim of this kind and facility type code. */
  of(kind: ClaimKind | null, facilityType: string | null): number {
    const table = tableForClaim(kind, facilityType);
    if (table !== null) return table === 'practitioner' ? 0 : 1;
    const note = noTableNote(kind, facilityType);
    let n = this.numbers.get(note);
    if (n === undefined) {
      n = this.list.length;
      this.list.push({ table: null, note });
      this.numbers.set(note, n);
    }
    return n;
  }
}

/** Codes longer than this are not indexed (no procedure code is; a code span this long is junk). */
const MAX_CODE_LENGTH = 0xffff;
const MAX_OFFSET = 0xffffffff;

/**
 * Collects the service lines of a file read in pieces, in any order (X12 pieces come in document
 * order; a CSV file's claims group rows that need not be adjacent), then takes its findings.
 */
export class DiskIndexBuilder {
  private count = 0;
  private readonly codeStart = new U32();
  private readonly codeLength = new U32();
  private readonly codeId = new U32();
  private readonly dateId = new U32();
  /** The scope of each entry's claim (Scopes). */
  private readonly table = new U32();
  private readonly scopes = new Scopes();
  private readonly claim = new U32();
  private readonly lineNumber = new U32();
  /** The whole service line (X12 the 2400 loop, CSV the row): findings starting in it are on it. Dropped by finish. */
  private readonly lineStart = new U32();
  private readonly lineEnd = new U32();
  private readonly codes: string[] = [];
  private readonly codeIds = new Map<string, number>();
  /** Date ranges by id; id 0 is no date. */
  private readonly dates: number[] = [0, 0];
  private readonly dateIds = new Map<number, number>();
  /** False once an entry starts before the one added before it (CSV): finish sorts them. */
  private ordered = true;
  /** The X12 claims' frequencies, claim ids and patients (add), for the hover's note on a superseded claim. */
  private readonly frequencies = new ClaimFrequencies();

  /** `x12`: lines are named "claim C, service line N"; else (CSV) "row N", as finding messages name them. */
  constructor(private readonly x12: boolean) {}

  /** Adds the lines of claims whose spans are relative to `base`. */
  add(claims: readonly Claim[], base = 0): void {
    for (const claim of claims) {
      this.frequencies.add(claim);
      const table = this.scopes.of(claim.kind, claim.facilityType ?? null);
      // A practitioner's line of a CAH's Method II bill: the practitioner table's scope (0).
      for (const line of claim.lines) this.addLine(claim.index, line.professional === true && table === 1 ? 0 : table, line, base);
    }
  }

  /**
   * A LineSink (csv/codedClaims.ts) for a CSV read in pieces: each line as it is read, its claim
   * by number. A claim's kind and type of bill may be named by a later row, so the tables are set
   * by finish's `claims`.
   */
  lineSink(): LineSink {
    // A row of a professional-fee revenue code is marked (PROFESSIONAL_ROW): on a CAH's bill, known by finish, it is the practitioner table's.
    return { line: (claim, line, base) => this.addLine(claim, line.professionalRevenue === true ? PROFESSIONAL_ROW : 0, line, base) };
  }

  private addLine(claim: number, table: number, line: ServiceLine, base: number): void {
    if (line.code === '') return;
    const start = line.codeSpan.start + base;
    const length = line.codeSpan.end - line.codeSpan.start;
    const lineEnd = line.span.end + base;
    if (length > MAX_CODE_LENGTH || lineEnd > MAX_OFFSET) return;
    const at = this.count++;
    if (at > 0 && start < this.codeStart.values[at - 1]!) this.ordered = false;
    this.codeStart.push(at, start);
    this.codeLength.push(at, length);
    this.codeId.push(at, this.internCode(line.code));
    this.dateId.push(at, line.dateOfService === null ? 0 : this.internDate(line.dateOfService.from, line.dateOfService.to));
    this.table.push(at, table);
    this.claim.push(at, claim);
    const written = plainNumber(line.lineNumber);
    this.lineNumber.push(at, written >= 0 && written <= MAX_OFFSET ? written : line.index + 1);
    this.lineStart.push(at, line.span.start + base);
    this.lineEnd.push(at, lineEnd);
  }

  private internCode(code: string): number {
    let id = this.codeIds.get(code);
    if (id === undefined) {
      id = this.codes.length;
      // A code read from a piece of a file: its own copy, not a slice that holds the piece.
      const own = detached(code);
      this.codes.push(own);
      this.codeIds.set(own, id);
    }
    return id;
  }

  private internDate(from: number, to: number): number {
    // CCYYMMDD numbers: from * 1e8 + to stays exact (under 2^53).
    const key = from * 1e8 + to;
    let id = this.dateIds.get(key);
    if (id === undefined) {
      id = this.dates.length / 2;
      this.dates.push(from, to);
      this.dateIds.set(key, id);
    }
    return id;
  }

  /**
   * The index, given every finding of the file (document offsets). The builder is spent. The
   * knowledge is the one the file was checked with: hovers describe codes by it. `claims`: the
   * kind and facility type of each claim by number, for lines given through lineSink: the
   * staged lines the coding run judged (CsvStreamResult.coded), so each hover names the table
   * the check used (an inpatient type of bill: none), and their frequencies, claim ids and
   * patients (whether a claim is superseded).
   */
  finish(findings: readonly Finding[], knowledge: Knowledge, claims?: Pick<StagedLines, 'kind' | 'facilityType' | 'frequency' | 'claimIds' | 'patientKey' | 'claimCount'>): DiskIndex {
    const n = this.count;
    if (claims !== undefined) {
      const numbers = this.claim.values;
      const tables = this.table.values;
      for (let i = 0; i < n; i++) {
        const facilityType = claims.facilityType(numbers[i]!);
        const scope = this.scopes.of(claims.kind(numbers[i]!), facilityType);
        // A practitioner's row of a critical access hospital's Method II bill: the practitioner table (claimTables.ts).
        tables[i] = tables[i] === PROFESSIONAL_ROW && scope === 1 && facilityType === CRITICAL_ACCESS_HOSPITAL ? 0 : scope;
      }
    }
    let order: Uint32Array | null = null;
    if (!this.ordered) {
      const starts = this.codeStart.values;
      order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
    }
    const take = <T extends Uint32Array | Uint16Array | Uint8Array>(column: U32, make: (length: number) => T): T => {
      const out = make(n);
      for (let i = 0; i < n; i++) out[i] = column.values[order === null ? i : order[i]!]!;
      return out;
    };
    const lineStart = take(this.lineStart, (length) => new Uint32Array(length));
    const claimNumbers = take(this.claim, (length) => new Uint32Array(length));
    const force = forceOfEntries(claimNumbers, claims === undefined ? this.frequencies.claims() : csvClaims(claims));
    const lineEnd = take(this.lineEnd, (length) => new Uint32Array(length));

    // Each finding on the line its span starts in; each related location on the line it is in.
    const kept: KeptFinding[] = [];
    const keptIndex = new Map<Finding, number>();
    const attached: { entry: number; finding: number; related: number }[] = [];
    const lineAt = (offset: number): number => {
      const entry = lastAtOrBefore(lineStart, offset, n);
      return entry >= 0 && offset <= lineEnd[entry]! ? entry : -1;
    };
    const keep = (finding: Finding): number => {
      let index = keptIndex.get(finding);
      if (index === undefined) {
        index = kept.length;
        kept.push({ rule: finding.rule, severity: finding.severity, message: finding.message, related: (finding.related ?? []).map((r) => r.message) });
        keptIndex.set(finding, index);
      }
      return index;
    };
    for (const finding of findings) {
      const own = lineAt(finding.span.start);
      if (own >= 0) attached.push({ entry: own, finding: keep(finding), related: -1 });
      finding.related?.forEach((related, index) => {
        // A line of another file of a run is none of this file's.
        if (related.file !== undefined) return;
        const entry = lineAt(related.span.start);
        if (entry >= 0 && entry !== own) attached.push({ entry, finding: keep(finding), related: index });
      });
    }
    attached.sort((a, b) => a.entry - b.entry || a.finding - b.finding);

    return new DiskIndex({
      x12: this.x12,
      knowledge,
      codeStart: take(this.codeStart, (length) => new Uint32Array(length)),
      codeLength: take(this.codeLength, (length) => new Uint16Array(length)),
      codeId: take(this.codeId, (length) => new Uint32Array(length)),
      dateId: take(this.dateId, (length) => new Uint32Array(length)),
      table: take(this.table, (length) => new Uint8Array(length)),
      scopes: this.scopes.list,
      claim: claimNumbers,
      force,
      lineNumber: take(this.lineNumber, (length) => new Uint32Array(length)),
      codes: this.codes,
      dates: Uint32Array.from(this.dates),
      findings: kept,
      attachedEntry: Uint32Array.from(attached, (a) => a.entry),
      attachedFinding: Uint32Array.from(attached, (a) => a.finding),
      attachedRelated: Int32Array.from(attached, (a) => a.related),
    });
  }
}

/**
 * A coding run that also hands every claim it is given to an index builder: X12Stream gives its
 * coding run each piece's claims (with the piece's offset) before dropping them, so a stream
 * made with this run as its shared run builds the index as it reads. As a shared run, the stream
 * leaves its findings to the caller (findings()).
 */
export class IndexingRun extends CodingRun {
  constructor(
    tables: CodingTables,
    private readonly builder: DiskIndexBuilder,
  ) {
    super(tables);
  }

  // Not named like CodingRun.add's parameters: test/fuzz/fault-injection.cjs finds that method by its text.
  override add(claims: readonly Claim[], options: Omit<AddOptions, 'keep'>): void {
    this.builder.add(claims, options.base ?? 0);
    super.add(claims, options);
  }
}
