// Found in review: SARIF artifact URIs of relative paths whose first segment holds a colon (a
// timestamped batch name such as batch-2026-03-10T09:30.837, checked from its folder). toSarifUri
// (report.ts) percent-encoded the path but left the colon, so "batch-2026-03-10T09:30.837" was an
// absolute URI of scheme "batch-2026-03-10t09", not a relative reference to the file (RFC 3986
// 4.2: such a path needs "./" or %3A), and code-scanning tools could not find the artifact. A
// colon in the first segment is now written %3A.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBuiltCli } from './harness';
import { toSarifUri } from '../../server/src/cli/report';

const harness = useBuiltCli('claimlint-sarif-colon-');

test('a relative path with a colon in its first segment is a relative URI reference to that file', { skip: process.platform === 'win32' && 'no colons in Windows file names' }, () => {
  const name = 'batch-2026-03-10T09:30.csv';
  writeFileSync(join(harness.dir(), name), 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,03/10/2026,43214,1\nC1,M1,03/10/2026,43200,1\n');
  const run = harness.claimlint(['check', '--format', 'sarif', name]);
  assert.equal(run.code, 1, run.stderr);
  const log = JSON.parse(run.stdout) as {
    runs: { artifacts: { location: { uri: string } }[]; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  };
  // Resolved against the folder it was checked from, the reference must name the file there.
  const base = 'file:///work/';
  const resolved = (uri: string) => {
    const url = new URL(uri, base);
    return `${url.protocol}${decodeURIComponent(url.pathname)}`;
  };
  const artifactUri = log.runs[0]!.artifacts[0]!.location.uri;
  assert.equal(artifactUri, 'batch-2026-03-10T09%3A30.csv');
  assert.equal(resolved(artifactUri), `file:/work/${name}`, `artifact uri ${artifactUri}`);
  const resultUri = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
  assert.equal(resolved(resultUri), `file:/work/${name}`, `result uri ${resultUri}`);
});

test('only a colon in the first segment of a relative path is encoded; absolute paths stay file URIs', () => {
  assert.equal(toSarifUri('a:b/c:d.csv'), 'a%3Ab/c:d.csv');
  assert.equal(toSarifUri('in/T09:30.csv'), 'in/T09:30.csv');
  assert.equal(toSarifUri('x::y.837'), 'x%3A%3Ay.837');
  assert.equal(toSarifUri('<stdin>'), '%3Cstdin%3E');
  if (process.platform !== 'win32') assert.equal(toSarifUri('/tmp/T09:30.csv'), 'file:///tmp/T09:30.csv');
});
