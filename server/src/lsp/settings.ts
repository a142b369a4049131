// The `claimlint` settings section: read in each shape a client sends it (answered to
// workspace/configuration, pushed with didChangeConfiguration, or given in initializationOptions),
// and turned into the rule files to load.
import { isAbsolute, resolve } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_GUIDE_CHECKS } from '../core/guides/checks';
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

/**
 * The settings a didChangeConfiguration push sets, or undefined when it holds no claimlint
 * section: an editor without workspace/configuration pushes every section it knows on any
 * change, and a push of other sections leaves Claimlint's as they were.
 */
export function pushedSettings(pushed: unknown): ClaimlintSettings | undefined {
  if (!pushed || typeof pushed !== 'object' || !(configurationSection in pushed)) return undefined;
  return withDefaults((pushed as Record<string, unknown>)[configurationSection]);
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
  const paths = (value: unknown): string[] => (workspace.trusted ? sanitizePaths(value).map(resolvePath) : []);
  return {
    builtinEdits: settings.builtinEdits !== false,
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

function sanitizePaths(paths: unknown): string[] {
  return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
}
