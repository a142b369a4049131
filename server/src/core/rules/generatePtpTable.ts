// Synthetic PTP tables in the CMS quarterly layout, for tests and benchmarks. Deterministic for a
// seed. Every pair is unique, except that about 12% of pairs have two rows whose date windows do
// not overlap (an edit that was deleted and re-added), like the real tables' history rows.

/** mulberry32: small, fast, good enough for test data. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rationales as they appear in the public CMS tables. */
const RATIONALES = [
  'Misuse of column two code with column one code',
  'Mutually exclusive procedures',
  'Standards of medical / surgical practice',
  'CPT Manual or CMS manual coding instructions',
  'CPT separate procedure definition',
  'HCPCS/CPT procedure code definition',
  'More extensive procedure',
  'Anesthesia service included in surgical procedure',
  'Gender-specific procedures',
  'Laboratory panel',
  'Sequential procedure',
];

const EFFECTIVE_DATES = [
  19960101, 19970101, 20000101, 20020401, 20050101, 20080701, 20100101, 20120401, 20140101, 20160101, 20180701,
  20200101, 20220401, 20240101,
];

/** The header CMS wraps over several lines under a copyright line and a title. */
export const CMS_PREAMBLE_LINES = [
  'CPT codes, descriptions and other data only are copyright 2024 American Medical Association. All Rights Reserved.',
  'Column 1/Column 2 Edits (synthetic table for tests)',
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '\t\tprior to 1996\tDate\tDate\t0=not allowed\t',
  '\t\t\t\t*=no data\t1=allowed\t',
  '\t\t\t\t\t9=not applicable\t',
];

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function codePool(random: () => number): string[] {
  const codes = new Set<string>();
  for (let n = 10000; n <= 99999; n++) if (random() < 0.14) codes.add(String(n));
  const letters = 'AGJQLEK';
  while (codes.size < 14000) {
    codes.add(`${letters[Math.floor(random() * letters.length)]}${String(Math.floor(random() * 10000)).padStart(4, '0')}`);
  }
  for (let i = 0; i < 300; i++) codes.add(`${String(Math.floor(random() * 1000)).padStart(4, '0')}${random() < 0.7 ? 'T' : 'U'}`);
  return [...codes].sort();
}

/**
 * Yields `rows` rows as CMS fields: column 1, column 2, `*` or empty, effective, deletion or `*`,
 * modifier indicator, rationale. Rows come grouped by column 1, as in the CMS files.
 */
export function* generatePtpRows(rows: number, seed: number): Generator<string[]> {
  const random = randomSource(seed);
  const pool = codePool(random);
  const size = pool.length;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const indicator = () => {
    const r = random();
    return r < 0.85 ? '1' : r < 0.98 ? '0' : '9';
  };
  let emitted = 0;
  for (let c = 0; c < size && emitted < rows; c++) {
    const columnOne = pool[c]!;
    const remaining = rows - emitted;
    const codesLeft = size - c;
    let budget = c === size - 1 ? remaining : Math.max(1, Math.round((remaining / codesLeft) * (0.5 + random())));
    budget = Math.min(budget, remaining);
    let stride = 1 + Math.floor(random() * (size - 1));
    while (gcd(stride, size) !== 1) stride++;
    let position = Math.floor(random() * size);
    for (let pairs = 0; budget > 0; pairs++) {
      if (pairs >= size - 1) throw new Error(`cannot generate ${rows} distinct rows from ${size} codes`);
      position = (position + stride) % size;
      if (position === c) position = (position + stride) % size;
      const columnTwo = pool[position]!;
      const effective = pick(EFFECTIVE_DATES);
      const preexisting = effective === 19960101 ? '*' : '';
      const effectiveYear = Math.floor(effective / 10000);
      if (budget >= 2 && effectiveYear < 2023 && random() < 0.12) {
        // Deleted at the end of a year and re-added the next day with its own indicator.
        const deletionYear = effectiveYear + 1 + Math.floor(random() * (2023 - effectiveYear));
        yield [columnOne, columnTwo, preexisting, String(effective), `${deletionYear}1231`, indicator(), pick(RATIONALES)];
        yield [columnOne, columnTwo, '', `${deletionYear + 1}0101`, '*', indicator(), pick(RATIONALES)];
        budget -= 2;
        emitted += 2;
      } else {
        const deleted = effectiveYear < 2024 && random() < 0.08;
        const deletion = deleted ? `${effectiveYear + 1 + Math.floor(random() * (2024 - effectiveYear))}0630` : '*';
        yield [columnOne, columnTwo, preexisting, String(effective), deletion, indicator(), pick(RATIONALES)];
        budget--;
        emitted++;
      }
    }
  }
}

/** A whole table in the CMS text layout (preamble, tab-separated, CRLF). */
export function generatePtpTable(rows: number, seed: number, preamble: readonly string[] = CMS_PREAMBLE_LINES): string {
  const chunks: string[] = [];
  let chunk: string[] = [...preamble];
  for (const fields of generatePtpRows(rows, seed)) {
    chunk.push(fields.join('\t'));
    if (chunk.length === 10000) {
      chunks.push(chunk.join('\r\n'));
      chunk = [];
    }
  }
  if (chunk.length > 0) chunks.push(chunk.join('\r\n'));
  return chunks.join('\r\n') + '\r\n';
}
