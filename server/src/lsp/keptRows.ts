// The rows kept from a rule file the settings still name but that cannot be read now (deleted
// before a download replaces it, being written, a zip half downloaded): its rows from the
// knowledge before stay in use until it can be read again, while every other file's rows are the
// ones just loaded. A table that holds kept rows is built again from both knowledges, in the order
// the files load, since that order decides which table a PTP pair is judged by and which MUE value
// or descriptor a code keeps. It runs on the server's thread in slices (a CMS PTP table is a
// million rows), so requests are answered meanwhile.
import { sep } from 'node:path';
import { isProcedureCode } from '../core/procedureCodes';
import { AocTable, type AocRow } from '../core/rules/aoc';
import { BUILTIN_SOURCE, DescriptorTable } from '../core/rules/descriptors';
import type { Knowledge, LoadedFile } from '../core/rules/knowledge';
import { MUE_TABLE_KINDS, MueTable, type MueRow } from '../core/rules/mue';
import { PtpRuleSet, type PtpEdit } from '../core/rules/ptp';
import { ZIP_ENTRY_SEPARATOR } from '../core/rules/ruleFiles';

/** PTP rows added between two pauses. */
const SLICE = 5_000;

/** A file of the settings that gave no rows this time, and the files its rows came from before (itself, or a zip's or folder's tables). */
export interface LostFile {
  file: LoadedFile;
  kept: LoadedFile[];
}

/** The files of a load that gave rows before and none now. */
export function lostFiles(loaded: Knowledge, before: Knowledge): LostFile[] {
  const loadedNow = new Set(loaded.files.filter((file) => file.rows > 0).map((file) => `${file.kind}\u0000${file.source}`));
  return loaded.files.flatMap((file) => {
    if (file.rows > 0) return [];
    const folder = file.source.endsWith(sep) ? file.source : file.source + sep;
    const from = (source: string) => source === file.source || source.startsWith(file.source + ZIP_ENTRY_SEPARATOR) || source.startsWith(folder);
    const kept = before.files.filter((k) => k.kind === file.kind && k.rows > 0 && from(k.source) && !loadedNow.has(`${k.kind}\u0000${k.source}`));
    return kept.length > 0 ? [{ file, kept }] : [];
  });
}

/**
 * The loaded knowledge with the lost files' rows taken from the knowledge before. Its files are
 * the loaded ones with each lost file in the place of the files kept from it, as the rules in use
 * are; its problems are the load's (the lost file's included).
 */
export async function withKeptRows(loaded: Knowledge, before: Knowledge, lost: readonly LostFile[], pause: () => Promise<void>): Promise<Knowledge> {
  const files = loaded.files.flatMap((file) => lost.find((l) => l.file === file)?.kept ?? [file]);
  const keptFiles = new Set(lost.flatMap((l) => l.kept));
  /** The load order of one table's files, when some of them are kept; null when none is (the loaded table is used as it is). */
  const orderOf = (inTable: (file: LoadedFile) => boolean): Order | null => {
    const table = files.filter(inTable);
    const kept = new Set(table.filter((file) => keptFiles.has(file)).map((file) => file.source));
    return kept.size > 0 ? new Order(table, kept) : null;
  };

  const tables = { ...loaded.tables };
  for (const table of ['practitioner', 'hospital'] as const) {
    const order = orderOf((file) => file.kind === 'ptp' && file.table === table);
    if (order) tables[table] = await mergedPtp(loaded.tables[table], before.tables[table], order, pause);
  }
  const mue = { ...loaded.mue };
  for (const kind of MUE_TABLE_KINDS) {
    const order = orderOf((file) => file.kind === 'mue' && file.mueTable === kind);
    if (order) mue[kind] = mergedMue(loaded.mue[kind], before.mue[kind], order);
  }
  const aocOrder = orderOf((file) => file.kind === 'aoc');
  const aoc = aocOrder ? await mergedAoc(loaded.aoc, before.aoc, aocOrder, pause) : loaded.aoc;
  const descriptorOrder = orderOf((file) => file.kind === 'descriptors');
  const descriptors = descriptorOrder ? await mergedDescriptors(loaded.descriptors, before.descriptors, descriptorOrder, pause) : loaded.descriptors;
  return { rules: tables.practitioner, tables, mue, aoc, descriptors, problems: loaded.problems, files };
}

/** Where the rows of one table's files go: the order the files load in (the built-in data first), and which are kept from before. */
class Order {
  private readonly ranks = new Map<string, number>();

  constructor(
    files: readonly LoadedFile[],
    readonly kept: ReadonlySet<string>,
  ) {
    files.forEach((file, index) => this.ranks.set(file.source, index));
  }

  rank(source: string): number {
    return source === BUILTIN_SOURCE ? -1 : (this.ranks.get(source) ?? this.ranks.size);
  }

  /** Groups of rows by source, in load order. */
  inOrder<T>(groups: Map<string, T[]>): T[][] {
    return [...groups].sort(([a], [b]) => this.rank(a) - this.rank(b)).map(([, rows]) => rows);
  }
}

/** Each table's rows are in the order its files were loaded, so the kept file's rows are merged in before the first row of a file after it. */
async function mergedPtp(now: PtpRuleSet, before: PtpRuleSet, order: Order, pause: () => Promise<void>): Promise<PtpRuleSet> {
  const merged = new PtpRuleSet();
  let added = 0;
  const add = (edit: PtpEdit): boolean => {
    merged.add(edit, edit.source);
    return ++added % SLICE === 0;
  };
  const kept = editsOf(before, (source) => order.kept.has(source));
  let next = kept.next();
  for (const edit of editsOf(now, (source) => !order.kept.has(source))) {
    for (; !next.done && order.rank(next.value.source) < order.rank(edit.source); next = kept.next()) if (add(next.value)) await pause();
    if (add(edit)) await pause();
  }
  for (; !next.done; next = kept.next()) if (add(next.value)) await pause();
  return merged.finish();
}

function* editsOf(set: PtpRuleSet, wanted: (source: string) => boolean): Generator<PtpEdit> {
  for (let row = 0; row < set.size; row++) {
    const edit = set.editAt(row);
    if (wanted(edit.source)) yield edit;
  }
}

/**
 * An MUE table keeps one row per code, the last file's: the rows go in again file by file. (A code
 * a file after the kept one named before, and names no more, goes without the kept file's value:
 * the table before held only the later file's. Descriptors are alike.)
 */
function mergedMue(now: MueTable, before: MueTable, order: Order): MueTable {
  const groups = new Map<string, MueRow[]>();
  for (const row of now.rows()) if (!order.kept.has(row.source)) push(groups, row.source, row);
  for (const row of before.rows()) if (order.kept.has(row.source)) push(groups, row.source, row);
  const merged = new MueTable(now.kind);
  for (const rows of order.inOrder(groups)) for (const row of rows) merged.add(row);
  return merged;
}

async function mergedAoc(now: AocTable, before: AocTable, order: Order, pause: () => Promise<void>): Promise<AocTable> {
  const groups = new Map<string, AocRow[]>();
  await eachProcedureCode(pause, (code) => {
    if (now.isAddOn(code)) for (const row of now.rowsForAddOn(code)) if (!order.kept.has(row.source)) push(groups, row.source, row);
    if (before.isAddOn(code)) for (const row of before.rowsForAddOn(code)) if (order.kept.has(row.source)) push(groups, row.source, row);
  });
  const merged = new AocTable();
  for (const rows of order.inOrder(groups)) for (const row of rows) merged.add(row);
  return merged;
}

/** Each code keeps the descriptor of the last file in load order that has it. */
async function mergedDescriptors(now: DescriptorTable, before: DescriptorTable, order: Order, pause: () => Promise<void>): Promise<DescriptorTable> {
  const merged = new DescriptorTable();
  await eachProcedureCode(pause, (code) => {
    const loaded = now.get(code);
    const earlier = before.get(code);
    const kept = earlier !== undefined && order.kept.has(earlier.source) ? earlier : undefined;
    const descriptor = kept === undefined || (loaded !== undefined && order.rank(loaded.source) > order.rank(kept.source)) ? loaded : kept;
    if (descriptor !== undefined) merged.set(descriptor);
  });
  return merged;
}

/**
 * Calls visit with every procedure code (procedureCodes.ts). The add-on code and descriptor tables
 * take no other code and have no list of their rows, so this is how their rows are found. Only a
 * code's first and last characters decide whether it is one (the middle three are digits).
 */
async function eachProcedureCode(pause: () => Promise<void>, visit: (code: string) => void): Promise<void> {
  const characters = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const first of characters) {
    for (const last of characters) {
      if (!isProcedureCode(`${first}000${last}`)) continue;
      for (let middle = 0; middle < 1000; middle++) visit(`${first}${String(middle).padStart(3, '0')}${last}`);
    }
    await pause();
  }
}

function push<T>(groups: Map<string, T[]>, source: string, row: T): void {
  const rows = groups.get(source);
  if (rows) rows.push(row);
  else groups.set(source, [row]);
}
