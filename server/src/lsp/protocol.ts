// Claimlint's own protocol additions, declared once as data and imported by both the client
// and the server. Plain strings and types only: no imports, so both bundles can use it.

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
}

/** Server -> client: rule or descriptor files could not be read (shown once as a warning). */
export namespace LoadProblemsNotification {
  export const method = 'claimlint/loadProblems';
  export interface Params {
    /** One line per problem: file, line, reason. Never claim contents. */
    problems: string[];
  }
}

/** Client -> server: rewrite an X12 document as one segment per line or as a single line. */
export namespace LayoutRequest {
  export const method = 'claimlint/layout';
  export interface Params {
    uri: string;
    layout: 'segment-per-line' | 'single-line';
  }
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

export interface ClaimlintSettings {
  ptpEditFiles: string[];
  descriptorFiles: string[];
  builtinEdits: boolean;
}
