// Found in review: a generated 837 whose HL numbers ran past 9999 gave 152,000 findings, all sent
// to the editor with every edit (35 MB). Past the cap the editor gets the errors first, then the
// warnings, then the rest, in document order, and one note of how many were left out.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Finding, Severity } from '../../server/src/core/model';
import { cappedFindings, DIAGNOSTICS_CAPPED_RULE, MAX_DIAGNOSTICS } from '../../server/src/lsp/diagnosticCap';

const finding = (at: number, severity: Severity): Finding => ({ rule: `r.${at}`, severity, message: `m${at}`, span: { start: at, end: at + 1 } });

describe('the diagnostics sent for one document are capped', () => {
  it('up to the cap, every finding as it is', () => {
    const findings = [finding(3, 'information'), finding(1, 'error'), finding(2, 'warning')];
    assert.equal(cappedFindings(findings, 3), findings);
    assert.ok(MAX_DIAGNOSTICS >= 10_000, 'a big claim file with a finding on every line still shows them all');
  });

  it('past it: errors, then warnings, then the rest, in document order, and a note counting what was left out', () => {
    const findings = [finding(0, 'information'), finding(1, 'warning'), finding(2, 'error'), finding(3, 'warning'), finding(4, 'error'), finding(5, 'information'), finding(6, 'warning')];
    const shown = cappedFindings(findings, 5);
    assert.deepEqual(shown.slice(0, -1).map((f) => f.rule), ['r.1', 'r.2', 'r.3', 'r.4'], 'both errors, then the first two warnings, in document order');
    const note = shown.at(-1)!;
    assert.equal(note.rule, DIAGNOSTICS_CAPPED_RULE);
    assert.equal(note.severity, 'information');
    assert.match(note.message, /^3 more findings of this file are not shown: the editor is sent 4 of its 7, errors first\./);
  });
});
