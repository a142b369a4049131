// The fix-all code action (source.fixAll.claimlint). Computing fix-all reads every finding of the
// document and plans every edit (most of a second on a 10 MB 837 with a conflict in each claim),
// and a lightbulb request comes with every cursor move and keystroke: a client that fetches edits
// on codeAction/resolve is offered the action uncomputed, under a title that needs no count, and
// gets the count and the edits when it resolves it. A client that cannot resolve gets the action
// computed, and only when it asks for it (handlers.ts).
import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import type { Fix } from '../core/fixes';
import { fixAllWithGuides, hasGuideFix } from '../core/guides/fixes';
import type { Finding } from '../core/model';
import { toCodeAction, workspaceEditOf } from './convert';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.claimlint`;

/** The title fix-all is offered under before it is computed: the counts come on resolve. */
export const UNCOUNTED_TITLE = 'Fix all problems Claimlint can fix safely';

/** The title a resolved fix-all gets, without an edit, when it finds nothing to fix (a finding with a fix may be one fix-all leaves for a person). */
export const NOTHING_TO_FIX_TITLE = 'Nothing Claimlint can fix safely: the problems left need a person';

/** What a fix-all action offered for resolving names: the document version its edits are for. */
export interface FixAllData {
  uri: string;
  version: number;
}

/** Whether a finding is of a kind with a fix, known without computing one: a coding finding (it carries its data) or a guide finding hasGuideFix names. */
export function hasFixKind(analysis: Analysis, finding: Finding): boolean {
  return finding.data !== undefined || hasGuideFix(analysis.doc, finding, analysis.text);
}

export class FixAllActions {
  /** fix-all of an analysis, computed once per document version (a client asks again as the cursor moves). */
  private readonly computed = new WeakMap<Analysis, Fix | null>();
  /** Whether an analysis has a finding of a kind with a fix, the cheap test for offering fix-all uncomputed. */
  private readonly fixable = new WeakMap<Analysis, boolean>();

  /** The fix-all of an analysis, or null when it fixes nothing. */
  of(analysis: Analysis): Fix | null {
    let all = this.computed.get(analysis);
    if (all === undefined) {
      all = fixAllWithGuides(analysis.text, analysis.doc, analysis.findings);
      this.computed.set(analysis, all);
    }
    return all;
  }

  /** Fix-all with its edits, for a client that cannot resolve them later; null when it fixes nothing. */
  computedAction(document: TextDocument, analysis: Analysis, versioned: boolean): CodeAction | null {
    const all = this.of(analysis);
    return all && toCodeAction(document, analysis, all, versioned, fixAllKind);
  }

  /**
   * Fix-all without its edits, for a client that resolves them later; null when no finding has a
   * fix. Once computed for this version (it was resolved), it has its counted title, or is not
   * offered when it found nothing.
   */
  unresolvedAction(document: TextDocument, analysis: Analysis): CodeAction | null {
    const known = this.computed.get(analysis);
    if (known === null || (known === undefined && !this.hasFixable(analysis))) return null;
    return { title: known?.title ?? UNCOUNTED_TITLE, kind: fixAllKind, data: { uri: document.uri, version: document.version } satisfies FixAllData };
  }

  /** An unresolved fix-all with its count and edits, for `analysis` of the version it names (the caller checks). */
  resolve(action: CodeAction, document: TextDocument, analysis: Analysis, versioned: boolean): CodeAction {
    const all = this.of(analysis);
    if (!all) return { ...action, title: NOTHING_TO_FIX_TITLE };
    return { ...action, title: all.title, edit: workspaceEditOf(document, analysis, all.edits, versioned) };
  }

  private hasFixable(analysis: Analysis): boolean {
    let fixable = this.fixable.get(analysis);
    if (fixable === undefined) {
      fixable = analysis.findings.some((finding) => hasFixKind(analysis, finding));
      this.fixable.set(analysis, fixable);
    }
    return fixable;
  }
}
