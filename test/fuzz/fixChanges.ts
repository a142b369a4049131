// What the fix oracles share: the knowledge they analyze with, the findings they fix (PTP and
// MUE), and what a fix does to the written claims in the writer's terms (LineChange: the lines it
// removes, the lines whose units it sets, each keeping its charge per unit). The oracles are
// x12FixOracle.ts, x12PlantedFixOracle.ts and csvFixOracle.ts; the MUE model is mueOracle.ts.
import assert from 'node:assert/strict';
import type { Fix } from '../../server/src/core/fixes';
import type { Finding, MueFindingData, PtpFindingData, Span } from '../../server/src/core/model';
import { fuzzKnowledgeWithUnits } from './generators';
import { NOT_EDITED_RULE } from '../../server/src/core/rules/notEdited';
import { TABLE_NOT_LOADED_RULE } from '../../server/src/core/rules/tablesMissing';

/**
 * The built-in edits, FUZZ_PTP_TABLE and FUZZ_MUE_TABLE. The MUE table adds units findings and
 * changes no PTP finding, so the PTP fixes are checked as with the PTP table alone (and a file
 * without units over a limit is the PTP-only case), besides the MUE fixes and a fix-all mixing both.
 */
export const knowledge = fuzzKnowledgeWithUnits();

/** How many quick fixes an oracle checked, by the family of the finding they fix. */
export interface CheckedFixes {
  ptp: number;
  mue: number;
}

export type PtpFinding = Finding & { data: PtpFindingData };
export type MueFinding = Finding & { data: MueFindingData };

export function ptpFindings(findings: Finding[]): PtpFinding[] {
  return findings.filter((f): f is PtpFinding => f.data?.kind === 'ptp');
}

export function mueFindings(findings: Finding[]): MueFinding[] {
  return findings.filter((f): f is MueFinding => f.data?.kind === 'mue');
}

/**
 * Findings other than the coding checks' (PTP and MUE, which the generated files have on purpose,
 * the note on claims no NCCI table judges, such as dental ones, and the note on claims whose table
 * is not loaded, as the fuzz tables' hospital one is not): each is a problem with the file.
 */
export function structural(findings: Finding[], unpaddedIsa: boolean): string[] {
  return findings
    .filter((f) => !f.rule.startsWith('ptp.') && !f.rule.startsWith('mue.') && f.rule !== NOT_EDITED_RULE && f.rule !== TABLE_NOT_LOADED_RULE && !(unpaddedIsa && f.rule === 'x12.isa-width'))
    .map((f) => `${f.rule}: ${f.message}`);
}

export function modifierOf(fix: Fix): string | null {
  return /^Add modifier (\w+) /.exec(fix.title)?.[1] ?? null;
}

/**
 * The line (claim index, line index) a modifier fix of a PTP finding adds to, as its title names
 * the code: the column-2 line, or the column-1 line for the other side of an anatomic pair.
 */
export function modifierTarget(fix: Fix, data: PtpFindingData): [number, number] {
  const code = /^Add modifier \w+ to (\S+) /.exec(fix.title)?.[1];
  return code === data.columnOne && code !== data.columnTwo ? [data.columnOneClaim, data.columnOneLine] : [data.claimIndex, data.columnTwoLine];
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

// ---- What a fix does, in the writer's terms ---------------------------------------------------

export const keyOf = (claimIndex: number, lineIndex: number): string => `${claimIndex}:${lineIndex}`;

/**
 * What a fix does to the written claims, keyed "claim:line" in the scenario's terms: the lines it
 * removes, and the lines whose units it sets (each keeping its charge per unit; the claim total
 * follows).
 */
export interface LineChange {
  removed: ReadonlySet<string>;
  units: ReadonlyMap<string, number>;
}

export function removing(keys: Iterable<string>): LineChange {
  return { removed: new Set(keys), units: new Map() };
}

/** The keys of the written lines a change keeps, in the order they are written. */
export function keptKeys(claims: readonly { lines: readonly unknown[] }[], change: LineChange): string[] {
  return claims.flatMap((claim, c) => claim.lines.flatMap((_, l) => (change.removed.has(keyOf(c, l)) ? [] : [keyOf(c, l)])));
}

/** The cents `text` writes: digits with at most two decimals (in a CSV also a $ and thousands commas), or null. */
function amountCents(text: string, csv: boolean): number | null {
  const match = (csv ? /^\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/ : /^(\d+)(?:\.(\d{1,2}))?$/).exec(text);
  if (!match) return null;
  return Number(match[1]!.split(',').join('')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The charge of a line whose units were set keeps its charge per unit, to the cent, and is written as an amount. */
export function assertChargePerUnit(text: string, csv: boolean, before: { cents: number; units: number }, units: number, what: string): void {
  const cents = amountCents(text, csv);
  assert.ok(cents !== null, `${what}: the new charge '${text}' is an amount in dollars and cents`);
  const exact = (before.cents * units) / before.units;
  assert.ok(Math.abs(cents - exact) <= 0.5 + 1e-9, `${what}: the new charge ${text} for ${units} units keeps the ${before.cents / 100} for ${before.units} units per unit`);
}
