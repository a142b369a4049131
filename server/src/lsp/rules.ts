// The rules the server checks with: the knowledge loaded from the settings' files, reloaded
// when they change on disk or appear, with load problems and settings of the wrong shape said
// once while they last. Each new knowledge gets the next generation number, so an analysis made
// with older rules is never mistaken for a current one.
// Tables load off the request path (knowledgeLoader.ts): until the new knowledge is in, hovers
// and checks use the one before.
import { type Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { DEFAULT_GUIDE_CHECKS, guideChecksOf, type GuideChecks } from '../core/guides/checks';
import { loadKnowledge, type Knowledge } from '../core/rules/knowledge';
import { lostFiles, withKeptRows } from './keptRows';
import { defaultKnowledgeLoader, type KnowledgeLoader } from './knowledgeLoader';
import { fileReports, fileSummary, loadedSummary, otherKindsInFolders, otherProblems, rowsOf, whyUnusable } from './loadReport';
import { LoadProblemsNotification, type ClaimlintSettings } from './protocol';
import type { Runtime } from './runtime';
import { allPaths, defaultSettings, knowledgeOptionsOf, relativePathNote, ruleFilesOf, settingsProblems, type RuleFiles, type WorkspaceContext } from './settings';

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
  /** The client shows claimlint/loadProblems itself (ClaimlintInitializationOptions.showsLoadProblems); else they also go as window/showMessage. */
  clientShowsLoadProblems = false;
  /** The files the knowledge in use was loaded from. */
  private files: RuleFiles | null = null;
  /** The files of the settings in force: what a reload after a change on disk loads. */
  private wanted: RuleFiles | null = null;
  private stopWatching: (() => void)[] = [];
  /** Watched paths changed on disk since the knowledge in use was loaded, each with the number of its latest change. */
  private readonly changes = new Map<string, number>();
  private changeCount = 0;
  private readonly loadProblems = new SaidWhileTheyLast();
  private readonly settingsProblems = new SaidWhileTheyLast();
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
    this.tellSettingsProblems(settingsProblems(settings, this.workspace));
    // A new guide-checks mode makes every analysis out of date, as new rules do.
    const guideChecks = guideChecksOf(settings.guideChecks);
    if (guideChecks !== this.guideChecks) {
      this.guideChecks = guideChecks;
      this.generation++;
      this.listeners.forEach((listener) => listener());
    }
    const files = ruleFilesOf(settings, this.workspace);
    this.wanted = files;
    const current = this.latest !== null ? this.latest.files : this.files;
    if (current !== null && sameFiles(current, files)) return;
    // A reload waiting for a change on disk to settle would load the files of the settings before.
    this.cancelReload();
    void this.load(files);
  }

  private async load(files: RuleFiles): Promise<void> {
    const ticket = ++this.tickets;
    this.latest = { ticket, files };
    const superseded = (): boolean => this.latest?.ticket !== ticket;
    // The changes on disk so far are read by this load.
    const seen = this.changeCount;
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
    let outcome: LoadOutcome | null = null;
    if (loaded !== null && !superseded()) {
      try {
        outcome = await this.outcomeOf(loaded, files, seen, superseded);
      } catch (error) {
        if (!superseded()) this.connection.console.error(`Claimlint rules: the loaded rules could not be put in use (${error instanceof Error ? error.name : 'error'}).`);
      }
    }
    // Newer settings or a change on disk started another load: its result is the one to use.
    if (superseded()) return;
    this.latest = null;
    try {
      if (outcome !== null) this.use(outcome, files, seen);
    } catch (error) {
      this.connection.console.error(`Claimlint rules: the loaded rules could not be put in use (${error instanceof Error ? error.name : 'error'}).`);
    } finally {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  /**
   * The knowledge a load puts in use, and its problems. A file that gave rows before and gives
   * none now (deleted before a download replaces it, being rewritten) keeps its rows until it can
   * be read again, and every other file's new rows are taken (keptRows.ts).
   */
  private async outcomeOf(loaded: Knowledge, files: RuleFiles, seen: number, superseded: () => boolean): Promise<LoadOutcome> {
    const same = this.files !== null && sameFiles(this.files, files);
    const lost = same ? lostFiles(loaded, this.knowledge) : [];
    // One line per file with problems, never one per bad row; a file of another kind in a folder
    // given for this one is skipped, said in the log alone (otherKindsInFolders).
    const reports = fileReports(loaded);
    const skipped = otherKindsInFolders(reports);
    const notes = [...skipped].map((report) => `skipped ${report.file.source}: ${whyUnusable(report)}`);
    const problems = [
      ...reports
        .filter((report) => report.problems.length > 0 && !skipped.has(report))
        .map((report) => {
          const line = `${fileSummary(report)}${relativePathNote(report.file.source, this.workspace)}`;
          const kept = lost.find((l) => l.file === report.file)?.kept;
          if (kept === undefined) return line;
          const rows = kept.reduce((sum, file) => sum + file.rows, 0);
          return `${line}; kept the rules loaded from it before (${rowsOf({ ...report.file, rows })}) until it can be read again`;
        }),
      ...otherProblems(loaded),
    ];
    if (lost.length === 0) return { knowledge: loaded, problems, notes };
    // Nothing but the lost files changed on disk (a table deleted, the usual first step of replacing
    // it): the rules in use are what the merge would give.
    const changed = [...this.changes].filter(([, count]) => count <= seen).map(([path]) => path);
    if (changed.every((path) => lost.some((l) => l.file.source === path))) return { knowledge: null, problems, notes };
    const pause = (): Promise<void> =>
      new Promise<void>((resolve) => this.runtime.schedule(resolve)).then(() => {
        if (superseded()) throw new Error('superseded by a newer load');
      });
    return { knowledge: await withKeptRows(loaded, this.knowledge, lost, pause), problems, notes };
  }

  private use(outcome: LoadOutcome, files: RuleFiles, seen: number): void {
    const { knowledge, problems, notes } = outcome;
    if (knowledge !== null) {
      this.knowledge = knowledge;
      this.generation++;
      this.files = files;
    }
    for (const [path, count] of this.changes) if (count <= seen) this.changes.delete(path);
    const fresh = this.loadProblems.fresh(problems);
    if (fresh.length > 0) {
      for (const problem of fresh) this.connection.console.warn(`Claimlint rules: ${problem}`);
      void this.connection.sendNotification(LoadProblemsNotification.type, { problems: fresh });
      if (!this.clientShowsLoadProblems) {
        const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more in the server's log)` : '';
        void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Claimlint rules: ${fresh[0]}${more}` });
      }
    }
    for (const note of notes) this.connection.console.info(`Claimlint rules: ${note}`);
    this.connection.console.info(loadSummary(this.knowledge, files));
    if (knowledge !== null) this.listeners.forEach((listener) => listener());
  }

  /**
   * Settings of the wrong shape, said in the log and as a warning, which every editor shows:
   * editors other than VS Code pass on whatever the user wrote.
   */
  private tellSettingsProblems(problems: string[]): void {
    const fresh = this.settingsProblems.fresh(problems);
    if (fresh.length === 0) return;
    for (const problem of fresh) this.connection.console.warn(`Claimlint settings: ${problem}`);
    // A notification, not showWarningMessage's request: nothing is asked of the user, and it may be sent while initialize is answered.
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Claimlint settings: ${fresh.join(' ')}` });
  }

  private watch(files: RuleFiles): void {
    this.stopWatching.forEach((stop) => stop());
    this.stopWatching = allPaths(files).map((path) => this.runtime.watchFile(path, () => this.changedOnDisk(path)));
  }

  private changedOnDisk(path: string): void {
    this.changes.set(path, ++this.changeCount);
    this.cancelReload();
    // The files of the settings in force then, which may have changed since this path was watched.
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      if (this.wanted !== null) void this.load(this.wanted);
    }, RELOAD_DELAY_MS);
  }

  private cancelReload(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
  }
}

/** What a load puts in use: its knowledge (null: the knowledge in use stays) and its problems. */
interface LoadOutcome {
  knowledge: Knowledge | null;
  problems: string[];
  /** Files skipped (of another kind, in a folder), for the log. */
  notes: string[];
}

/**
 * Problems said once while they last: a problem is said when it appears, not again while each
 * later list holds it (a reload, the same settings sent again), and again when it comes back
 * after a list without it (a path taken out of the settings, then set again).
 */
class SaidWhileTheyLast {
  private last: ReadonlySet<string> = new Set();

  fresh(problems: readonly string[]): string[] {
    const fresh = problems.filter((problem) => !this.last.has(problem));
    this.last = new Set(problems);
    return fresh;
  }
}

/**
 * The log line saying what was loaded: the load report's (per kind of file, the files that gave
 * rows and the rows; the PTP edits in use), then, when MUE or add-on code files are set, the MUE
 * values in use in each table and the add-on code edits in use.
 */
export function loadSummary(knowledge: Knowledge, files: RuleFiles): string {
  const skipped = new Set([...otherKindsInFolders(fileReports(knowledge))].map((report) => report.file));
  const summary = loadedSummary(knowledge, files.builtinEdits, skipped);
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
