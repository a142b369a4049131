// Medically unlikely edits (MUE): the most units of a code one provider reports for one patient
// on one date. MAI 1 judges each line on its own; MAI 2 (policy) and 3 (clinical) sum the units
// of a code per patient, provider and date, across lines and claims. A line over a date range
// counts its units per day (units / days; MAI 1 rounds a line's up, MAI 2 and 3 round the day's
// sum up). Lines are grouped by serviceGroups.ts,
// as the PTP check groups them.

import { daysInRange, formatDate } from '../dates';
import type { DateNumber, Finding, LineRef, PtpTableKind, RelatedLocation, ServiceLine } from '../model';
import { MUE_TABLE_NAMES, type MueRow, type MueTable, type MueTableKind } from './mue';
import type { KeptLines } from './keptLines';
import type { PatientGroup, ServiceGrouper } from './serviceGroups';
import { lineList } from './lineLabels';
import type { RunFinding } from './checkPtp';
import { hasIdDigits } from '../x12/values';
import { checkRepeatedLines, type PerLineMue } from './repeatedLines';

export const MUE_EXCEEDED_RULE = 'mue.exceeded';
export const MUE_NOT_PAYABLE_RULE = 'mue.not-payable';
export const MUE_UNITS_UNKNOWN_RULE = 'mue.units-unknown';
/** A claim CSV without a units column, where units are counted: its lines are one unit each (said once, on the header; csv/csvRules.ts). */
export const MUE_NO_UNITS_COLUMN_RULE = 'mue.no-units-column';

export type MueTables = Record<MueTableKind, MueTable>;

/** Longest date range whose days are counted one by one: a longer range (a year and more on one line) spreads its units over its first 366 days. */
const MAX_RANGE_DAYS = 366;

/** The MUE row for a code on a claim judged by `table`: that table's, else (practitioner claims) the DME supplier table's. */
export function mueRowFor(tables: MueTables, table: PtpTableKind, code: string): MueRow | undefined {
  return tables[table].get(code) ?? (table === 'practitioner' ? tables.dme.get(code) : undefined);
}

export function hasMueRows(tables: MueTables): boolean {
  return tables.practitioner.size > 0 || tables.hospital.size > 0 || tables.dme.size > 0;
}

/** A ServiceGrouper filter: lines whose code has an MUE row. */
export function keepMue(tables: MueTables): (line: ServiceLine, table: PtpTableKind) => boolean {
  // MueTable.get normalizes case and blanks only when the code as written is not found.
  return (line, table) => mueRowFor(tables, table, line.code) !== undefined;
}

/** Whether a line's unit count is one the MUE check can count: written, read, and not below 0 (0 is a count of none). */
function countable(units: number | null): units is number {
  return units !== null && units >= 0;
}

/** The days a line's units are spread over: its dates' days, at most MAX_RANGE_DAYS (1 when undated). */
export function countedDays(dateOfService: ServiceLine['dateOfService']): number {
  return dateOfService === null ? 1 : Math.min(daysInRange(dateOfService), MAX_RANGE_DAYS);
}

/**
 * The units a line counts on each day of its dates, not rounded: its units (1 when missing,
 * unreadable or below 0; 0 when it says 0) over its days. MAI 2 and 3 add these up for the day
 * and round the sum (two lines of 0.5 units are 1 unit, not 2); MAI 1 rounds a line's own.
 */
export function shareOfDay(line: Pick<ServiceLine, 'units' | 'dateOfService'>): number {
  return (countable(line.units) ? line.units : 1) / countedDays(line.dateOfService);
}

/** A day's units as counted against the MUE: rounded up (a part of a unit is a unit). */
export function countedUnits(units: number): number {
  return Math.ceil(units - 1e-9);
}

/** Units a line counts on each day of its dates, rounded up (shareOfDay). */
export function unitsPerDay(line: Pick<ServiceLine, 'units' | 'dateOfService'>): number {
  return countedUnits(shareOfDay(line));
}

/** shareOfDay of a kept line. */
function rowShareOfDay(lines: KeptLines, row: number): number {
  return shareOfDay({ units: lines.units(row), dateOfService: { from: lines.from(row), to: lines.to(row) } });
}

/** unitsPerDay of a kept line. */
function rowUnitsPerDay(lines: KeptLines, row: number): number {
  return countedUnits(rowShareOfDay(lines, row));
}

function refOf(lines: KeptLines, row: number): LineRef {
  return { claimIndex: lines.claimIndex(row), lineIndex: lines.lineIndex(row) };
}


function nextDay(date: DateNumber): DateNumber {
  const d = new Date(Date.UTC(Math.floor(date / 10000), (Math.floor(date / 100) % 100) - 1, (date % 100) + 1));
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

function maiText(row: MueRow): string {
  return row.mai === 1 ? 'MAI 1, per line' : row.mai === 2 ? 'MAI 2, per day: a policy limit' : 'MAI 3, per day: a clinical limit that can be appealed with records';
}

/**
 * Whether a message may show a unit count: not one of six or more digits (x12/values.ts
 * shownNumber's rule), which a member id or an SSN typed or shifted into the units would be.
 */
export function unitsShown(units: number): boolean {
  return Math.abs(units) < 1e5 && !hasIdDigits(String(units));
}

/** A unit count not shown, described. */
const UNSHOWN_UNITS = 'a unit count of 6 or more digits (not shown: it may be an id)';

/** "1 unit", "2.5 units". */
function unitsWord(units: number): string {
  return `${units} unit${units === 1 ? '' : 's'}`;
}

function unitsText(units: number): string {
  return unitsShown(units) ? unitsWord(units) : UNSHOWN_UNITS;
}

/**
 * MUE findings of the grouped lines: 'mue.not-payable' (value 0, error) on each line of such a
 * code; 'mue.exceeded' (error, MAI 3 too: appealed only after the denial) on a line over its value (MAI
 * 1) or on the last line of a day whose summed units are over it (MAI 2 and 3), with the lines
 * summed as related information; 'mue.units-unknown' (warning) on a line whose units are missing,
 * unreadable or below 0 (counted as 1; a count of 0 is read as none); and 'mue.line-repeated'
 * (warning) on MAI 1 lines nothing tells apart (repeatedLines.ts).
 */
export function checkUnitsGroups(grouper: ServiceGrouper, tables: MueTables, fileNames?: readonly string[]): RunFinding[] {
  const out: RunFinding[] = [];
  if (!hasMueRows(tables)) return out;
  for (const group of grouper.groups()) checkUnitsGroup(group, tables, out, fileNames);
  return out;
}

/**
 * The MUE findings of one patient group (see checkUnitsGroups), and its lines of such codes
 * reported twice alike (repeatedLines.ts), added to `out`: they depend on that group's lines alone.
 */
export function checkUnitsGroup(group: PatientGroup, tables: MueTables, out: RunFinding[], fileNames?: readonly string[]): void {
  const lines = group.lines;
  const perLine: PerLineMue = { rows: [], codes: [], mues: [] };
  checkUnitsOfGroup(group, tables, out, perLine, fileNames);
  if (perLine.rows.length > 1) checkRepeatedLines(lines, perLine, (row) => rowShareOfDay(lines, row), out, fileNames);
}

/**
 * Checks the group's lines against their MUE rows; the lines of a code judged per line (MAI 1,
 * a value over 0) go to `perLine`, with their codes and rows, for the repeated-line check.
 */
function checkUnitsOfGroup(group: PatientGroup, tables: MueTables, out: RunFinding[], perLine: PerLineMue, fileNames?: readonly string[]): void {
  const lines = group.lines;
  // Lines of one code and provider, for the MAI 2 and 3 sums.
  const summed = new Map<string, { mue: MueRow; rows: number[] }>();
  for (const row of group.rows) {
    const code = lines.code(row).trim().toUpperCase();
    const mue = mueRowFor(tables, group.table, code);
    if (mue === undefined) continue;
    const span = lines.codeSpan(row);
    const file = lines.file(row);
    const lineUnits = lines.units(row);
    if (!countable(lineUnits)) {
      const unitsSpan = lines.unitsSpan(row);
      const what = unitsSpan === null ? 'no unit count' : lineUnits === null ? 'an unreadable unit count' : 'a unit count below 0';
      out.push({
        file,
        finding: {
          rule: MUE_UNITS_UNKNOWN_RULE,
          severity: 'warning',
          message: `${code} has ${what}, so it is counted as 1 unit against its MUE of ${mue.value}. Write the units of service on the line.`,
          span: unitsSpan === null ? span : unitsSpan,
          codes: [code],
        },
      });
    }
    if (mue.value === 0) {
      out.push({
        file,
        finding: {
          rule: MUE_NOT_PAYABLE_RULE,
          severity: 'error',
          message: `${code} has an MUE of 0 in the ${MUE_TABLE_NAMES[mue.kind]} MUE table (${mue.rationale || 'no rationale given'}): it is not payable for this type of claim. Remove the line, or bill the code the payer expects.`,
          span,
          codes: [code],
          data: { kind: 'mue', code, value: 0, mai: mue.mai, units: rowUnitsPerDay(lines, row), lines: [refOf(lines, row)] },
        },
      });
      continue;
    }
    if (mue.mai === 1) {
      perLine.rows.push(row);
      perLine.codes.push(code);
      perLine.mues.push(mue);
      const units = rowUnitsPerDay(lines, row);
      if (units > mue.value) out.push({ file, finding: exceeded(lines, code, mue, { units, written: rowShareOfDay(lines, row) }, [row], lines.from(row), fileNames) });
      continue;
    }
    const key = `${code}\u0000${lines.provider(row)}`;
    const entry = summed.get(key);
    if (entry) entry.rows.push(row);
    else summed.set(key, { mue, rows: [row] });
  }
  for (const [key, { mue, rows }] of summed) {
    const code = key.slice(0, key.indexOf('\u0000'));
    // Units per day over every day the lines cover; one finding per distinct set of lines over the value.
    const days = new Map<DateNumber, { units: number; rows: number[] }>();
    for (const row of rows) {
      const to = lines.to(row);
      const perDay = rowShareOfDay(lines, row);
      let day = lines.from(row);
      for (let n = 0; n < MAX_RANGE_DAYS && day <= to; n++, day = nextDay(day)) {
        const entry = days.get(day);
        if (entry) {
          entry.units += perDay;
          entry.rows.push(row);
        } else days.set(day, { units: perDay, rows: [row] });
      }
    }
    const reported = new Set<string>();
    for (const [day, { units: sum, rows: dayRows }] of [...days].sort((a, b) => a[0] - b[0])) {
      const units = countedUnits(sum);
      if (units <= mue.value) continue;
      const set = dayRows.map((r) => lines.order(r)).join(',');
      if (reported.has(set)) continue;
      reported.add(set);
      const last = dayRows[dayRows.length - 1]!;
      out.push({ file: lines.file(last), finding: exceeded(lines, code, mue, { units, written: sum }, dayRows, day, fileNames) });
    }
  }
}

/** Units as a message shows them: up to three decimals, as the related information does. */
function shownUnits(units: number): number {
  return Number(units.toFixed(3));
}

/**
 * How units written as a part of a unit are counted, when they are: the message says what the
 * lines report and then what the MUE is judged on, so 2.5 is not quoted back as 3.
 */
function countedText(written: number, counted: number): string {
  return shownUnits(written) === counted || !unitsShown(counted) ? '' : `, counted as ${counted} (a part of a unit counts as a unit)`;
}

/**
 * The finding for `rows` (of `lines`) whose units are over the value: it sits on the last of them.
 * `units`: the day's count judged against the value (rounded up); `written`: the units the lines
 * report for the day before rounding.
 */
function exceeded(
  lines: KeptLines,
  code: string,
  mue: MueRow,
  { units, written }: { units: number; written: number },
  rows: number[],
  day: DateNumber,
  fileNames: readonly string[] | undefined,
): Finding {
  const last = rows[rows.length - 1]!;
  const others = rows.slice(0, -1);
  const lastFile = lines.file(last);
  const where = (r: number) => lines.unitsSpan(r) ?? lines.codeSpan(r);
  const days = countedDays({ from: lines.from(last), to: lines.to(last) });
  // MAI 1 judges the line's own units (a date range's a day); MAI 2 and 3 the day's sum.
  const lineUnits = lines.units(last) ?? 1;
  // A line whose own count may be an id (as the units fix judges it, fixesMue.ts): the day's sum is
  // then not shown either; a large sum of ordinary counts is.
  const idLike = rows.some((r) => !unitsShown(lines.units(r) ?? 1));
  // Lines of other claims (or files) on the day, whose units alone are within the MUE: a payer
  // that paid those judges the later claim's against them. (Over it on their own, the earlier
  // claim is denied, and nothing is paid to judge against.)
  const earlier = others.filter((r) => lines.file(r) !== lastFile || lines.claimIndex(r) !== lines.claimIndex(last));
  const acrossClaims = earlier.length > 0 && countedUnits(earlier.reduce((n, r) => n + rowShareOfDay(lines, r), 0)) <= mue.value;
  const deniedWhole = acrossClaims ? `The payer judges the later claim against the units it already paid for the day: its lines of ${code} are denied whole` : `Every line of ${code} on the day is denied whole`;
  const sum = shownUnits(written);
  const perDay = days > 1 && !idLike ? `, ${sum} a day` : '';
  const reported = !idLike ? `${unitsWord(sum)} of ${code} are reported` : `${code} is reported with ${UNSHOWN_UNITS}`;
  const counted =
    mue.mai === 1
      ? `this line reports ${unitsText(shownUnits(lineUnits))}${days > 1 ? ` over ${days} days${perDay}` : ''}${countedText(written, units)}`
      : `${reported} for this patient and provider on ${formatDate(day)}${others.length > 0 ? `, over ${rows.length} lines (${lineList(lines, others, last, fileNames)}${others.length > 1 ? ',' : ''} and this one)` : ''}${countedText(written, units)}`;
  // A count of six or more digits is likelier an id typed or shifted into the units than a count:
  // lowering it to the MUE would keep a wrong value (and scale the charge down to nothing).
  const advice = idLike
    ? `Check the units written: a count this large is more likely another value in the units' place than units given.`
    : mue.mai === 1
      ? // CMS denies a line over a claim-line MUE whole, not its excess units.
        `The whole line is denied. Report at most ${mue.value}${days > 1 ? ` a day (${mue.value * days} in all)` : ''} on this line; further units belong on separate lines with a modifier that shows they were distinct (59, XE, XS, XP, XU, 76, 77, 91 or an anatomic modifier), when they were.`
      : mue.mai === 2
        ? days > 1
          ? // A line of a date range reports its days' units: its MUE is the value a day, times its days.
            `Over ${mue.value} a day, the lines of ${code} are denied whole, whatever the documentation; ${others.length === 0 ? `lower the units to ${mue.value * days} (${mue.value} a day over its ${days} days)` : `its ${days} days allow ${mue.value * days} in all, less what the other lines report on them`}.`
          : `${deniedWhole}, whatever the documentation; ${acrossClaims ? `lower the units so that the day's lines report ${mue.value} in all` : `lower the units to ${mue.value}${others.length > 0 ? ` in all, over these ${rows.length} lines` : ''}`}.`
        : `${deniedWhole}, unless the records support the units on appeal.`;
  return {
    rule: MUE_EXCEEDED_RULE,
    // MAI 3 too: the payer denies the units over the MUE when it processes the claim (records
    // win only on appeal), so a file sent as it is gets the line back denied.
    severity: 'error',
    message: `${code} is over its MUE of ${mue.value} (${MUE_TABLE_NAMES[mue.kind]} table, ${maiText(mue)}${mue.rationale ? `; ${mue.rationale}` : ''}): ${counted}. ${advice}`,
    span: where(last),
    codes: [code],
    related: others.map((o): RelatedLocation => {
      const share = shownUnits(rowShareOfDay(lines, o));
      const message = unitsShown(share) ? `${unitsText(share)} of ${code} counted here` : `${code} counted here with ${UNSHOWN_UNITS}`;
      return lines.file(o) === lastFile ? { span: where(o), message } : { span: where(o), message, file: lines.file(o) };
    }),
    data: { kind: 'mue', code, value: mue.value, mai: mue.mai, units, lines: rows.filter((r) => lines.file(r) === lastFile).map((r) => refOf(lines, r)) },
  };
}
