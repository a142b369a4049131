// The implementation guide's element checks of one placed segment, exact: usage, lengths,
// types, the character set, codes, date formats, patterns, syntax notes, element and component
// counts, each finding with its message and the guide's element reference. The validator runs
// them on the values of a segment the fast check (fastCheck.ts) could not pass. Pure.
import { capitalized } from '../text';
import { listWithOr } from '../wordLists';
import { shownCodeFor, shownTypedValue } from './shown';
import { isValidCode } from './lookups';
import { patternInWords } from './patterns';
import type { CompositeSpec, ElementSpec, SegmentSpec, SyntaxNote } from './schema';
import { DATE_FORMATS, EXTENDED_CHARACTERS, TYPE_NAMES, componentOf, matchesFormat, numericLength, rangeInOrderAt, typeValid } from './valueTypes';

export type GuideSeverity = 'error' | 'warning' | 'information';

/** Code lists this short are named in a guide.code-invalid message. */
const SHORT_CODE_LIST = 5;

/** What the element checks need from the validator running them. */
export interface ElementContext {
  /** Component separator (ISA16). */
  component: string;
  /** Repetition separator (ISA11 in 5010), or null. */
  repetition: string | null;
  /** The group's version when the map checking it lists another (envelope.ts Group.version): GS08 and ST03 may hold it. */
  version: string | null;
  /** Records a finding on segment `segment` (position and component of the element, its reference, the loop). */
  add(segment: number, rule: string, severity: GuideSeverity, message: string, position?: number, component?: number, ref?: string, loop?: string): void;
}

export function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * The severity of a value the element holds that breaks its definition (length, type, code list,
 * format, character set): an error whatever the element's usage. Usage says when an element must
 * be sent; a situational element that is sent is held to its definition all the same, and a 999
 * rejects the segment (IK4) either way.
 */
const VALUE_SEVERITY: GuideSeverity = 'error';

export function checkElements(ctx: ElementContext, spec: SegmentSpec, values: readonly string[], index: number): void {
  const loop = spec.loop.id;
  let length = values.length;
  while (length > 0 && values[length - 1] === '') length--;
  const count = spec.elements.length;
  if (length > count) {
    ctx.add(index, 'guide.too-many-elements', 'error', `${spec.id} has ${length} elements; the guide defines ${count}.`, count + 1, 0, `${spec.id}${pad(count + 1)}`, loop);
  }
  // The date/time format named by a DTP02 or other 1250 element applies to the 1251 value after it.
  let format: string | null = null;
  const repetition = spec.id === 'ISA' ? null : ctx.repetition;
  for (let i = 0; i < count; i++) {
    const position = spec.elements[i];
    const value = i < values.length ? values[i] : '';
    if (position.kind === 'composite') {
      // Nor does a composite of the 837 guides repeat: its first value is checked as the composite
      // (the later ones are often codes without their qualifier, HC:99283^99284: not checked apart).
      if (repetition !== null && value.includes(repetition)) {
        const repeated = value.split(repetition);
        ctx.add(index, 'guide.too-many-repetitions', 'error', repeatedMessage(position.ref, position.name, repeated.length, repetition), position.position, 0, position.ref, loop);
        checkComposite(ctx, position, repeated[0]!, index, loop);
      } else {
        checkComposite(ctx, position, value, index, loop);
      }
      continue;
    }
    if (position.dataElement === '1250') format = value;
    const valueFormat = position.dataElement === '1251' ? format : null;
    // Repeated values (5010 repetition separator): no simple element of the 837 guides repeats,
    // so that is a finding; each value is checked too. The ISA holds the separators themselves.
    if (repetition !== null && value.includes(repetition)) {
      const repeated = value.split(repetition);
      ctx.add(
        index,
        'guide.too-many-repetitions',
        'error',
        repeatedMessage(position.ref, position.name, repeated.length, repetition),
        position.position,
        position.component,
        position.ref,
        loop,
      );
      for (const v of repeated) checkElement(ctx, position, v, index, loop, valueFormat, null);
    } else {
      checkElement(ctx, position, value, index, loop, valueFormat, null);
    }
  }
  for (const note of spec.syntax) {
    const broken = brokenSyntax(note.kind, note.positions, values);
    if (broken !== null) {
      const refs = note.positions.map((p) => `${spec.id}${pad(p)}`);
      ctx.add(index, 'guide.syntax', 'error', `Syntax note ${note.text}: ${syntaxMessage(note.kind, refs)}.`, note.positions[0], 0, refs[0], loop);
    }
  }
}

/** What guide.too-many-repetitions says of an element or composite that holds `count` values. */
function repeatedMessage(ref: string, name: string, count: number, repetition: string): string {
  return `${ref} (${name}) does not repeat, but holds ${count} values separated by the repetition separator ${JSON.stringify(repetition)}.`;
}

function checkComposite(ctx: ElementContext, spec: CompositeSpec, value: string, index: number, loop: string): void {
  const separator = ctx.component;
  // Empty when every component is empty; the count of components up to the last non-empty one.
  let length = 0;
  let start = 0;
  for (let i = 1; ; i++) {
    const end = value.indexOf(separator, start);
    const stop = end < 0 ? value.length : end;
    if (stop > start) length = i;
    if (end < 0) break;
    start = end + separator.length;
  }
  if (length === 0) {
    if (spec.usage === 'R') ctx.add(index, 'guide.element-missing', 'error', `Required composite ${spec.ref} (${spec.name}) is missing.`, spec.position, 0, spec.ref, loop);
    return;
  }
  if (spec.usage === 'N') {
    ctx.add(index, 'guide.element-not-used', 'error', `${spec.ref} (${spec.name}) is marked not used.`, spec.position, 0, spec.ref, loop);
    return;
  }
  // X12 drops empty components at a composite's end, as it drops empty elements at a segment's.
  if (value.endsWith(separator)) {
    ctx.add(index, 'guide.trailing-separator', 'warning', `${spec.ref} ends with component separators (empty trailing components).`, spec.position, 0, spec.ref, loop);
  }
  const components = spec.components;
  if (length > components.length) {
    ctx.add(index, 'guide.too-many-components', 'error', `${spec.ref} has ${length} components; the guide defines ${components.length}.`, spec.position, components.length + 1, spec.ref, loop);
  }
  // A date format qualifier component (1250, HI01-03) applies to the date after it (1251, HI01-04).
  let format: string | null = null;
  for (let i = 0; i < components.length; i++) {
    const component = components[i]!;
    const part = componentOf(value, separator, i + 1);
    if (component.dataElement === '1250') format = part;
    checkElement(ctx, component, part, index, loop, component.dataElement === '1251' ? format : null, spec);
  }
}

/** Characters interchanges commonly take as their component separator (ISA16). */
const COMPONENT_SEPARATORS = [':', '>', '|', '\\', '<', '^'];

/** The first of COMPONENT_SEPARATORS in `value` that is not `component`, or null. */
function foreignSeparatorIn(value: string, component: string): string | null {
  for (const c of COMPONENT_SEPARATORS) if (c !== component && value.includes(c)) return c;
  return null;
}

function checkElement(ctx: ElementContext, spec: ElementSpec, value: string, index: number, loop: string, format: string | null, composite: CompositeSpec | null): void {
  if (value === '') {
    // A composite is checked component by component only when it is used (checkComposite judges
    // an empty one as a whole): then its required components are required, the first one too
    // (pyx12 skips a situational composite's first component, so HI*ABK:R69*:I10 passes there).
    if (spec.usage === 'R') {
      ctx.add(index, 'guide.element-missing', 'error', `Required element ${spec.ref} (${spec.name}) is missing.`, spec.position, spec.component, spec.ref, loop);
    }
    return;
  }
  if (spec.usage === 'N') {
    ctx.add(index, 'guide.element-not-used', 'error', `${spec.ref} (${spec.name}) is marked not used.`, spec.position, spec.component, spec.ref, loop);
    return;
  }
  const severity = VALUE_SEVERITY;
  if (composite === null && spec.ref !== 'ISA16' && value.includes(ctx.component)) {
    ctx.add(index, 'guide.element-type', severity, `${spec.ref} (${spec.name}) is a simple element but holds the component separator ${JSON.stringify(ctx.component)}.`, spec.position, spec.component, spec.ref, loop);
  }
  const numeric = spec.type === 'R' || spec.type[0] === 'N';
  const counted = numeric ? numericLength(value) : characterCount(value);
  if (counted < spec.minLength || counted > spec.maxLength) {
    const bound = counted < spec.minLength ? `at least ${spec.minLength}` : `at most ${spec.maxLength}`;
    // A component too long that holds a character other interchanges use as their component separator (HC>82270 under ISA16 ':'): say so, as it explains this finding and the next.
    const foreign = composite !== null && counted > spec.maxLength ? foreignSeparatorIn(value, ctx.component) : null;
    const hint = foreign === null ? '' : ` It holds ${JSON.stringify(foreign)}, which is not this interchange's component separator (ISA16 is ${JSON.stringify(ctx.component)}): the segment may have been written with another.`;
    ctx.add(index, 'guide.element-length', severity, `${spec.ref} (${spec.name}) is ${counted} character${counted === 1 ? '' : 's'} long; it must be ${bound}${spec.minLength === spec.maxLength ? '' : ` (${spec.minLength}-${spec.maxLength})`}.${hint}`, spec.position, spec.component, spec.ref, loop);
  }
  if (spec.type === 'AN' || spec.type === 'ID') {
    const outside = value.search(EXTENDED_CHARACTERS);
    if (outside >= 0) {
      // Which character, by its code (never the value: it may be a name), and where.
      const code = value.codePointAt(outside)!;
      const which = code === 9 ? 'a tab' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      ctx.add(index, 'guide.character-set', severity, `${spec.ref} (${spec.name}) holds characters outside the X12 extended character set (the first: ${which}, character ${outside + 1}).`, spec.position, spec.component, spec.ref, loop);
    } else if (value.endsWith(' ') && value.trimEnd().length >= spec.minLength) {
      ctx.add(index, 'guide.element-trailing-spaces', 'warning', `${spec.ref} (${spec.name}) ends with spaces.`, spec.position, spec.component, spec.ref, loop);
    }
  } else if (!typeValid(spec, value)) {
    // A date element of 6 characters (ISA09) is YYMMDD, not CCYYMMDD.
    const typeName = spec.type === 'DT' && spec.maxLength === 6 ? 'date (YYMMDD)' : TYPE_NAMES[spec.type];
    ctx.add(index, 'guide.element-type', severity, `${spec.ref} (${spec.name}) is not a valid ${typeName}${shownTypedValue(spec, value)}.`, spec.position, spec.component, spec.ref, loop);
  }
  const ownVersion = (spec.ref === 'GS08' || spec.ref === 'ST03') && ctx.version === value;
  if (!ownVersion && !isValidCode(spec, value)) {
    // A short list is named (ISA11 of a 4010 interchange takes U alone; CLM05-02 A or B).
    const codes = spec.codes;
    const expected = codes && codes.length > 0 && codes.length <= SHORT_CODE_LIST ? `: it takes ${listWithOr(codes)}` : '';
    ctx.add(index, 'guide.code-invalid', severity, `${capitalized(shownCodeFor(spec, value))} is not a valid code for ${spec.ref} (${spec.name})${expected}.`, spec.position, spec.component, spec.ref, loop);
  }
  if (format !== null && DATE_FORMATS.has(format)) {
    if (!matchesFormat(value, format)) {
      ctx.add(index, 'guide.element-type', severity, `${spec.ref} (${spec.name}) is not a valid ${format} value.`, spec.position, spec.component, spec.ref, loop);
    } else if (format === 'RD8' && composite !== null && !rangeInOrderAt(value, 0, value.length)) {
      // A range that ends before it starts is rejected as a reversed DTP range is. Only a
      // composite's (the HI occurrence spans): a DTP's range is the reader's x12.date-invalid,
      // which names the two dates and stays in every guideChecks mode (the coding checks read it).
      ctx.add(index, 'guide.element-type', severity, `${spec.ref} (${spec.name}) is an RD8 range that ends before it starts.`, spec.position, spec.component, spec.ref, loop);
    }
  }
  if (spec.regex !== null && !spec.regex.test(value)) {
    ctx.add(index, 'guide.element-format', severity, `${spec.ref} (${spec.name}) is not in the form the guide requires: ${patternInWords(spec.regex)}.`, spec.position, spec.component, spec.ref, loop);
  }
}

/** Is a syntax note broken by these element values? Returns the note's kind when it is, else null. */
function brokenSyntax(kind: SyntaxNote['kind'], positions: readonly number[], values: readonly string[]): SyntaxNote['kind'] | null {
  let present = 0;
  for (const p of positions) if ((values[p - 1] ?? '') !== '') present++;
  const firstPresent = (values[positions[0] - 1] ?? '') !== '';
  switch (kind) {
    case 'P':
      return present > 0 && present < positions.length ? kind : null;
    case 'R':
      return present === 0 ? kind : null;
    case 'C':
      return firstPresent && present < positions.length ? kind : null;
    case 'E':
      return present > 1 ? kind : null;
    case 'L':
      return firstPresent && present < 2 ? kind : null;
  }
}

function syntaxMessage(kind: SyntaxNote['kind'], refs: readonly string[]): string {
  const rest = refs.slice(1).join(', ');
  switch (kind) {
    case 'P':
      return `${refs.join(', ')} must all be present or all be absent`;
    case 'R':
      return `at least one of ${refs.join(', ')} is required`;
    case 'C':
      return `when ${refs[0]} is present, ${rest} ${refs.length > 2 ? 'are' : 'is'} required`;
    case 'E':
      return `only one of ${refs.join(', ')} may be present`;
    case 'L':
      return `when ${refs[0]} is present, at least one of ${rest} is required`;
  }
}

/**
 * Characters in `value`, a character beyond the Basic Multilingual Plane (an emoji: two UTF-16
 * units) counted once, as the guide's lengths count characters. (The character-set finding's
 * position needs no such count: no character before the first outside the set is one.)
 */
function characterCount(value: string): number {
  let count = value.length;
  for (let i = 1; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && value.charCodeAt(i - 1) >= 0xd800 && value.charCodeAt(i - 1) <= 0xdbff) count--;
  }
  return count;
}
