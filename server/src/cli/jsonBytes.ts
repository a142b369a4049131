// The JSON report's findings written straight as UTF-8 bytes (reportJson.ts writes the report
// around them): a reused buffer handed on about 64 KB at a time, and each finding's text from
// parts made once, byte for byte what JSON.stringify(finding, null, 2) prints at its depth.
import type { Finding, Span } from '../core/model';
import type { Positions } from './positions';
import { otherFileOf } from '../core/relatedLocations';
import type { Describe, OtherFiles, Write } from './reporter';
import { ncciFieldsOf } from './ncciFields';

/**
 * The report's text as UTF-8 bytes, written into one buffer that is reused and handed on as a
 * string about 64 KB at a time: a finding's text was dozens of short strings joined (each join a
 * string of its own for the garbage collector, about 2.5 KB a finding) and then copied flat.
 */
export class ByteText {
  private bytes = Buffer.allocUnsafe(131072);
  private used = 0;

  constructor(private readonly write: Write) {}

  /** Bytes made once (fixed parts, quoted strings that repeat). */
  raw(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.bytes.length) this.grow(bytes.length);
    this.bytes.set(bytes, this.used);
    this.used += bytes.length;
  }

  text(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.used + 3 * text.length > this.bytes.length) this.grow(3 * text.length);
    this.used += this.bytes.write(text, this.used, 'utf8');
  }

  /** A non-negative integer below 2^32, in decimal. */
  integer(value: number): void {
    if (this.used + 10 > this.bytes.length) this.grow(10);
    const bytes = this.bytes;
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = this.used + digits;
    this.used = at;
    do {
      bytes[--at] = 48 + (value % 10);
      value = Math.floor(value / 10);
    } while (value > 0);
  }

  /** Hands on what is written when it is 64 KB or more (as Batch does). */
  flushIfFull(): void {
    if (this.used >= 65536) this.flush();
  }

  flush(): void {
    if (this.used > 0) this.write(this.bytes.toString('utf8', 0, this.used));
    this.used = 0;
  }

  private grow(atLeast: number): void {
    const grown = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.used + atLeast));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }
}

export const ascii = (text: string): Buffer => Buffer.from(text, 'utf8');

/** What JSON.stringify escapes in a string: quotes, backslashes, control characters, surrogates (a lone one). */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
const QUOTE = ascii('"');

/** JSON.stringify(value), without making it as a string when nothing in it is escaped. */
function quoteOnce(out: ByteText, value: string): void {
  if (ESCAPED.test(value)) return out.text(JSON.stringify(value));
  out.raw(QUOTE);
  out.text(value);
  out.raw(QUOTE);
}

/**
 * pretty(toJsonFinding(finding, positions, describe), depth), written directly as bytes: the same
 * text, without the JsonFinding object, its ranges, and JSON.stringify's walk over them and the
 * replace after it (a big file has tens of thousands of findings). The fixed parts of the text
 * at the writer's depth are made once, and the short strings that repeat from finding to
 * finding (rules, severities, codes, related messages) quoted once. Strings go through
 * JSON.stringify, so they are escaped as it escapes them.
 */
export class JsonFindingWriter {
  private readonly range: RangeText;
  private readonly relatedRange: RangeText;
  private readonly quoted = new Map<string, Buffer>();
  private readonly rule: Buffer;
  private readonly severity: Buffer;
  private readonly message: Buffer;
  private readonly rangeKey: Buffer;
  private readonly codesKey: Buffer;
  private readonly noItems = ascii('[]');
  private readonly firstItem: Buffer;
  private readonly nextItem: Buffer;
  private readonly listEnd: Buffer;
  private readonly relatedKey: Buffer;
  private readonly firstRelated: Buffer;
  private readonly nextRelated: Buffer;
  private readonly relatedMessageKey: Buffer;
  /** A related location in another file: its path, then its range. */
  private readonly firstRelatedPath: Buffer;
  private readonly nextRelatedPath: Buffer;
  private readonly relatedRangeKey: Buffer;
  private readonly relatedEnd: Buffer;
  private readonly descriptorsKey: Buffer;
  private readonly guideKey: Buffer;
  private readonly ncciKey: Buffer;
  /** The `ncci` object's bytes as JSON.stringify nests it here, by its JSON: a file's edits repeat. */
  private readonly ncciBytes = new Map<string, Buffer>();
  private readonly ncciPad: string;
  private readonly loopKey = ascii('"loop": ');
  private readonly elementKey = ascii('"element": ');
  private readonly noMembers = ascii('{}');
  private readonly firstMember: Buffer;
  private readonly nextMember: Buffer;
  private readonly colon = ascii(': ');
  private readonly membersEnd: Buffer;
  private readonly end: Buffer;

  constructor(depth: number) {
    const pad = '  '.repeat(depth);
    const p1 = pad + '  ';
    const p2 = p1 + '  ';
    this.range = new RangeText(p1);
    this.relatedRange = new RangeText(p2 + '  ');
    this.rule = ascii(`{\n${p1}"rule": `);
    this.severity = ascii(`,\n${p1}"severity": `);
    this.message = ascii(`,\n${p1}"message": `);
    this.rangeKey = ascii(`,\n${p1}"range": `);
    this.codesKey = ascii(`,\n${p1}"codes": `);
    this.firstItem = ascii(`[\n${p2}`);
    this.nextItem = ascii(`,\n${p2}`);
    this.listEnd = ascii(`\n${p1}]`);
    this.relatedKey = ascii(`,\n${p1}"related": [`);
    this.firstRelated = ascii(`\n${p2}{\n${p2}  "range": `);
    this.nextRelated = ascii(`,\n${p2}{\n${p2}  "range": `);
    this.relatedMessageKey = ascii(`,\n${p2}  "message": `);
    this.firstRelatedPath = ascii(`\n${p2}{\n${p2}  "path": `);
    this.nextRelatedPath = ascii(`,\n${p2}{\n${p2}  "path": `);
    this.relatedRangeKey = ascii(`,\n${p2}  "range": `);
    this.relatedEnd = ascii(`\n${p2}}`);
    this.descriptorsKey = ascii(`,\n${p1}"descriptors": `);
    this.guideKey = ascii(`,\n${p1}"guide": `);
    this.ncciKey = ascii(`,\n${p1}"ncci": `);
    this.ncciPad = `\n${p1}`;
    this.firstMember = ascii(`{\n${p2}`);
    this.nextMember = this.nextItem;
    this.membersEnd = ascii(`\n${p1}}`);
    this.end = ascii(`\n${pad}}`);
  }

  /** JSON.stringify(value), kept for the short strings that repeat. */
  private quote(out: ByteText, value: string): void {
    if (value.length > 100) return quoteOnce(out, value);
    let quoted = this.quoted.get(value);
    if (quoted === undefined) {
      if (this.quoted.size >= 10000) this.quoted.clear();
      quoted = Buffer.from(JSON.stringify(value), 'utf8');
      this.quoted.set(value, quoted);
    }
    out.raw(quoted);
  }

  write(out: ByteText, finding: Finding, positions: Positions, describe: Describe, others?: OtherFiles): void {
    const codes = finding.codes ?? [];
    out.raw(this.rule);
    this.quote(out, finding.rule);
    out.raw(this.severity);
    this.quote(out, finding.severity);
    out.raw(this.message);
    quoteOnce(out, finding.message);
    out.raw(this.rangeKey);
    this.range.write(out, positions, finding.span);
    out.raw(this.codesKey);
    if (codes.length === 0) out.raw(this.noItems);
    else {
      for (let i = 0; i < codes.length; i++) {
        out.raw(i === 0 ? this.firstItem : this.nextItem);
        this.quote(out, codes[i]!);
      }
      out.raw(this.listEnd);
    }
    const guide = finding.guide;
    if (guide) {
      out.raw(this.guideKey);
      let members = 0;
      if (guide.loop !== undefined) {
        out.raw(this.firstMember);
        out.raw(this.loopKey);
        this.quote(out, guide.loop);
        members++;
      }
      if (guide.element !== undefined) {
        out.raw(members === 0 ? this.firstMember : this.nextMember);
        out.raw(this.elementKey);
        this.quote(out, guide.element);
        members++;
      }
      out.raw(members === 0 ? this.noMembers : this.membersEnd);
    }
    const ncci = ncciFieldsOf(finding.data);
    if (ncci) {
      out.raw(this.ncciKey);
      const key = JSON.stringify(ncci);
      let bytes = this.ncciBytes.get(key);
      if (bytes === undefined) {
        if (this.ncciBytes.size >= 10000) this.ncciBytes.clear();
        bytes = Buffer.from(JSON.stringify(ncci, null, 2).replace(/\n/g, this.ncciPad), 'utf8');
        this.ncciBytes.set(key, bytes);
      }
      out.raw(bytes);
    }
    const related = finding.related;
    // A location in another file of the run is written with its path, or left out when that file is not known (toJsonFinding).
    if (related?.length && related.some((one) => otherFileOf(one, others) !== undefined)) {
      out.raw(this.relatedKey);
      let written = 0;
      for (const one of related) {
        const other = otherFileOf(one, others);
        if (other === undefined) continue;
        if (other === null) {
          out.raw(written === 0 ? this.firstRelated : this.nextRelated);
          this.relatedRange.write(out, positions, one.span);
        } else {
          out.raw(written === 0 ? this.firstRelatedPath : this.nextRelatedPath);
          quoteOnce(out, other.path);
          out.raw(this.relatedRangeKey);
          this.relatedRange.write(out, other.positions, one.span);
        }
        out.raw(this.relatedMessageKey);
        this.quote(out, one.message);
        out.raw(this.relatedEnd);
        written++;
      }
      out.raw(this.listEnd);
    }
    const descriptors = describe(codes);
    if (descriptors) {
      const keys = Object.keys(descriptors);
      out.raw(this.descriptorsKey);
      if (keys.length === 0) out.raw(this.noMembers);
      else {
        for (let i = 0; i < keys.length; i++) {
          out.raw(i === 0 ? this.firstMember : this.nextMember);
          quoteOnce(out, keys[i]!);
          out.raw(this.colon);
          quoteOnce(out, descriptors[keys[i]!]!);
        }
        out.raw(this.membersEnd);
      }
    }
    out.raw(this.end);
  }
}

/** A range as pretty() writes it, its members indented by `pad` and two more spaces: the fixed parts made once. */
class RangeText {
  private readonly open: Buffer;
  private readonly character: Buffer;
  private readonly end: Buffer;
  private readonly close: Buffer;

  constructor(pad: string) {
    const p1 = pad + '  ';
    const p2 = p1 + '  ';
    this.open = ascii(`{\n${p1}"start": {\n${p2}"line": `);
    this.character = ascii(`,\n${p2}"character": `);
    this.end = ascii(`\n${p1}},\n${p1}"end": {\n${p2}"line": `);
    this.close = ascii(`\n${p1}}\n${pad}}`);
  }

  write(out: ByteText, positions: Positions, span: Span): void {
    const start = positions.indexOf(span.start);
    const end = positions.indexOf(span.end);
    out.raw(this.open);
    out.integer(positions.lineAt(start));
    out.raw(this.character);
    out.integer(positions.characterAt(start));
    out.raw(this.end);
    out.integer(positions.lineAt(end));
    out.raw(this.character);
    out.integer(positions.characterAt(end));
    out.raw(this.close);
  }
}
