// When documents are analysed and their diagnostics published: one check per new version
// (a pending check for an older version is dropped), and the latest analysis per document kept
// for the requests that follow.
import { DiagnosticSeverity, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, reanalyze, type Analysis } from '../core/analyze';
import type { Knowledge } from '../core/rules/knowledge';
import { errorName, positionsOf, toDiagnostic } from './convert';
import { ConflictCountNotification } from './protocol';
import type { Rules } from './rules';
import type { Runtime } from './runtime';

/** A document with the analysis of its current version, and the knowledge that analysis used. */
export interface Checked {
  document: TextDocument;
  analysis: Analysis;
  knowledge: Knowledge;
}

export class Checker {
  /** The latest analysis per URI, with the version it was computed for. */
  private readonly analyses = new Map<string, { version: number; analysis: Analysis; knowledge: Knowledge }>();
  private readonly pending = new Map<string, { cancel(): void }>();
  /** False until the client's settings are in: checks wait for them, so no diagnostics flicker. */
  private ready = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly runtime: Runtime,
    private readonly rules: Rules,
  ) {}

  /** The settings are in: documents opened so far are checked once, with the user's rules rather than the defaults. */
  start(): void {
    this.ready = true;
    this.recheckAll();
  }

  /** Checks every open document again (the rules changed). */
  recheckAll(): void {
    for (const document of this.documents.all()) this.schedule(document);
  }

  /** Checks the document's current version soon, dropping a pending check of an older one. */
  schedule(document: TextDocument): void {
    if (!this.ready) return;
    this.pending.get(document.uri)?.cancel();
    // The document object is updated in place, so remember which version this run is for.
    const version = document.version;
    this.pending.set(
      document.uri,
      this.runtime.schedule(() => {
        this.pending.delete(document.uri);
        const current = this.documents.get(document.uri);
        // A newer version arrived since this was scheduled: its own run will publish.
        if (!current || current.version !== version) return;
        this.validate(current);
      }),
    );
  }

  /** The document was closed: nothing more is checked or kept, and its diagnostics are cleared. */
  closed(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
    this.analyses.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The analysis of the document's current version (computed now if the scheduled one has not run yet). */
  current(uri: string): Checked | null {
    const document = this.documents.get(uri);
    if (!document) return null;
    const cached = this.analyses.get(uri);
    if (cached && cached.version === document.version) return { document, analysis: cached.analysis, knowledge: cached.knowledge };
    return { document, analysis: this.analyzeNow(document), knowledge: this.rules.knowledge };
  }

  private validate(document: TextDocument): void {
    try {
      this.publish(document);
    } catch (error) {
      // analyze() already turns a failing check into a finding; this catches a failure after it
      // (building the diagnostics), which would otherwise end the server for every document.
      this.analyses.delete(document.uri);
      const message = `Claimlint failed while reporting the problems of this document (${errorName(error)}). Other documents are unaffected; please report this with a synthetic file that reproduces it.`;
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [{ range, severity: DiagnosticSeverity.Error, source: 'claimlint', code: 'claimlint.internal-error', message }] });
    }
  }

  private publish(document: TextDocument): void {
    const analysis = this.analyzeNow(document);
    const diagnostics = analysis.findings.map((finding) => toDiagnostic(document.uri, analysis, finding));
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    void this.connection.sendNotification(ConflictCountNotification.type, {
      uri: document.uri,
      conflicts: analysis.findings.filter((f) => f.rule.startsWith('ptp.')).length,
      findings: analysis.findings.length,
    });
  }

  /**
   * Analyses the document's current version and keeps the result. After an edit, only the
   * transaction set it falls in is read again when the previous analysis used the same rules.
   */
  private analyzeNow(document: TextDocument): Analysis {
    const knowledge = this.rules.knowledge;
    const previous = this.analyses.get(document.uri);
    const text = document.getText();
    const analysis =
      previous && previous.knowledge === knowledge
        ? reanalyze(previous.analysis, text, knowledge, positionsOf(document))
        : analyze(text, knowledge, positionsOf(document));
    this.analyses.set(document.uri, { version: document.version, analysis, knowledge });
    return analysis;
  }
}
