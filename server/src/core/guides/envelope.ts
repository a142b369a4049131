// The envelopes around the transaction sets and the set's header: ISA opens an interchange, GS a
// group, ST a transaction set; GE and IEA close them. What they check across segments: control
// numbers used once (ISA13 in the file, GS06 in the interchange, ST02 in the group), the versions
// agreeing (GS08 of ISA12's, ST03 GS08), ISA11 a special character in 00501; and which guide
// walks a group (GS08's, or ST03's for a set with no GS), which the validator's hot path reads.
// Apart from validate.ts because none of it runs per segment of a set: GuideValidator calls it
// on envelope segments only, and its findings go through the validator's `add` (context.add).
import { capitalized } from '../text';
import { shownCode, VERSION_SHAPE } from './shown';
import { readsAsCode, shownControlNumber } from '../x12/values';
import { kindOfImplementation, SERVICE_SEGMENT_OF } from '../x12/implementations';
import { VERSION_MISMATCH_RULE } from './coverage';
import { envelopeFor, guideCoverage, guideFor } from './load';
import type { GuideSchema, LoopSpec, SegmentSpec } from './schema';
import { GuideWalker } from './walker';
import { checkElements, type ElementContext } from './elementChecks';
import { prefix, prefixOf, samePrefix, type EnvelopeState } from './validatorState';

export interface Group {
  guide: GuideSchema | null;
  walker: GuideWalker | null;
  stIds: Set<string>;
  /**
   * GS08 when the map checking the group lists another version (an alias, a later errata, no map:
   * the envelope's); GS08 and ST03 may hold it. Null when they are held to the map's list.
   */
  version: string | null;
}

/** The service segment (SV1/SV2/SV3) a transaction set's guide uses. */
export interface ExpectedService {
  version: string;
  kind: string;
  id: string;
}

/** The state of the envelopes around the current transaction set; GuideValidator owns one. */
export class Envelope {
  private readonly isaIds = new Set<string>();
  private gsIds = new Set<string>();
  /** The envelope map of the interchange's ISA12. */
  private envelope: GuideSchema | null = null;
  private reportedVersions = new Set<string>();
  /** ISA12 of the current interchange, GS08 of the current group. */
  private isa12 = '';
  private gs08 = '';

  /** `guide`: the guide every group is validated with, whatever GS08 says (options.guide). */
  constructor(
    private readonly guide: GuideSchema | undefined,
    private readonly context: ElementContext,
  ) {}

  /** ISA at `index`: a new interchange (the caller closes the group). */
  startInterchange(elements: readonly string[], index: number): void {
    const controlNumber = elements[12] ?? '';
    if (this.isaIds.has(controlNumber)) {
      this.context.add(index, 'guide.control-number-repeated', 'error', `ISA13 interchange control number ${shownControlNumber(controlNumber)} is used by an earlier interchange in this file.`, 13);
    }
    this.isaIds.add(controlNumber);
    this.gsIds = new Set();
    // A GS08 is its group's: a set with no GS in this interchange is not held to the last one's.
    this.gs08 = '';
    const version = elements[11] ?? '';
    this.isa12 = version.trim();
    this.envelope = envelopeFor(version);
    // The ISA is checked against the envelope map of its version, as pyx12 does (the transaction
    // maps' own ISA keeps 4010's ISA11 'U'); a forced guide's ISA when there is none.
    const guide = this.guide ?? null;
    const isa = (this.envelope ? isaOf(this.envelope) : null) ?? (guide ? isaOf(guide) : null);
    if (isa) checkElements(this.context, isa, elements, index);
    this.checkRepetitionSeparator(elements, index);
  }

  /**
   * ISA11 in 00501 is the repetition separator: a special character. The 00501 envelope map
   * lists no codes for it, and the reader takes a letter, digit or blank there as no separator at
   * all (4010's ISA11 is the letter U), so a 4010 header copied into a 5010 file would pass.
   */
  private checkRepetitionSeparator(elements: readonly string[], index: number): void {
    if (!this.isa12.startsWith('00501')) return;
    const isa11 = elements[10] ?? '';
    if (isa11.length === 1 && !/[A-Za-z0-9\s]/.test(isa11)) return;
    this.context.add(
      index,
      'guide.element-format',
      'error',
      `ISA11 (repetition separator) is ${isa11.trim() === '' ? 'blank' : shownCode(isa11)}: in version 00501 it is one special character, not a letter, digit or blank (U is 4010's standards identifier).`,
      11,
    );
  }

  /** GS at `index`, first: GS06 used once in the interchange (before the set before it ends). */
  checkGroupControlNumber(elements: readonly string[], index: number): void {
    const controlNumber = elements[5] ?? '';
    if (this.gsIds.has(controlNumber)) {
      this.context.add(index, 'guide.control-number-repeated', 'error', `GS06 group control number ${shownControlNumber(controlNumber)} is used by an earlier group in this interchange.`, 6);
    }
    this.gsIds.add(controlNumber);
  }

  /** GS at `index`, then: the group it opens, with the guide GS08 names (the caller makes it current, then calls checkGroupHeader). */
  startGroup(elements: readonly string[], index: number): Group {
    const version = elements[7] ?? '';
    let guide = this.guide ?? null;
    let adopted = false;
    if (!guide) {
      const coverage = guideCoverage(version);
      // A base release HIPAA never adopted: its GS08 and ST03 are checked as the adopted map's
      // codes, so each is "not a valid code" there, naming the version to write.
      adopted = coverage.status === 'not-adopted';
      if (coverage.status === 'validated' || coverage.status === 'nearest' || coverage.status === 'not-adopted') {
        guide = coverage.guide;
        if (coverage.status === 'nearest' && !this.reportedVersions.has(version)) {
          this.reportedVersions.add(version);
          this.context.add(index, 'guide.nearest-guide', 'information', coverage.message, 8);
        }
      } else if (!this.reportedVersions.has(version)) {
        this.reportedVersions.add(version);
        const message = coverage.status === 'not-validated' ? coverage.message : `${capitalized(VERSION_SHAPE.test(version) ? `'${version}'` : shownCode(version))} is not an 837 implementation guide Claimlint has a map of: its transaction sets are not checked against a guide. The envelope, counts and coding checks still run.`;
        this.context.add(index, 'guide.not-validated', 'information', message, 8);
      }
    }
    this.gs08 = version;
    if (this.isa12 !== '' && version !== '' && version.slice(0, 5) !== this.isa12) {
      this.context.add(index, VERSION_MISMATCH_RULE, 'error', `GS08 ${versionShown(version)} is not a version of the interchange's ISA12 ${versionShown(this.isa12)}.`, 8);
    }
    const walker = guide ? new GuideWalker(guide) : null;
    const gs = guide ? gsOf(guide) : null;
    if (walker && gs) walker.positionAt(gs);
    // GS08 and ST03 may hold the group's own version where the map checking them lists another: a
    // version a map covers exactly (X223A1, served by the X223A2 map), a later errata checked with
    // its nearest map, or a version with no map, whose GS the envelope map checks (the last two
    // are said once above; a forced guide holds them to its own list).
    const ownVersion = guide === null || (this.guide === undefined && guide.key !== version && !adopted);
    return { guide, walker, stIds: new Set(), version: ownVersion ? version : null };
  }

  /** GS at `index`, last, once `group` (startGroup's) is current: its elements. */
  checkGroupHeader(elements: readonly string[], index: number, group: Group): void {
    // GS is checked against the transaction's guide, as pyx12 does: its GS08 list names the
    // guide's version. A group with no map (837 Dental 5010) against the envelope map of ISA12's
    // version, as pyx12's control map checks it: the envelope checks still run for it.
    const gs = group.guide ? gsOf(group.guide) : null;
    const spec = gs ?? (this.envelope ? gsOf(this.envelope) : null);
    if (spec) checkElements(this.context, spec, elements, index);
  }

  /** GE or IEA against the envelope map of ISA12's version (a group no transaction map walks). */
  checkTrailer(id: 'GE' | 'IEA', elements: readonly string[], index: number): void {
    const envelope = this.envelope;
    const spec = envelope ? envelopeSegment(envelope, id === 'GE' ? ['ISA_LOOP', 'GS_LOOP'] : ['ISA_LOOP'], id) : null;
    if (spec) checkElements(this.context, spec, elements, index);
  }

  /**
   * ST at `index` (after the set before it ended), in `group`: the group it is in (one of its own
   * when there is no GS before it), its ST02 used once in the group and its ST03 GS08.
   */
  startTransaction(elements: readonly string[], index: number, group: Group | null): Group {
    if (!group) {
      // A transaction set on its own (no GS before it): use the forced guide, or the one ST03 names
      // (whose ST03 may then be a version the map covers exactly, as in startGroup).
      const st03 = elements[2] ?? '';
      const guide = this.guide ?? guideFor(st03);
      const walker = guide ? new GuideWalker(guide) : null;
      const gs = guide ? gsOf(guide) : null;
      if (walker && gs) walker.positionAt(gs);
      const ownVersion = guide !== null && this.guide === undefined && guide.key !== st03;
      group = { guide, walker, stIds: new Set(), version: ownVersion ? st03 : null };
    }
    const controlNumber = elements[1] ?? '';
    if (group.stIds.has(controlNumber)) {
      this.context.add(index, 'guide.control-number-repeated', 'error', `ST02 transaction set control number ${shownControlNumber(controlNumber)} is used by an earlier transaction set in this group.`, 2);
    }
    group.stIds.add(controlNumber);
    const st03 = elements[2] ?? '';
    if (st03 !== '' && this.gs08 !== '' && st03 !== this.gs08) {
      this.context.add(index, VERSION_MISMATCH_RULE, 'error', `ST03 ${versionShown(st03)} does not match GS08 ${versionShown(this.gs08)}.`, 3);
    }
    return group;
  }

  /** The service segment the guide of the set ST `elements` opens uses (by ST03, else GS08). */
  serviceOf(elements: readonly string[]): ExpectedService | null {
    const st03 = elements[2] ?? '';
    const implementation = st03 !== '' ? st03 : this.gs08;
    const kind = kindOfImplementation(implementation);
    return kind ? { version: implementation, kind, id: SERVICE_SEGMENT_OF[kind] } : null;
  }

  // ---- checkpoints: the state between segments, sharing the growing sets

  snapshot(): EnvelopeState {
    return {
      isaIds: prefixOf(this.isaIds),
      gsIds: prefixOf(this.gsIds),
      envelope: this.envelope,
      reportedVersions: prefixOf(this.reportedVersions),
      isa12: this.isa12,
      gs08: this.gs08,
    };
  }

  /** Takes up a state snapshot() gave (on a new Envelope). */
  restore(state: EnvelopeState): void {
    for (const id of prefix(state.isaIds)) this.isaIds.add(id);
    this.gsIds = new Set(prefix(state.gsIds));
    this.envelope = state.envelope;
    this.reportedVersions = new Set(prefix(state.reportedVersions));
    this.isa12 = state.isa12;
    this.gs08 = state.gs08;
  }

  inState(state: EnvelopeState): boolean {
    return (
      this.envelope === state.envelope &&
      this.isa12 === state.isa12 &&
      this.gs08 === state.gs08 &&
      samePrefix(this.isaIds, state.isaIds) &&
      samePrefix(this.gsIds, state.gsIds) &&
      samePrefix(this.reportedVersions, state.reportedVersions)
    );
  }
}

/** A version (ISA12, GS08, ST03) as a message shows it: as written when it reads as one (letters and digits), else described. */
function versionShown(value: string): string {
  return readsAsCode(value) || VERSION_SHAPE.test(value) ? value : shownCode(value);
}

function envelopeSegment(guide: GuideSchema, loops: string[], id: string): SegmentSpec | null {
  let loop: LoopSpec = guide.root;
  for (const l of loops) {
    const next = loop.children.find((c): c is LoopSpec => c.kind === 'loop' && c.id === l);
    if (!next) return null;
    loop = next;
  }
  return loop.children.find((c): c is SegmentSpec => c.kind === 'segment' && c.id === id) ?? null;
}

function isaOf(guide: GuideSchema): SegmentSpec | null {
  return envelopeSegment(guide, ['ISA_LOOP'], 'ISA');
}

function gsOf(guide: GuideSchema): SegmentSpec | null {
  return envelopeSegment(guide, ['ISA_LOOP', 'GS_LOOP'], 'GS');
}
