// Issue 8, "never crash, never hang", through the running server: generated documents (valid,
// mutated, random bytes) are opened, edited with random incremental changes, queried with every
// request an editor makes, and closed, one after another on one server. Every answer comes within
// a deadline, the diagnostics agree with the core's own analysis of the same text, and afterwards
// the server still checks an ordinary document correctly. (`npm run fuzz` does this for longer.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { DEFAULT_GUIDE_CHECKS } from '../../server/src/core/guides/checks';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { anyDocumentArb, claimishStringArb } from '../fuzz/generators';
import { exerciseDocument, openAndEdit, withDeadline } from '../fuzz/protocol';
import { TestClient } from './helpers/lspClient';
import { writeX12 } from '../unit/helpers/x12-writer';
import { editorInputFindings } from '../../server/src/core/inputFindings';
import type { ClaimFormat, Finding } from '../../server/src/core/model';

/** What the server publishes for an X12 document: the core's findings, as the editor shows them (core/inputFindings.ts). */
const editorFindings = (analysis: { findings: Finding[]; doc: { format: ClaimFormat | null } }) => editorInputFindings(analysis.findings, analysis.doc.format, 'x12');

const SEED = Number(process.env.CLAIMLINT_FUZZ_SEED ?? 8301);
const DOCUMENTS = 80;
const ANSWER_MS = 8000;

const editArb = fc.record({ from: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(80), text: claimishStringArb });
const caseArb = fc.record({ text: anyDocumentArb, edits: fc.array(editArb, { maxLength: 3 }), probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }) });

describe(`the server under generated documents (seed ${SEED})`, () => {
  let client: TestClient;
  let exited: number | null | undefined;
  const knowledge = emptyKnowledge(true);

  before(async () => {
    client = new TestClient();
    client.process.once('exit', (code) => (exited = code));
    await client.initialize();
  });

  after(async () => {
    assert.equal(exited, undefined, 'the server did not exit');
    assert.equal(await client.shutdown(), 0);
    assert.equal(client.stderr.join(''), '', 'nothing on stderr');
  });

  test(`${DOCUMENTS} documents: opened, edited, queried, closed, each answer within ${ANSWER_MS} ms`, async () => {
    const cases = fc.sample(caseArb, { seed: SEED, numRuns: DOCUMENTS });
    for (const [i, c] of cases.entries()) {
      const uri = TestClient.uriFor(`fuzz-${i}.837`);
      const where = `document ${i} (seed ${SEED})`;
      const { published, mirror } = await openAndEdit(client, uri, c.text, c.edits, ANSWER_MS, where);
      // The server runs in the default claimlint.guideChecks (full); the core is asked for the same mode.
      const expected = editorFindings(analyze(mirror.getText(), knowledge, undefined, undefined, { guideChecks: DEFAULT_GUIDE_CHECKS })).map((f) => f.rule);
      assert.deepEqual(published.diagnostics.map((d) => d.code), expected, `${where}: the server's diagnostics are the core's findings`);
      const positions = c.probes.map((p) => mirror.positionAt(Math.floor(p * mirror.getText().length)));
      positions.push({ line: mirror.lineCount + 3, character: 0 });
      for (const { name, outcome } of await exerciseDocument(client.connection, uri, positions, ANSWER_MS)) {
        assert.equal(outcome.error, undefined, `${where}, ${name}: ${outcome.error?.message}`);
      }
      await client.close(uri);
    }
  });

  test('afterwards an ordinary document is checked as before', async () => {
    const day = { from: 20260310, to: 20260310 };
    // Guide-valid: the service dates are the lines' (2400 DTP*472), the claim has none, as the 837P guide requires.
    const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1', date: day }, { code: '43200', charge: '1', date: day }] }]).text;
    const published = await withDeadline(client.open(TestClient.uriFor('ordinary.837'), text), ANSWER_MS, 'diagnostics');
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['ptp.conflict']);
  });
});
