// A service line's procedure composite (SV101 HC:code:mod1..mod4, SV202, SV301), read for the
// 837 reader (parse837.ts) from offsets: its qualifier, code and modifiers, and the shape problems
// of the code. What it read stays in fields (this runs for every line of huge files); spans and
// modifiers are made only for a line that is built. A big file repeats a few hundred codes, so
// the code strings and their problems are kept per code.
import type { SharedModifiers } from '../codedLines';
import type { Finding, Modifier, Span } from '../model';
import type { ElementReader } from './elementReader';
import type { X12SegmentIndex } from './segment-index';
import type { LineColumns } from './lineColumns';
import { NO_MODIFIERS, procedureCodeProblem, readsAsCode, shownCode } from './values';
import { codeAt, sliceOf, type Source } from './source';
import type { ShortStrings } from './shortStrings';

/** Slots of ProcedureReader's code cache (a power of 2): a file's few hundred codes seldom share one. */
export const CODE_SLOTS = 4096;

/** The slot of a code by its number (ProcedureReader.codeKey), in [0, CODE_SLOTS). */
export function codeSlot(key: number): number {
  return (key ^ (key >>> 12)) & (CODE_SLOTS - 1);
}

/** SV101-3..SV101-6: the four modifier positions of a procedure composite (0-based component indexes). */
const FIRST_MODIFIER_COMPONENT = 2;
const LAST_MODIFIER_COMPONENT = 5;

/** Where the reader's findings go. */
export type ReportFinding = (rule: string, severity: Finding['severity'], message: string, span: Span, extra?: Partial<Finding>) => void;

export class ProcedureReader {
  /** The composite read last: qualifier (null when empty), code ('' when none) and the code's offsets. */
  qualifier: string | null = null;
  code = '';
  codeStart = 0;
  codeEnd = 0;
  /** The composite, its number of components (0 when it is empty or absent) and their separator. */
  private start = 0;
  private end = 0;
  private components = 0;
  private separator = '';
  private text: Source = '';

  /** Scratch space for the components of a procedure composite (qualifier, code, 4 modifiers, description...). */
  private readonly componentStarts = new Int32Array(8);
  private readonly componentEnds = new Int32Array(8);

  /** Element `element` of segment s (el has it selected): the composite, into the fields above. */
  read(ix: X12SegmentIndex, el: ElementReader, s: number, element: number, report: ReportFinding): void {
    const text = ix.source;
    this.text = text;
    const start = el.start(element);
    if (start < 0 || el.end(element) === start) {
      const at = start < 0 ? ix.table.segmentEnd[s]! : start;
      this.qualifier = null;
      this.code = '';
      this.codeKey = -1;
      this.codeStart = this.codeEnd = at;
      this.components = 0;
      return;
    }
    const end = el.end(element);
    const separator = ix.delimitersOf(s).component;
    // Component boundaries in a scratch array: starts[c] and ends[c] for c < count.
    const starts = this.componentStarts;
    const ends = this.componentEnds;
    const separatorCode = separator.charCodeAt(0);
    let count = 0;
    starts[0] = start;
    for (let at = start; at < end; at++) {
      if (codeAt(text, at) === separatorCode) {
        if (count + 1 < starts.length) {
          ends[count] = at;
          starts[count + 1] = at + 1;
        }
        count++;
      }
    }
    if (count + 1 <= starts.length) ends[count] = end;
    count++;

    let qualifierStart = starts[0]!;
    let qualifierEnd = ends[0]!;
    while (qualifierStart < qualifierEnd && codeAt(text, qualifierStart) === 32) qualifierStart++;
    while (qualifierEnd > qualifierStart && codeAt(text, qualifierEnd - 1) === 32) qualifierEnd--;
    const qualifier = qualifierEnd > qualifierStart ? qualifierText(text, qualifierStart, qualifierEnd) : null;
    let codeStart = ends[0]!;
    let codeEnd = codeStart;
    if (count > 1) {
      codeStart = starts[1]!;
      codeEnd = ends[1]!;
      while (codeStart < codeEnd && codeAt(text, codeStart) === 32) codeStart++;
      while (codeEnd > codeStart && codeAt(text, codeEnd - 1) === 32) codeEnd--;
    }
    const code = this.codeText(text, codeStart, codeEnd);

    if (qualifier !== null) {
      // Named only for a finding: a well-formed line makes no strings here.
      if (code === '') {
        // Qualifiers are two characters; a longer first component usually means the file uses
        // another component separator than the one its ISA16 declares.
        const name = elementNameOf(ix, s, element);
        const shownQualifier = shownCode(qualifier);
        const message =
          count === 1 && qualifier.length > 2
            ? `${name} has no procedure code: it contains no component separator '${separator}' (ISA16) after its qualifier; the file may use another component separator than ISA16 declares`
            : shownQualifier.startsWith("'")
              ? `${name} has qualifier ${shownQualifier} but no procedure code`
              : `${name} has a qualifier that is not a code and no procedure code`;
        report('x12.procedure-code-invalid', 'warning', message, { start, end });
      } else {
        const problem = this.codeProblem(qualifier, code);
        // A finding's codes go into the JSON and SARIF reports as written: a value that is no code
        // (a name or an id shifted into the element) stays out of them, as the message describes it.
        if (problem !== null) report('x12.procedure-code-invalid', 'warning', `${elementNameOf(ix, s, element)}: ${problem}`, { start: codeStart, end: codeEnd }, readsAsCode(code) ? { codes: [code] } : undefined);
      }
    }
    this.qualifier = qualifier;
    this.code = code;
    this.codeStart = codeStart;
    this.codeEnd = codeEnd;
    this.start = start;
    this.end = end;
    this.components = count;
    this.separator = separator;
  }

  /**
   * Nearly every SV101 is HC:ccccc with up to four modifiers (ccccc five digits or capitals, a code
   * without a problem): such a composite, starting at `start` and ended by the element separator
   * `element` before `segmentEnd`, is read in one pass over its characters into the fields read()
   * fills (no finding to report), and the separator's offset returned; anything else returns -1
   * and is left to read(). `separator`: the component separator (ISA16).
   */
  readHc(text: Source, start: number, segmentEnd: number, element: number, separator: string): number {
    const separatorCode = separator.charCodeAt(0);
    const codeStart = start + 3;
    const codeEnd = start + 8;
    if (separatorCode === element || codeEnd >= segmentEnd || codeAt(text, start) !== 72 || codeAt(text, start + 1) !== 67 || codeAt(text, start + 2) !== separatorCode) return -1;
    const starts = this.componentStarts;
    const ends = this.componentEnds;
    starts[0] = start;
    ends[0] = start + 2;
    starts[1] = codeStart;
    let count = 1;
    let at = codeStart;
    // The code: five digits or capitals, then the modifiers' components up to the element separator.
    for (; at < codeEnd; at++) {
      const c = codeAt(text, at);
      if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) || c === separatorCode || c === element) return -1;
    }
    for (; at < segmentEnd; at++) {
      const c = codeAt(text, at);
      if (c === element) break;
      if (c === separatorCode) {
        // At most the qualifier, the code and four modifiers (the scratch arrays hold 8).
        if (count === 5) return -1;
        ends[count] = at;
        starts[++count] = at + 1;
      } else if (count === 1) return -1;
    }
    if (at >= segmentEnd) return -1;
    ends[count] = at;
    count++;
    const code = this.codeText(text, codeStart, codeEnd);
    if (this.codeProblem('HC', code) !== null) return -1;
    this.text = text;
    this.qualifier = 'HC';
    this.code = code;
    this.codeStart = codeStart;
    this.codeEnd = codeEnd;
    this.start = start;
    this.end = at;
    this.components = count;
    this.separator = separator;
    return at;
  }

  /**
   * The modifiers of the composite read last (its components are still in the scratch arrays);
   * with `shared`, as one shared object per value (a line kept for the coding checks alone). Their
   * values are the table's (`strings`): a file writes a few dozen modifiers.
   */
  modifiers(strings: ShortStrings, shared?: SharedModifiers): Modifier[] {
    const text = this.text;
    let modifiers = NO_MODIFIERS;
    const lastModifier = Math.min(this.components - 1, LAST_MODIFIER_COMPONENT);
    for (let c = FIRST_MODIFIER_COMPONENT; c <= lastModifier; c++) {
      const span = trimmedSpan(text, this.componentStarts[c]!, this.componentEnds[c]!);
      if (span.end > span.start) {
        if (modifiers === NO_MODIFIERS) modifiers = [];
        const value = strings.of(text, span.start, span.end);
        modifiers.push(shared ? shared.get(value) : { value, span });
      }
    }
    // Exact size (one to four): an array grown by push() keeps room for 17. As array literals, which
    // V8 allocates in the old generation once their site's arrays are seen to live on (a line keeps
    // them), so that no scavenge copies them (see ServiceLines837.takeLines).
    const m = modifiers;
    switch (m.length) {
      case 0: return NO_MODIFIERS;
      case 1: return [m[0]!];
      case 2: return [m[0]!, m[1]!];
      case 3: return [m[0]!, m[1]!, m[2]!];
      default: return m.slice();
    }
  }

  /** Where a modifier goes in the composite read last, into row `row` of `columns` (nothing when it has no code). */
  insertInto(columns: LineColumns, row: number): void {
    if (this.code === '') return;
    columns.setComposite(row, this.start, this.end, this.components, this.separator);
  }

  /**
   * The modifiers of the composite read last, into row `row` of `columns` (the row made last):
   * their values the table's (`strings`), as modifiers() gives them, their spans as offsets.
   */
  modifiersInto(strings: ShortStrings, columns: LineColumns, row: number): void {
    const text = this.text;
    const lastModifier = Math.min(this.components - 1, LAST_MODIFIER_COMPONENT);
    for (let c = FIRST_MODIFIER_COMPONENT; c <= lastModifier; c++) {
      const span = trimmedSpan(text, this.componentStarts[c]!, this.componentEnds[c]!);
      if (span.end > span.start) columns.addModifier(row, strings.of(text, span.start, span.end), span.start, span.end);
    }
  }

  // The codes a file repeats, and their problems, kept per code: the five-character codes of
  // digits and capitals (nearly every line's) in slots by their number, and the HC problem of
  // each beside it (nearly every line says HC), so that a line costs no Map lookup; any other
  // code or qualifier in Maps. A code whose slot another code took is made again, the same string.
  private readonly slotKeys = new Int32Array(CODE_SLOTS).fill(-1);
  private readonly slotCodes: string[] = new Array<string>(CODE_SLOTS).fill('');
  /** The HC problem of the slot's code: undefined until it is found. */
  private readonly slotProblems: (string | null | undefined)[] = new Array<string | null | undefined>(CODE_SLOTS).fill(undefined);
  /** The slot of the code read last, or -1 when it has none. */
  private slot = -1;
  /**
   * The code read last as a number (a five-character code of digits and capitals, each digit or
   * letter a base-36 digit), or -1 when it is no such code: callers that keep something per code
   * look it up by this (codeSlot).
   */
  codeKey = -1;
  private readonly problems = new Map<string, Map<string, string | null>>();

  /** procedureCodeProblem(qualifier, code), found once per qualifier and code. */
  private codeProblem(qualifier: string, code: string): string | null {
    const slot = this.slot;
    if (qualifier === 'HC' && slot >= 0) {
      let problem = this.slotProblems[slot];
      if (problem === undefined) this.slotProblems[slot] = problem = procedureCodeProblem(qualifier, code);
      return problem;
    }
    let byCode = this.problems.get(qualifier);
    if (byCode === undefined) {
      if (this.problems.size >= 64) this.problems.clear();
      byCode = new Map();
      this.problems.set(qualifier, byCode);
    }
    let problem = byCode.get(code);
    if (problem === undefined) {
      if (byCode.size >= 100000) byCode.clear();
      problem = procedureCodeProblem(qualifier, code);
      byCode.set(code, problem);
    }
    return problem;
  }

  /** text[start, end): one shared string per five-character code of digits and capitals (see slotKeys); sets slot. */
  private codeText(text: Source, start: number, end: number): string {
    this.slot = -1;
    this.codeKey = -1;
    if (end - start !== 5) return sliceOf(text, start, end);
    let key = 0;
    for (let at = start; at < end; at++) {
      const c = codeAt(text, at);
      const digit = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : -1;
      if (digit < 0) return sliceOf(text, start, end);
      // Below 36 ** 5, so an int32 all along.
      key = (key * 36 + digit) | 0;
    }
    const slot = codeSlot(key);
    this.slot = slot;
    this.codeKey = key;
    if (this.slotKeys[slot] === key) return this.slotCodes[slot]!;
    const code = sliceOf(text, start, end);
    this.slotKeys[slot] = key;
    this.slotCodes[slot] = code;
    this.slotProblems[slot] = undefined;
    return code;
  }
}

/** How a finding names element `element` of segment `s` (SV101, SV202...). */
function elementNameOf(ix: X12SegmentIndex, s: number, element: number): string {
  return `${ix.segmentId(s)}-${String(element).padStart(2, '0')}`;
}

/** Nearly every line says HC or AD: one shared string each instead of one per line. */
function qualifierText(text: Source, start: number, end: number): string {
  if (end - start === 2) {
    const first = codeAt(text, start);
    const second = codeAt(text, start + 1);
    if (first === 72 && second === 67) return 'HC';
    if (first === 65 && second === 68) return 'AD';
  }
  return sliceOf(text, start, end);
}

/** The span of text[start, end) without leading and trailing spaces. */
function trimmedSpan(text: Source, start: number, end: number): Span {
  let from = start;
  let to = end;
  while (from < to && codeAt(text, from) === 32) from++;
  while (to > from && codeAt(text, to - 1) === 32) to--;
  return { start: from, end: to };
}
