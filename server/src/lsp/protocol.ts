// Claimlint's own protocol additions, declared once with typed message types and imported by
// both the client and the server, so a change of a method name or of its parameters is a type
// error on both sides. Only vscode-languageserver-protocol's platform-neutral entry is imported:
// the client (vscode-languageclient) and the server (vscode-languageserver) are built on it.
import { NotificationType, RequestType, type TextEdit } from 'vscode-languageserver-protocol';

/** Server -> client: how many coding conflicts a document has (for the VS Code status bar). */
export namespace ConflictCountNotification {
  export const method = 'claimlint/conflictCount';
  export interface Params {
    uri: string;
    /** PTP findings (errors and warnings). */
    conflicts: number;
    /** Every finding, structural ones included. */
    findings: number;
  }
  export const type = new NotificationType<Params>(method);
}

/** Server -> client: rule or descriptor files that could not be read, or only in part (shown once as a warning). */
export namespace LoadProblemsNotification {
  export const method = 'claimlint/loadProblems';
  export interface Params {
    /**
     * One line per file with problems: the file, what was loaded from it, how many problems,
     * and the first few (line and reason). Never claim contents.
     */
    problems: string[];
  }
  export const type = new NotificationType<Params>(method);
}

/** Client -> server: rewrite an X12 document as one segment per line or as a single line. */
export namespace LayoutRequest {
  export const method = 'claimlint/layout';
  export interface Params {
    uri: string;
    layout: 'segment-per-line' | 'single-line';
  }
  /** The edits, or null when the document is not an X12 document the server has open. */
  export type Result = TextEdit[] | null;
  export const type = new RequestType<Params, Result, void>(method);
}

/** Initialization options the client passes; other editors may pass the same keys. */
export interface ClaimlintInitializationOptions {
  /** false in an untrusted VS Code workspace: file-pointing settings are then ignored. */
  workspaceTrusted?: boolean;
  /**
   * Settings for a client that cannot answer workspace/configuration: flat, or nested under
   * `claimlint` as didChangeConfiguration sends them. A client that can is asked instead.
   */
  settings?: Partial<ClaimlintSettings> | { claimlint: Partial<ClaimlintSettings> };
}

export const configurationSection = 'claimlint';

/** The `claimlint` settings section (package.json declares each; paths may be relative to the workspace folder). */
export interface ClaimlintSettings {
  /** Practitioner PTP tables (837P and CSV claims); a table named as the hospital one goes to that table. */
  ptpEditFiles: string[];
  /** Outpatient hospital PTP tables (837I claims). */
  hospitalPtpEditFiles: string[];
  /** CMS medically unlikely edit (MUE) tables, as downloaded (CSV or .zip). */
  mueFiles: string[];
  /** CMS add-on code edit tables. */
  addOnCodeFiles: string[];
  descriptorFiles: string[];
  builtinEdits: boolean;
}
