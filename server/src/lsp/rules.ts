// The rules the server checks with: the knowledge loaded from the settings' files, reloaded
// when they change on disk, with load problems reported once. Each new knowledge gets the next
// generation number, so an analysis made with older rules is never mistaken for a current one.
import type { Connection } from 'vscode-languageserver/node';
import { loadKnowledge, type Knowledge, type LoadedFile } from '../core/rules/knowledge';
import { fileReports, fileSummary, loadedSummary, otherProblems, rowsOf } from './loadReport';
import { LoadProblemsNotification, type ClaimlintSettings } from './protocol';
import type { Runtime } from './runtime';
import { allPaths, defaultSettings, knowledgeOptionsOf, ruleFilesOf, type RuleFiles, type WorkspaceContext } from './settings';

/** A file being written fires several change events: load once they have settled for this long. */
const RELOAD_DELAY_MS = 250;

export class Rules {
  /** The knowledge checks and hovers use now. */
  knowledge: Knowledge;
  /** Incremented each time knowledge is replaced. */
  generation = 0;
  readonly workspace: WorkspaceContext = { trusted: true, root: null };
  private files: RuleFiles | null = null;
  private stopWatching: (() => void)[] = [];
  private readonly reported = new Set<string>();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly runtime: Runtime,
  ) {
    this.knowledge = loadKnowledge(knowledgeOptionsOf(ruleFilesOf(defaultSettings, this.workspace), this.runtime));
  }

  /** Calls listener each time the knowledge is replaced. */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Loads the files of these settings and watches them. */
  apply(settings: ClaimlintSettings): void {
    this.load(ruleFilesOf(settings, this.workspace));
  }

  private load(files: RuleFiles): void {
    const loaded = loadKnowledge(knowledgeOptionsOf(files, this.runtime));
    // A file that loaded before and cannot be read now (being rewritten, briefly missing) keeps
    // the rules already loaded: the previous knowledge stays until the files read again.
    const same = this.files !== null && sameFiles(this.files, files);
    const before = (file: LoadedFile): LoadedFile | undefined => this.knowledge.files.find((k) => k.source === file.source && k.kind === file.kind && k.rows > 0);
    const lost = (file: LoadedFile): boolean => same && file.rows === 0 && before(file) !== undefined;
    const replaced = !loaded.files.some(lost);
    // One line per file with problems, never one per bad row.
    const problems = [
      ...fileReports(loaded)
        .filter((report) => report.problems.length > 0)
        .map((report) =>
          lost(report.file)
            ? `${fileSummary(report)}; kept the rules loaded from it before (${rowsOf(before(report.file)!)}) until it can be read again`
            : fileSummary(report),
        ),
      ...otherProblems(loaded),
    ];
    if (replaced) {
      this.knowledge = loaded;
      this.generation++;
      this.files = files;
    }
    const fresh = problems.filter((p) => !this.reported.has(p));
    fresh.forEach((p) => this.reported.add(p));
    if (fresh.length > 0) {
      for (const problem of fresh) this.connection.console.warn(`Claimlint rules: ${problem}`);
      void this.connection.sendNotification(LoadProblemsNotification.type, { problems: fresh });
    }
    this.stopWatching.forEach((stop) => stop());
    this.stopWatching = allPaths(files).map((file) => this.runtime.watchFile(file, () => this.reloadSoon(files)));
    this.connection.console.info(loadSummary(this.knowledge, files));
    if (replaced) this.listeners.forEach((listener) => listener());
  }

  private reloadSoon(files: RuleFiles): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      this.load(files);
    }, RELOAD_DELAY_MS);
  }
}

/**
 * The log line saying what was loaded: the load report's (per kind of file, the files that gave
 * rows and the rows; the PTP edits in use), then, when MUE or add-on code files are set, the MUE
 * values in use in each table and the add-on code edits in use.
 */
export function loadSummary(knowledge: Knowledge, files: RuleFiles): string {
  const summary = loadedSummary(knowledge, files.builtinEdits);
  if (files.mueFiles.length === 0 && files.addOnCodeFiles.length === 0) return summary;
  const { practitioner, hospital, dme } = knowledge.mue;
  return (
    `${summary} MUE values in use: ${practitioner.size} practitioner, ${hospital.size} outpatient hospital and ${dme.size} DME; ` +
    `add-on code edits in use: ${knowledge.aoc.size}.`
  );
}

function sameFiles(a: RuleFiles, b: RuleFiles): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
