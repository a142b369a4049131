// Claimlint's own protocol additions, declared once with typed message types and imported by
// both the client and the server, so a change of a method name or of its parameters is a type
// error on both sides. Only vscode-languageserver-protocol's platform-neutral entry is imported:
// the client (vscode-languageclient) and the server (vscode-languageserver) are built on it.
import { NotificationType, RequestType, type TextEdit, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';

/** Server -> client: how many NCCI coding edits a document hits (for the VS Code status bar). */
export namespace ConflictCountNotification {
  export const method = 'claimlint/conflictCount';
  export interface Params {
    uri: string;
    /** NCCI findings, errors and warnings: PTP pairs, units over an MUE, add-on codes without their primary (isNcciEditFinding). */
    ncciFindings: number;
    /** Those of them that are errors (the rest are warnings): the status bar's icon. */
    ncciErrors?: number;
    /** No CMS table is loaded: only the built-in CPT 43214 edits were checked (the status bar says so). */
    builtinOnly?: boolean;
    /**
     * Claims of the file that no NCCI table judges (inpatient and other unedited bills, dental: the
     * ncci.not-applicable note): some of them, or all (then nothing was judged, and which tables
     * are loaded does not matter).
     */
    notApplicable?: 'some' | 'all';
    /** Claims of the file are judged by a CMS table that is not loaded while the other claim type's is (the ncci.table-not-loaded note). */
    tableMissing?: true;
    /** Every finding, structural ones included. */
    findings: number;
    /**
     * True when the file was checked as saved on disk, not from text the editor sent (a file
     * over VS Code's 50 MB synchronisation limit, see DiskFilesRequest).
     */
    fromDisk?: boolean;
    /**
     * False when the document was not read as a claim file (a CSV of something else, an X12 file
     * without an 837 transaction set such as an 835, 999 or 277): there is no count to show.
     */
    claimFile?: boolean;
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

/**
 * Client -> server: the files open in the editor whose text the server never receives (VS Code
 * does not synchronise files over 50 MB with extensions). Each request lists all of them: the
 * server checks each new one from disk with the streaming reader, publishes its diagnostics for
 * that URI, and checks it again whenever it changes on disk; a URI left out of a later request is
 * forgotten and its diagnostics cleared. A URI whose text the server does get (an open document)
 * is left to the normal path. Resolves once the newly listed files are checked.
 */
export namespace DiskFilesRequest {
  export const method = 'claimlint/diskFiles';
  export interface Params {
    /** file: URIs. */
    uris: string[];
  }
  export interface FileStatus {
    uri: string;
    /**
     * checked: diagnostics published; not-claims: neither a claim file extension nor an ISA
     * header (nothing published, not watched); open: the editor sent its text, so the normal
     * path checks it; unreadable: see reason.
     */
    state: 'checked' | 'not-claims' | 'open' | 'unreadable';
    /** Why it could not be read (never file contents). */
    reason?: string;
    claims?: number;
    findings?: number;
  }
  export interface Result {
    files: FileStatus[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * Client -> server: check every claim file under a folder from disk (.837, .837p, .837i, .837d,
 * .x12, .edi, .csv, .tsv and files starting with an ISA header; hidden folders and node_modules
 * are skipped), together: the lines of one patient, provider and date are paired across the
 * files, as the CLI does. Reports work-done progress on the client's workDoneToken (else on a
 * progress the server creates when the client supports it; without progress when the client
 * refuses to create one) and stops when the request or the progress is cancelled. Diagnostics
 * are published per file once every file is read; a cancelled run publishes nothing. Files open
 * in the editor are checked with the editor's text.
 */
export namespace CheckFolderRequest {
  export const method = 'claimlint/checkFolder';
  export interface Params extends WorkDoneProgressParams {
    /** A file: URI; default: the workspace folder the server was started with. */
    folder?: string;
  }
  export interface Result {
    /** The folder checked (a file: URI), or null when there was none to check. */
    folder: string | null;
    /** Claim files found, and checked (fewer when cancelled, or when some could not be read). */
    found: number;
    checked: number;
    claims: number;
    errors: number;
    warnings: number;
    information: number;
    /** One line per file that could not be read: its path relative to the folder and why. */
    unreadable: string[];
    cancelled: boolean;
  }
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
  /**
   * The client shows claimlint/loadProblems to the user itself (the VS Code extension does). Any
   * other client is also sent them as window/showMessage, which every editor shows: a table that
   * failed to load must not leave the user believing its edits are checked.
   */
  showsLoadProblems?: boolean;
  /**
   * The client reads claimlint/conflictCount (the VS Code extension's status bar). Sent only then:
   * some editors log every notification they do not know as an error (Helix).
   */
  statusCounts?: boolean;
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
  /** Implementation-guide checks: off, envelope or full (the default). */
  guideChecks?: 'off' | 'envelope' | 'full';
}
