// Issue 15, item 12: what the extension's details page shows. The .vsix carries its own readme
// (user-facing: no clone-and-build steps, no CLI the .vsix lacks), every image that readme links
// at the relative path it links (VS Code resolves `images/...` against the installed package), and
// a 128 x 128 icon made in the repository by scripts/make-icon.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const root = resolve(__dirname, '../..');

interface ReadmeModule {
  marketplaceReadme(readme: string): string;
  relativeLinks(markdown: string): string[];
}
interface IconModule {
  drawIcon(): Buffer;
}
const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(root, path)).href) as Promise<T>;

/** A zip's entries by name (deflated or stored). */
function readZip(buffer: Buffer): Map<string, Buffer> {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const files = new Map<string, Buffer>();
  let offset = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < buffer.readUInt16LE(eocd + 10); i++) {
    const method = buffer.readUInt16LE(offset + 10);
    const size = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const data = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(data, data + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : raw);
    offset += 46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return files;
}

/** Width and height of a PNG, after checking its signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Words that mean a build step or the command line, which the .vsix does not hold. */
const notForUsers = [/\bCLI\b/, /\bcommand line\b/i, /`claimlint (check|fix)/, /node server\/out/, /\bnpm (ci|install|run|test|pack)\b/, /\bgit clone\b/, /\bclone\b/i, /ARCHITECTURE\.md/, /--stdio/];

test('the packaged readme is for users, and every image it links is in the package', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-marketplace-'));
  try {
    const bundles = join(dir, 'bundles');
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production', '--out-root', bundles], { cwd: root });
    const out = join(dir, 'claimlint.vsix');
    execFileSync(process.execPath, [join(root, 'scripts/package-vsix.mjs'), '--bundles', bundles, '--out', out], { cwd: root, stdio: 'pipe' });
    const files = readZip(readFileSync(out));

    const readme = files.get('extension/readme.md')!.toString('utf8');
    for (const pattern of notForUsers) assert.doesNotMatch(readme, pattern);
    for (const heading of ['# Claimlint', '## Features', '## How lines are paired', '## Settings', '## Health information']) {
      assert.ok(readme.split('\n').includes(heading), `the readme has "${heading}"`);
    }
    assert.match(readme, /claimlint\.ptpEditFiles/, 'the settings table is there');

    const { relativeLinks } = await load<ReadmeModule>('scripts/marketplace-readme.mjs');
    const links = relativeLinks(readme);
    assert.deepEqual(links.sort(), ['images/hover-43214.png', 'images/quickfix.png', 'images/squiggles.png'], 'the three screenshots, linked relative to the package');
    for (const link of links) {
      const image = files.get(`extension/${link}`);
      assert.ok(image, `${link} is in the package`);
      assert.deepEqual(image, readFileSync(join(root, link)), `${link} is the repository's file`);
      assert.ok(pngSize(image).width >= 800, `${link} is a screenshot`);
    }
    // The repository's README links the same files, so its images are the packaged ones.
    const repoLinks = relativeLinks(readFileSync(join(root, 'README.md'), 'utf8')).filter((l) => l.endsWith('.png'));
    assert.deepEqual(repoLinks.sort(), links.sort());

    const manifest = JSON.parse(files.get('extension/package.json')!.toString()) as { icon?: string; galleryBanner?: { color: string; theme: string }; files?: unknown };
    assert.equal(manifest.icon, 'images/icon.png');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.equal(manifest.files, undefined, 'npm\'s files list is not in the extension manifest');
    assert.deepEqual(pngSize(files.get('extension/images/icon.png')!), { width: 128, height: 128 });
    assert.match(files.get('extension.vsixmanifest')!.toString(), /<Icon>extension\/images\/icon\.png<\/Icon>/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with --base-images-url (a public host of the repository), the links become absolute https, which VS Code shows', () => {
  // VS Code's details page shows only http(s) images: a package-relative `images/...` link is
  // dropped by its sanitizer, so once the repository is public, packages for the Marketplace
  // should be made with its raw URL.
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-marketplace-'));
  try {
    const bundles = join(dir, 'bundles');
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production', '--out-root', bundles], { cwd: root });
    const out = join(dir, 'claimlint.vsix');
    const base = 'https://example.invalid/claimlint/raw/HEAD/';
    execFileSync(process.execPath, [join(root, 'scripts/package-vsix.mjs'), '--bundles', bundles, '--out', out, '--base-images-url', base], { cwd: root, stdio: 'pipe' });
    const files = readZip(readFileSync(out));
    const readme = files.get('extension/readme.md')!.toString('utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]).sort();
    assert.deepEqual(images, ['hover-43214.png', 'quickfix.png', 'squiggles.png'].map((name) => `${base}images/${name}`));
    assert.ok(files.has('extension/images/squiggles.png'), 'the images are still in the package');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('images/icon.png is what scripts/make-icon.mjs draws', async () => {
  const { drawIcon } = await load<IconModule>('scripts/make-icon.mjs');
  const drawn = drawIcon();
  assert.deepEqual(pngSize(drawn), { width: 128, height: 128 });
  assert.ok(drawn.equals(readFileSync(join(root, 'images/icon.png'))), 'run node scripts/make-icon.mjs and commit images/icon.png');
});

test('the marketplace readme drops remarks about the command line, and refuses one it cannot drop', async () => {
  const { marketplaceReadme } = await load<ReadmeModule>('scripts/marketplace-readme.mjs');
  const readme = (extra: string): string =>
    [
      '# Claimlint',
      '',
      'Checks claims.',
      '',
      '## Start here',
      '',
      '```sh',
      'npm ci && npm run package',
      '```',
      '',
      '## Install in VS Code',
      '',
      '```sh',
      'code --install-extension claimlint-0.1.0.vsix',
      '```',
      '',
      '| a |',
      '|---|',
      '| ![a](images/a.png) |',
      '',
      '(Taken by `npm run screenshot -- --out images/a.png`.)',
      '',
      `- **Hover** a code (in the CLI, with \`--descriptors\`). ${extra}`,
      '',
      '### How lines are paired',
      '',
      'Across every claim of a file (and, in the CLI, across all the files of one run unless `--each-file`).',
      '',
      '### CSV exports',
      '',
      'A header that names a procedure code column.',
      '',
      '### Settings',
      '',
      '| setting |',
      '',
      '## Command line',
      '',
      '`claimlint check` checks.',
      '',
      '## Health information',
      '',
      'The extension, the server and the CLI open no network connection.',
      '',
      '## Licensed data',
      '',
      'AMA.',
    ].join('\n');
  const page = marketplaceReadme(readme(''));
  assert.match(page, /- \*\*Hover\*\* a code\. /);
  assert.match(page, /Across every claim of a file\./);
  assert.match(page, /## CSV exports\n\nA header that names a procedure code column\./, 'the CSV columns a user needs are on the page');
  assert.match(page, /The extension and the server open no network connection\./);
  assert.match(page, /\*\*a\*\*\n\n!\[a\]\(images\/a\.png\)/, 'a table of screenshots becomes captioned images, one after another');
  for (const gone of [/npm/, /install-extension/, /Taken by/, /Command line/, /CLI/, /each-file/]) assert.doesNotMatch(page, gone);
  assert.throws(() => marketplaceReadme(readme('Then run `claimlint fix` on it.')), /still mentions/);
  assert.throws(() => marketplaceReadme('# Claimlint\n\nChecks claims.\n'), /no "## Install in VS Code" section/);
});
