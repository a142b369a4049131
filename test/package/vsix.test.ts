// Packages the extension with vsce and checks the .vsix holds exactly the allow-listed files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = resolve(__dirname, '../..');

/** Reads a zip's central directory: entry names and (deflated or stored) contents. */
function readZip(buffer: Buffer): Map<string, Buffer> {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'zip end-of-central-directory record found');
  const entries = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localHeader = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const localData = localHeader + 30 + buffer.readUInt16LE(localHeader + 26) + buffer.readUInt16LE(localHeader + 28);
    const raw = buffer.subarray(localData, localData + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(raw) : raw);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

test('the .vsix holds only the two bundles, the grammar, language configurations, README, LICENSE, package.json and images/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-vsix-'));
  try {
    // Build into a temporary folder, so the development bundles other tests use are left alone,
    // and package as `npm run package` does (scripts/package-vsix.mjs stages what ships).
    const bundles = join(dir, 'bundles');
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production', '--out-root', bundles], { cwd: root });
    const out = join(dir, 'claimlint.vsix');
    execFileSync(process.execPath, [join(root, 'scripts/package-vsix.mjs'), '--bundles', bundles, '--out', out], { cwd: root, stdio: 'pipe' });
    const files = readZip(readFileSync(out));
    const payload = [...files.keys()].filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length)).sort();
    assert.deepEqual(payload, [
      'LICENSE.txt',
      'client/out/extension.js',
      'images/hover-43214.png',
      'images/icon.png',
      'images/quickfix.png',
      'images/squiggles.png',
      'language-configuration-csv.json',
      'language-configuration.json',
      'package.json',
      'readme.md',
      'server/out/server.js',
      'syntaxes/x12.tmLanguage.json',
    ]);
    // The bundled guide schema comes from pyx12's maps: their BSD notice ships with it.
    assert.match(files.get('extension/LICENSE.txt')!.toString(), /Third-party notice[\s\S]*John Holland[\s\S]*Redistributions in binary form/);
    // Minified, without source maps: the production build is what ships.
    const server = files.get('extension/server/out/server.js')!.toString();
    assert.ok(!server.includes('sourceMappingURL'), 'no source map reference in the packaged server');
    // Minified code keeps line breaks only inside template literals: lines average thousands of
    // characters (an unminified bundle averages under a hundred).
    const lines = server.split('\n').length;
    assert.ok(server.length / lines > 2000, `the packaged server is minified (${lines} lines, ${server.length} characters)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
