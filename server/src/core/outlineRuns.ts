// What one claim symbol of the outline covers: a whole claim, or one run of a CSV claim's rows.
//
// A symbol covers one claim's text only. A CSV claim collects the rows of its claim id wherever
// they sit, so its rows may have another claim's between them (an export sorted by claim id and
// line alternates an original and its replacement, "A1 (replacement)"): such a claim is shown as
// one symbol per run of its rows, the later ones "(continued)", so neither a symbol (breadcrumbs)
// nor a fold holds a row of another claim.
import type { Claim, ParsedDocument, ServiceLine, Span } from './model';
import { lineCountOf } from './x12/serviceLine837';

/** The text one claim symbol covers: a whole claim, or one run of a CSV claim's rows. */
export interface ClaimPart {
  readonly claim: Claim;
  readonly span: Span;
  /** A later run of the claim's rows (another claim's rows come before it). */
  readonly continued: boolean;
  readonly lineCount: number;
  /** The claim's lines in this part, made when asked: a huge file's bounded outline shows none. */
  lines(): readonly ServiceLine[];
}

class WholeClaim implements ClaimPart {
  readonly continued = false;
  constructor(readonly claim: Claim) {}
  get span(): Span {
    return this.claim.span;
  }
  get lineCount(): number {
    return lineCountOf(this.claim);
  }
  lines(): readonly ServiceLine[] {
    return this.claim.lines;
  }
}

/**
 * Each claim as one part, in document order, save a CSV claim whose rows have another claim's
 * between them: one part per run of its rows. An 837 claim is one stretch of segments (CLM
 * through its last), and so is nearly every CSV claim: the rows are sorted, as numbers, only when
 * two claims' spans overlap, and a run keeps where it starts and ends among them, its lines made
 * when asked (an export of 800,000 rows, each a run of its own: about 0.5 s, against 0.2 s when
 * no claims interleave).
 */
export function claimParts(doc: ParsedDocument): ClaimPart[] {
  const claims = doc.claims;
  if (doc.format !== 'csv') return claims.map((claim) => new WholeClaim(claim));
  let apart = true;
  for (let i = 1; i < claims.length && apart; i++) apart = claims[i]!.span.start >= claims[i - 1]!.span.end;
  if (apart) return claims.map((claim) => new WholeClaim(claim));

  const rows = sortedRows(claims);
  const parts: ClaimPart[] = [];
  const seen = new Uint8Array(claims.length);
  const { order, claimOf } = rows;
  for (let i = 0; i < order.length; ) {
    const c = claimOf[order[i]!]!;
    let j = i + 1;
    while (j < order.length && claimOf[order[j]!] === c) j++;
    parts.push(new RowRun(claims[c]!, seen[c] === 1, rows, i, j));
    seen[c] = 1;
    i = j;
  }
  return parts;
}

/** Every row of a CSV's claims, `order` by where they start. */
interface SortedRows {
  order: Uint32Array;
  starts: Float64Array;
  ends: Float64Array;
  /** The row's claim (index in doc.claims) and line (index in its lines; -1 for a claim without lines, a row of its own). */
  claimOf: Int32Array;
  lineOf: Int32Array;
}

function sortedRows(claims: readonly Claim[]): SortedRows {
  let count = 0;
  for (const claim of claims) count += Math.max(1, claim.lines.length);
  const rows: SortedRows = { order: new Uint32Array(count), starts: new Float64Array(count), ends: new Float64Array(count), claimOf: new Int32Array(count), lineOf: new Int32Array(count) };
  let row = 0;
  claims.forEach((claim, c) => {
    const lines = claim.lines;
    for (let l = 0; l < Math.max(1, lines.length); l++, row++) {
      // A CSV claim's span is its rows' own text (no line break): a run's too.
      const span = l < lines.length ? lines[l]!.recordSpan : claim.span;
      rows.starts[row] = span.start;
      rows.ends[row] = span.end;
      rows.claimOf[row] = c;
      rows.lineOf[row] = l < lines.length ? l : -1;
      rows.order[row] = row;
    }
  });
  const starts = rows.starts;
  rows.order.sort((a, b) => starts[a]! - starts[b]!);
  return rows;
}

/** A run of a CSV claim's rows: `from` to `to` (exclusive) in the sorted rows. */
class RowRun implements ClaimPart {
  constructor(
    readonly claim: Claim,
    readonly continued: boolean,
    private readonly rows: SortedRows,
    private readonly from: number,
    private readonly to: number,
  ) {}

  get span(): Span {
    const { order, starts, ends } = this.rows;
    return { start: starts[order[this.from]!]!, end: ends[order[this.to - 1]!]! };
  }

  get lineCount(): number {
    let n = 0;
    for (let i = this.from; i < this.to; i++) if (this.rows.lineOf[this.rows.order[i]!]! >= 0) n++;
    return n;
  }

  lines(): readonly ServiceLine[] {
    const { order, lineOf } = this.rows;
    const lines: ServiceLine[] = [];
    for (let i = this.from; i < this.to; i++) {
      const l = lineOf[order[i]!]!;
      if (l >= 0) lines.push(this.claim.lines[l]!);
    }
    return lines;
  }
}
