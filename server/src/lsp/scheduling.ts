// When documents are analysed and their diagnostics published: one check per new version
// (a pending check for an older version is dropped), and the latest analysis per document kept
// for the requests that follow.
import { DiagnosticSeverity, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, reanalyze, type Analysis } from '../core/analyze';
import { editorInputFindings } from '../core/inputFindings';
import type { ParsedDocument } from '../core/model';
import type { EditMark } from '../core/editableText';
import type { Knowledge } from '../core/rules/knowledge';
import { errorName, positionsOf, toDiagnostic } from './convert';
import { OpenDocument } from './document';
import { ConflictCountNotification } from './protocol';
import { conflictCount } from './conflictCount';
import type { Rules } from './rules';
import type { Runtime } from './runtime';
import { cappedFindings } from './diagnosticCap';

/** A document with the analysis of its current version, made with the current rules. */
export interface Checked {
  document: TextDocument;
  analysis: Analysis;
  knowledge: Knowledge;
}

/** An analysis, with the document version and the rules' generation it was made for. */
interface Cached {
  version: number;
  generation: number;
  analysis: Analysis;
  knowledge: Knowledge;
  /** The document's text as analysed, marked (OpenDocument.mark) so the next analysis knows where it was edited since. */
  mark?: EditMark;
}

/** How long the first check of open documents waits for the user's rule files to load. */
const FIRST_LOAD_WAIT_MS = 2000;

export class Checker {
  /** The latest analysis per URI. */
  private readonly analyses = new Map<string, Cached>();
  /** The version and rules' generation whose diagnostics were published last, per URI. */
  private readonly published = new Map<string, { version: number; generation: number }>();
  private readonly pending = new Map<string, { cancel(): void }>();
  /** Documents still to check again after a change of the rules, and the task that checks the next. */
  private recheckQueue: string[] = [];
  private recheckTask: { cancel(): void } | undefined;
  /** False until the client's settings are in: checks wait for them, so no diagnostics flicker. */
  private ready = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly runtime: Runtime,
    private readonly rules: Rules,
  ) {}

  /**
   * The settings are in: documents opened so far are checked once, with the user's rules rather
   * than the defaults. Rule files still loading are waited for a little (so diagnostics do not
   * change under the user's eyes once they are in), but no longer than FIRST_LOAD_WAIT_MS: a slow
   * load never holds diagnostics back; documents are checked again when it is done.
   */
  start(): void {
    const begin = (): void => {
      clearTimeout(timer);
      if (this.ready) return;
      this.ready = true;
      this.recheckAll();
    };
    const timer = setTimeout(begin, FIRST_LOAD_WAIT_MS);
    void this.rules.whenLoaded().then(begin);
  }

  /**
   * Checks every open document again (the rules changed), one document per turn of the event
   * loop, so requests are answered in between rather than after every document is checked.
   */
  recheckAll(): void {
    if (!this.ready) return;
    this.recheckQueue = this.documents.all().map((document) => document.uri);
    this.recheckTask ??= this.runtime.schedule(() => this.recheckNext());
  }

  private recheckNext(): void {
    this.recheckTask = undefined;
    const uri = this.recheckQueue.shift();
    const document = uri === undefined ? undefined : this.documents.get(uri);
    // A document with a check pending is published by it; one a request analysed with these rules
    // since still needs its diagnostics published.
    const shown = document && this.published.get(document.uri);
    const upToDate = shown && shown.version === document.version && shown.generation === this.rules.generation;
    if (document && !upToDate && !this.pending.has(document.uri)) this.validate(document);
    if (this.recheckQueue.length > 0) this.recheckTask = this.runtime.schedule(() => this.recheckNext());
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

  /**
   * The document was closed: nothing more is checked or kept here, and its diagnostics are
   * cleared. A file the client still lists as one the editor does not send is then checked from
   * disk again and its diagnostics published anew (diskCheck.ts DiskChecks.closed, told after this).
   */
  closed(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
    this.analyses.delete(uri);
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * The analysis of the document's current version with the current rules: the kept one, or
   * computed now when the scheduled check has not run yet, or the rules changed since.
   */
  current(uri: string): Checked | null {
    const document = this.documents.get(uri);
    if (!document) return null;
    const { analysis, knowledge } = this.analysisOf(document);
    return { document, analysis, knowledge };
  }

  private validate(document: TextDocument): void {
    try {
      this.publish(document);
    } catch (error) {
      // analyze() already turns a failing check into a finding; this catches a failure after it
      // (building the diagnostics), which would otherwise end the server for every document.
      this.analyses.delete(document.uri);
      this.published.delete(document.uri);
      const message = `Claimlint failed while reporting the problems of this document (${errorName(error)}). Other documents are unaffected; please report this with a synthetic file that reproduces it.`;
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [{ range, severity: DiagnosticSeverity.Error, source: 'claimlint', code: 'claimlint.internal-error', message }] });
    }
  }

  private publish(document: TextDocument): void {
    const { analysis, generation, knowledge } = this.analysisOf(document);
    const findings = editorInputFindings(analysis.findings, analysis.doc.format, document.languageId);
    const diagnostics = cappedFindings(findings).map((finding) => toDiagnostic(document.uri, analysis, finding));
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    void this.connection.sendNotification(ConflictCountNotification.type, conflictCount(document.uri, findings, knowledge, isClaimFile(analysis.doc), analysis.doc.claims.length));
    this.published.set(document.uri, { version: document.version, generation });
  }

  /**
   * The analysis of the document's current version with the current rules, kept for the
   * requests that follow. An analysis made with an older generation of the rules is never
   * returned. After an edit, only the transaction set it falls in is read again when the
   * previous analysis used the same rules.
   */
  private analysisOf(document: TextDocument): Cached {
    const { knowledge, generation, guideChecks } = this.rules;
    const previous = this.analyses.get(document.uri);
    if (previous && previous.generation === generation && previous.version === document.version) return previous;
    const text = document.getText();
    // Where the editor's edits fell since the previous analysis, so that finding the change does
    // not compare the two texts whole (about 5-10 ms a 50 MB document); marked again for the next.
    const opened = document instanceof OpenDocument ? document : null;
    const edited = previous?.mark && opened ? (opened.editedSince(previous.mark) ?? undefined) : undefined;
    const mark = opened?.mark();
    // After an edit the claim it falls in is read again (else its transaction set); in `full` the
    // guide checks then run over the document's segments again (no new read of the text).
    let analysis: Analysis;
    if (previous && previous.generation === generation) {
      analysis = reanalyze(previous.analysis, text, knowledge, positionsOf(document), { guideChecks }, edited);
    } else {
      analysis = analyze(text, knowledge, positionsOf(document), undefined, { guideChecks });
    }
    const cached: Cached = { version: document.version, generation, analysis, knowledge, mark };
    this.analyses.set(document.uri, cached);
    return cached;
  }
}

/**
 * Whether the document was read as a claim file, so its count says something: a claim CSV, or an
 * X12 file with an 837 transaction set (or claims the reader found outside one). An ISA header
 * alone does not make one: an 835 remittance, a 999 or a 277 beside the claims is read as no
 * claims (otherTransaction), and "No NCCI edits hit" would say claims were checked.
 */
function isClaimFile(doc: ParsedDocument): boolean {
  if (doc.format !== 'x12') return doc.format !== null;
  return doc.claims.length > 0 || doc.transactions.some((t) => t.otherTransaction === undefined);
}
