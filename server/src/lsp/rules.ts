// The rules the server checks with: the knowledge loaded from the settings' files, reloaded
// when they change on disk, with load problems reported once. Each new knowledge gets the next
// generation number, so an analysis made with older rules is never mistaken for a current one.
// Tables load off the request path (knowledgeLoader.ts): until the new knowledge is in, hovers
// and checks use the one before.
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_GUIDE_CHECKS, guideChecksOf, type GuideChecks } from '../core/guides/checks';
import { loadKnowledge, type Knowledge, type LoadedFile } from '../core/rules/knowledge';
import { defaultKnowledgeLoader, type KnowledgeLoader } from './knowledgeLoader';
import { fileReports, fileSummary, loadedSummary, otherProblems, rowsOf } from './loadReport';
import { LoadProblemsNotification, type ClaimlintSettings } from './protocol';
import type { Runtime } from './runtime';
import { allPaths, defaultSettings, knowledgeOptionsOf, ruleFilesOf, type RuleFiles, type WorkspaceContext } from './settings';

/** A file being written fires several change events: load once they have settled for this long. */
const RELOAD_DELAY_MS = 250;

export class Rules {
  /** The knowledge checks and hovers use now. */
  knowledge: Knowledge;
  /** Incremented each time knowledge is replaced, and when guideChecks changes. */
  generation = 0;
  /** The claimlint.guideChecks setting in force. */
  guideChecks: GuideChecks = DEFAULT_GUIDE_CHECKS;
  readonly workspace: WorkspaceContext = { trusted: true, root: null };
  private files: RuleFiles | null = null;
  private stopWatching: (() => void)[] = [];
  private readonly reported = new Set<string>();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: (() => void)[] = [];
  private readonly loader: KnowledgeLoader;
  /** The load whose result will be used (an older one's is dropped when it arrives), and its files. */
  private latest: { ticket: number; files: RuleFiles } | null = null;
  private tickets = 0;
  /** Called when no load is in progress any more. */
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly runtime: Runtime,
    loader?: KnowledgeLoader,
  ) {
    // The defaults read no file (built-in data only): loaded here, at once.
    this.knowledge = loadKnowledge(knowledgeOptionsOf(ruleFilesOf(defaultSettings, this.workspace), this.runtime));
    this.loader = loader ?? defaultKnowledgeLoader(runtime, (message) => this.connection.console.warn(message));
  }

  /** Calls listener each time the knowledge is replaced. */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Whether rule files are being loaded (the knowledge in use is the one before). */
  get loading(): boolean {
    return this.latest !== null;
  }

  /** Resolves when no load is in progress (at once when none is). */
  whenLoaded(): Promise<void> {
    return this.latest === null ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Loads the files of these settings and watches them. The same files, already loaded or being
   * loaded, are not loaded again (clients send the settings again unchanged, and with every other
   * change); a change on disk reloads them through the watchers.
   */
  apply(settings: ClaimlintSettings): void {
    // A new guide-checks mode makes every analysis out of date, as new rules do.
    const guideChecks = guideChecksOf(settings.guideChecks);
    if (guideChecks !== this.guideChecks) {
      this.guideChecks = guideChecks;
      this.generation++;
      this.listeners.forEach((listener) => listener());
    }
    const files = ruleFilesOf(settings, this.workspace);
    const current = this.latest !== null ? this.latest.files : this.files;
    if (current !== null && sameFiles(current, files)) return;
    void this.load(files);
  }

  private async load(files: RuleFiles): Promise<void> {
    const ticket = ++this.tickets;
    this.latest = { ticket, files };
    // Watched from now on: a change while the files load loads them again.
    this.watch(files);
    // Settings that name no file read nothing: the built-in data is loaded at once.
    const paths = allPaths(files);
    if (paths.length > 0) this.connection.console.info(`Claimlint rules: loading ${paths.length === 1 ? '1 rule file or folder' : `${paths.length} rule files or folders`}; the rules in use stay until they are loaded.`);
    let loaded: Knowledge | null = null;
    try {
      loaded = paths.length === 0 ? loadKnowledge(knowledgeOptionsOf(files, this.runtime)) : await this.loader(files);
    } catch (error) {
      // Neither loader throws (loadKnowledge turns every failure into a problem); should one, the rules in use stay.
      this.connection.console.error(`Claimlint rules: loading failed (${error instanceof Error ? error.name : 'error'}); the rules in use stay.`);
    }
    // Newer settings or a change on disk started another load: its result is the one to use.
    if (this.latest?.ticket !== ticket) return;
    this.latest = null;
    try {
      if (loaded) this.use(loaded, files);
    } catch (error) {
      this.connection.console.error(`Claimlint rules: the loaded rules could not be put in use (${error instanceof Error ? error.name : 'error'}).`);
    } finally {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  private use(loaded: Knowledge, files: RuleFiles): void {
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
    this.connection.console.info(loadSummary(this.knowledge, files));
    if (replaced) this.listeners.forEach((listener) => listener());
  }

  private watch(files: RuleFiles): void {
    this.stopWatching.forEach((stop) => stop());
    this.stopWatching = allPaths(files).map((file) => this.runtime.watchFile(file, () => this.reloadSoon(files)));
  }

  private reloadSoon(files: RuleFiles): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.load(files);
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
