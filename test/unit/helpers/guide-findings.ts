// What the guide tests share: the findings of one analysis with the implementation-guide checks in
// full and no coding tables, and a text edit that must find what it replaces.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/model';
import { emptyKnowledge } from '../../../server/src/core/rules/knowledge';

const knowledge = emptyKnowledge(true);

/** The findings of `text` with guideChecks full (the editor's default). */
export function fullFindings(text: string): Finding[] {
  return analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }).findings;
}

/** `text` with its first `from` made `to`; fails when `text` has no `from`. */
export function replaced(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), from);
  return text.replace(from, to);
}
