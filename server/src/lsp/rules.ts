// The rules the server checks with: the knowledge loaded from the settings' files, reloaded
// when they change on disk, with load problems reported once. Each new knowledge gets the next
// generation number, so an analysis made with older rules is never mistaken for a current one.
import type { Connection } from 'vscode-languageserver/node';
import { loadKnowledge, type Knowledge } from '../core/rules/knowledge';
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
    const lostFiles = loaded.files.filter((f) => f.rows === 0 && same && this.knowledge.files.some((k) => k.source === f.source && k.rows > 0));
    const problems = loaded.problems.map((p) => `${p.source}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
    const replaced = lostFiles.length === 0;
    if (!replaced) {
      problems.push(...lostFiles.map((f) => `${f.source}: kept the rules loaded from it before, until it can be read again`));
    } else {
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
    this.connection.console.info(`Claimlint: ${this.knowledge.rules.size} PTP edits loaded from ${files.ptpFiles.length} file(s)${files.builtinEdits ? ' and the built-in set' : ''}.`);
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

function sameFiles(a: RuleFiles, b: RuleFiles): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
