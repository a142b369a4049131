// The `claimlint` settings section: read in each shape a client sends it (answered to
// workspace/configuration, pushed with didChangeConfiguration, or given in initializationOptions),
// and turned into the rule files to load.
import { isAbsolute, resolve } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { configurationSection, type ClaimlintInitializationOptions, type ClaimlintSettings } from './protocol';

export const defaultSettings: ClaimlintSettings = { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true };

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

/** Asks the client for the section; undefined when it does not answer. */
export async function pullSettings(connection: Connection): Promise<ClaimlintSettings | undefined> {
  try {
    const [value] = (await connection.workspace.getConfiguration([{ section: configurationSection }])) as [unknown];
    return withDefaults(value);
  } catch {
    return undefined;
  }
}

/** What the server loads: resolved, trusted paths. */
export interface RuleFiles {
  builtinEdits: boolean;
  ptpFiles: string[];
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
    descriptorFiles: paths(settings.descriptorFiles),
  };
}

/** Every file of these rule files, to watch. */
export function allPaths(files: RuleFiles): string[] {
  return [...files.ptpFiles, ...files.descriptorFiles];
}

function sanitizePaths(paths: unknown): string[] {
  return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
}
