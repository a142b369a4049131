// Moving a Knowledge from the thread that loaded it to the server's. A message between threads
// is a structured clone: Maps, Sets, arrays, typed arrays and plain objects come through whole
// (shared objects stay shared), but an instance of a class arrives as a plain object. So the
// sender walks the knowledge once, noting where each instance of the rule classes sits and which
// class it is; the receiver gives those objects their prototype back, visiting only those paths.
// The typed arrays' buffers (the PTP index: tens of megabytes for a CMS table) are transferred,
// not copied.
import { AocTable } from '../core/rules/aoc';
import { DescriptorTable } from '../core/rules/descriptors';
import type { Knowledge } from '../core/rules/knowledge';
import { MueTable } from '../core/rules/mue';
import { PtpRuleSet } from '../core/rules/ptp';
import { PtpEditColumns } from '../core/rules/ptpEditColumns';

/**
 * The classes a Knowledge may hold, by position: both threads run the same source, and class
 * names do not survive minification. A class not listed here makes packKnowledge throw.
 */
const CLASSES: readonly { prototype: object; name: string }[] = [PtpRuleSet, PtpEditColumns, MueTable, AocTable, DescriptorTable];

/** A step from an object to one it holds: a property name or array index, or the key of a Map entry. */
type Step = string | { key: unknown };

export interface PackedKnowledge {
  knowledge: unknown;
  /** Where each class instance is (from the knowledge), and its class (index in CLASSES). */
  instances: { path: Step[]; type: number }[];
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * The knowledge as a message: post `packed` with `transfer` as the transfer list. After that the
 * typed arrays of this knowledge are detached (empty): it must not be used on this side again.
 */
export function packKnowledge(knowledge: Knowledge): { packed: PackedKnowledge; transfer: ArrayBuffer[] } {
  const instances: PackedKnowledge['instances'] = [];
  const buffers = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (value: unknown, path: Step[]): void => {
    if (typeof value === 'function') throw new Error(`a function at ${describe(path)} cannot be moved between threads`);
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
      return;
    }
    if (value instanceof ArrayBuffer) {
      buffers.add(value);
      return;
    }
    if (value instanceof Map) {
      for (const [key, entry] of value) visit(entry, [...path, { key }]);
      return;
    }
    if (value instanceof Set || Array.isArray(value)) {
      // A class instance inside a Set would have no path; none is expected, so say so if one is.
      let index = 0;
      for (const entry of value) visit(entry, [...path, String(index++)]);
      if (value instanceof Set && [...value].some((entry) => entry !== null && typeof entry === 'object' && !isPlain(entry))) {
        throw new Error(`a class instance in a Set at ${describe(path)} cannot be moved between threads`);
      }
      return;
    }
    if (value instanceof Date || value instanceof RegExp) return;
    if (!isPlain(value)) {
      const type = CLASSES.findIndex((c) => c.prototype === Object.getPrototypeOf(value));
      if (type < 0) throw new Error(`a ${(value as { constructor?: { name?: string } }).constructor?.name ?? 'class'} instance at ${describe(path)} cannot be moved between threads`);
      instances.push({ path, type });
    }
    for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key], [...path, key]);
  };
  visit(knowledge, []);
  return { packed: { knowledge, instances }, transfer: [...buffers] };
}

/** The knowledge a PackedKnowledge (as received) describes, its class instances restored. */
export function unpackKnowledge(packed: PackedKnowledge): Knowledge {
  for (const { path, type } of packed.instances) {
    let target: unknown = packed.knowledge;
    for (const step of path) target = typeof step === 'string' ? (target as Record<string, unknown>)[step] : (target as Map<unknown, unknown>).get(step.key);
    const wanted = CLASSES[type];
    if (!wanted || target === null || typeof target !== 'object') throw new Error(`no ${wanted?.name ?? 'class'} instance at ${describe(path)}`);
    Object.setPrototypeOf(target, wanted.prototype);
  }
  return packed.knowledge as Knowledge;
}

function describe(path: readonly Step[]): string {
  return path.length === 0 ? 'the knowledge' : path.map((step) => (typeof step === 'string' ? step : `[${String(step.key)}]`)).join('.');
}
