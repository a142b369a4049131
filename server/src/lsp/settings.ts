// The `claimlint` settings section: read in each shape a client sends it (answered to
// workspace/configuration, pushed with didChangeConfiguration, or given in initializationOptions),
// its values checked, and turned into the rule files to load.
import { isAbsolute, resolve } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_GUIDE_CHECKS, GUIDE_CHECK_MODES, guideChecksOf } from '../core/guides/checks';
import type { KnowledgeOptions } from '../core/rules/knowledge';
import { tableKindFromName } from '../core/rules/ruleFiles';
import { configurationSection, type ClaimlintInitializationOptions, type ClaimlintSettings } from './protocol';
import type { Runtime } from './runtime';

export const defaultSettings: ClaimlintSettings = {
  ptpEditFiles: [],
  hospitalPtpEditFiles: [],
  mueFiles: [],
  addOnCodeFiles: [],
  descriptorFiles: [],
  builtinEdits: true,
  guideChecks: DEFAULT_GUIDE_CHECKS,
};

/** A section's value with every missing key at its default (anything but an object is all defaults). */
export function withDefaults(section: unknown): ClaimlintSettings {
  return section && typeof section === 'object' ? { ...defaultSettings, ...(section as Partial<ClaimlintSettings>) } : defaultSettings;
}

/**
 * The settings in initializationOptions.settings, flat ({ ptpEditFiles }) or nested as
 * didChangeConfiguration sends them ({ claimlint: { ptpEditFiles } }); undefined when there are none.
 */
export function initialSettings(options: ClaimlintInitializationOptions): ClaimlintSettings | undefined {
  const given: unknown = options.settings;
  const section = given && typeof given === 'object' && configurationSection in given ? (given as Record<string, unknown>)[configurationSection] : given;
  return section && typeof section === 'object' ? withDefaults(section) : undefined;
}

/** Whether an object holds at least one of the section's own keys (ptpEditFiles, guideChecks...). */
function holdsSettings(value: object): boolean {
  return Object.keys(defaultSettings).some((key) => key in value);
}

/**
 * The settings a didChangeConfiguration push sets, or undefined when it holds none of Claimlint's:
 * an editor without workspace/configuration pushes every section it knows on any change, and a
 * push of other sections leaves Claimlint's as they were. The section nested as VS Code sends it
 * ({ claimlint: {...} }), or flat ({ guideChecks, ptpEditFiles }), or under `settings` as Helix
 * sends its `config` ({ settings: {...} }). Found in review: a flat push was dropped without a word.
 */
export function pushedSettings(pushed: unknown): ClaimlintSettings | undefined {
  if (!pushed || typeof pushed !== 'object') return undefined;
  if (configurationSection in pushed) return withDefaults((pushed as Record<string, unknown>)[configurationSection]);
  if (holdsSettings(pushed)) return withDefaults(pushed);
  const inner = (pushed as Record<string, unknown>).settings;
  return inner && typeof inner === 'object' && inner !== pushed ? pushedSettings(inner) : undefined;
}

/**
 * Asks the client for the section; undefined when it does not answer, or answers null (LSP 3.17:
 * null is what a client that cannot provide the section sends, as Neovim, Helix and eglot do when
 * they hold no claimlint settings): the settings already known, from initializationOptions or an
 * earlier answer, then stay.
 */
export async function pullSettings(connection: Connection): Promise<ClaimlintSettings | undefined> {
  try {
    const [value] = (await connection.workspace.getConfiguration([{ section: configurationSection }])) as [unknown];
    return value === null || value === undefined ? undefined : withDefaults(value);
  } catch {
    return undefined;
  }
}

/** What the server loads: resolved, trusted paths (each a file, a CMS .zip or a folder). */
export interface RuleFiles {
  builtinEdits: boolean;
  ptpFiles: string[];
  hospitalPtpFiles: string[];
  mueFiles: string[];
  addOnCodeFiles: string[];
  descriptorFiles: string[];
}

export interface WorkspaceContext {
  /** false in an untrusted workspace: settings that point at files are then ignored. */
  trusted: boolean;
  /** The first workspace folder's path, against which relative paths resolve. */
  root: string | null;
}

/**
 * The files these settings point at. The settings are window-scoped in package.json, not
 * resource-scoped: the server keeps one knowledge for every document and asks for the settings
 * without a scope, so a per-folder value could not be honoured. Relative paths therefore resolve
 * against the first workspace folder.
 */
export function ruleFilesOf(settings: ClaimlintSettings, workspace: WorkspaceContext): RuleFiles {
  const resolvePath = (path: string): string => (isAbsolute(path) || !workspace.root ? path : resolve(workspace.root, path));
  // In an untrusted workspace, settings that point at files are ignored: only built-in data is used.
  const paths = (value: unknown): string[] => (workspace.trusted ? pathsOf(value).map(resolvePath) : []);
  return {
    builtinEdits: builtinEditsOf(settings.builtinEdits),
    ptpFiles: paths(settings.ptpEditFiles),
    hospitalPtpFiles: paths(settings.hospitalPtpEditFiles),
    mueFiles: paths(settings.mueFiles),
    addOnCodeFiles: paths(settings.addOnCodeFiles),
    descriptorFiles: paths(settings.descriptorFiles),
  };
}

/** What loadKnowledge is given for these files. */
export function knowledgeOptionsOf(files: RuleFiles, runtime: Pick<Runtime, 'readFile' | 'expandRuleFiles'>): KnowledgeOptions {
  const options: KnowledgeOptions = {
    builtinEdits: files.builtinEdits,
    ptpFiles: files.ptpFiles,
    hospitalPtpFiles: files.hospitalPtpFiles,
    mueFiles: files.mueFiles,
    addOnCodeFiles: files.addOnCodeFiles,
    descriptorFiles: files.descriptorFiles,
    readFile: runtime.readFile,
    // A table in ptpEditFiles named as the outpatient hospital one (ccioph…) goes to that table.
    tableOfName: tableKindFromName,
  };
  // Folders and CMS .zip downloads are expanded to their tables by the host.
  if (runtime.expandRuleFiles) options.expand = runtime.expandRuleFiles;
  return options;
}

/** Every path of these rule files (files, zips and folders), to watch. */
export function allPaths(files: RuleFiles): string[] {
  return [...new Set([...files.ptpFiles, ...files.hospitalPtpFiles, ...files.mueFiles, ...files.addOnCodeFiles, ...files.descriptorFiles])];
}

/** The settings that hold paths, as ClaimlintSettings names them. */
const PATH_SETTINGS = ['ptpEditFiles', 'hospitalPtpEditFiles', 'mueFiles', 'addOnCodeFiles', 'descriptorFiles'] as const;

/**
 * A file setting's paths: a list, or one path given as a string (the usual slip in a Neovim
 * `settings` table or an eglot plist, which nothing checks against package.json). Entries that
 * are not text are left out, and settingsProblems says so; blank ones are no path.
 */
function pathsOf(value: unknown): string[] {
  const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return list.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
}

/** claimlint.builtinEdits: on unless false, or the text "false" (settingsProblems says to write it without quotes). */
function builtinEditsOf(value: unknown): boolean {
  return !(value === false || (typeof value === 'string' && value.trim().toLowerCase() === 'false'));
}

/**
 * What is wrong with the values of these settings, one line per setting, naming it and saying
 * what is used instead: other editors pass on whatever the user wrote, and VS Code passes on a
 * value its settings editor marks as not matching package.json. A value is quoted only when short
 * and word-like (a mistyped choice); a path or anything longer is described by its type. Settings
 * that point at files are not checked in an untrusted workspace, which ignores them.
 */
export function settingsProblems(settings: ClaimlintSettings, workspace: WorkspaceContext): string[] {
  const problems: string[] = [];
  const given = settings as unknown as Record<string, unknown>;
  for (const key of workspace.trusted ? PATH_SETTINGS : []) {
    const value = given[key];
    if (value === undefined || value === null || typeof value === 'string') continue;
    if (!Array.isArray(value)) {
      problems.push(`claimlint.${key} should be a list of paths (or one path), not ${described(value)}; no file is loaded from it.`);
      continue;
    }
    const others = value.flatMap((entry: unknown, index) => (typeof entry === 'string' ? [] : [`${index + 1} (${described(entry)})`]));
    if (others.length > 0) {
      const which = others.length === 1 ? `entry ${others[0]} is not a path and is` : `entries ${others.slice(0, -1).join(', ')} and ${others.at(-1)} are not paths and are`;
      problems.push(`claimlint.${key}: ${which} left out.`);
    }
  }
  const builtin = given.builtinEdits;
  if (typeof builtin === 'string' && ['true', 'false'].includes(builtin.trim().toLowerCase())) {
    problems.push(`claimlint.builtinEdits is the text ${described(builtin)}, not true or false: read as ${builtinEditsOf(builtin)} (write it without quotes).`);
  } else if (builtin !== undefined && builtin !== null && typeof builtin !== 'boolean') {
    problems.push(`claimlint.builtinEdits should be true or false, not ${described(builtin)}; using true, the default.`);
  }
  const modes = `${GUIDE_CHECK_MODES.slice(0, -1).join(', ')} or ${GUIDE_CHECK_MODES.at(-1)}`;
  guideChecksOf(given.guideChecks, () =>
    problems.push(`claimlint.guideChecks should be ${modes}, not ${described(given.guideChecks)}; using ${DEFAULT_GUIDE_CHECKS}, the default.`),
  );
  return problems;
}

/** A setting's value in a message: quoted when it is a short word (a mistyped choice), else its type. */
function described(value: unknown): string {
  if (typeof value === 'string') return /^[\w .-]{1,20}$/.test(value) ? JSON.stringify(value) : value.trim() === '' ? 'blank' : 'text';
  if (typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'number') return 'a number';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Said after a load problem of a path that is relative while no workspace folder is open: it was
 * then read from the server's working directory, which the user rarely knows or meant.
 */
export function relativePathNote(path: string, workspace: WorkspaceContext): string {
  return workspace.root === null && !isAbsolute(path) ? ` (a relative path, and no workspace folder is open to resolve it against: it was looked for in the server's working directory, ${process.cwd()})` : '';
}
