// A failure inside Claimlint itself, as a finding on the document: one bad document (or one
// failing check) never takes the others, or the server, down with it.
import type { Finding } from './model';

export function internalError(stage: string, error: unknown): Finding {
  // The error's message only: a stack or the text could carry claim contents.
  const name = error instanceof Error ? error.name : 'Error';
  return {
    rule: 'claimlint.internal-error',
    severity: 'error',
    message: `Claimlint failed while ${stage} this document (${name}). Other documents are unaffected; please report this with a synthetic file that reproduces it.`,
    span: { start: 0, end: 0 },
  };
}
