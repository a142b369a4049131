// Packages the VS Code extension (.vsix) from built bundles, in a staging folder:
//
//   - README.md is the Marketplace readme (scripts/marketplace-readme.mjs): the extension's own
//     page, without clone-and-build steps or the CLI, which the .vsix does not hold;
//   - images/ holds the icon and every image that readme links, at the same relative paths;
//   - package.json is the repository's without `files`, which lists what `npm pack` ships (the
//     CLI) and which vsce would otherwise refuse beside .vscodeignore.
//
// Image links: by default they stay relative (vsce --no-rewrite-relative-links): the images are in
// the package at the paths the readme names, and viewers that resolve links against the package
// or the repository show them. VS Code's own details page shows only http(s) images (its sanitizer
// drops a relative src; checked with VS Code 1.139), and the Marketplace web page needs absolute
// links too. There is no public host for them yet (the repository URL is a placeholder); once there
// is, package with --base-images-url https://HOST/PATH/ (the repository's raw files at a commit or
// branch), e.g. `npm run package -- --base-images-url https://raw.githubusercontent.com/OWNER/claimlint/v0.1.0/`,
// and vsce rewrites every relative link to it.
//
//   node scripts/package-vsix.mjs [--bundles DIR] [--out FILE] [--base-images-url URL] [--keep-stage DIR]
//
// --bundles DIR: where client/out/extension.js and server/out/server.js were built (default: the
// repository; `npm run package` builds them with scripts/build.mjs --production first).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { marketplaceReadme, relativeLinks } from './marketplace-readme.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    bundles: { type: 'string', default: root },
    out: { type: 'string' },
    'base-images-url': { type: 'string' },
    'keep-stage': { type: 'string' },
  },
});

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = resolve(opts.out ?? join(root, `${manifest.name}-${manifest.version}.vsix`));
const stage = opts['keep-stage'] ? resolve(opts['keep-stage']) : mkdtempSync(join(tmpdir(), 'claimlint-vsix-stage-'));

try {
  mkdirSync(stage, { recursive: true });
  const bundles = resolve(opts.bundles);
  for (const bundle of ['client/out/extension.js', 'server/out/server.js']) {
    const from = join(bundles, bundle);
    if (!existsSync(from)) throw new Error(`${from} is missing: build first (node scripts/build.mjs --production)`);
    mkdirSync(dirname(join(stage, bundle)), { recursive: true });
    copyFileSync(from, join(stage, bundle));
  }
  for (const entry of ['.vscodeignore', 'LICENSE', 'syntaxes', 'language-configuration.json', 'language-configuration-csv.json']) {
    cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }

  const { files: _npmFiles, ...extensionManifest } = manifest;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(extensionManifest, null, 2)}\n`);

  const readme = marketplaceReadme(readFileSync(join(root, 'README.md'), 'utf8'));
  writeFileSync(join(stage, 'README.md'), readme);
  // The icon and every file the readme links, from the repository, at the same paths.
  const shipped = [manifest.icon, ...relativeLinks(readme).map((link) => decodeURI(link.split('#')[0]))].filter(Boolean);
  for (const file of new Set(shipped)) {
    if (!/^images\/[\w.-]+\.png$/.test(file)) throw new Error(`the marketplace readme links ${file}: only PNGs under images/ are shipped`);
    if (!existsSync(join(root, file))) throw new Error(`the marketplace readme links ${file}, which does not exist`);
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(root, file), join(stage, file));
  }

  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  const links = opts['base-images-url'] ? ['--baseImagesUrl', opts['base-images-url'], '--baseContentUrl', opts['base-images-url']] : ['--no-rewrite-relative-links'];
  mkdirSync(dirname(out), { recursive: true });
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', ...links, '-o', out], { cwd: stage, stdio: ['ignore', 'pipe', 'inherit'] });
  process.stderr.write(`packaged ${out}\n`);
} finally {
  if (!opts['keep-stage']) rmSync(stage, { recursive: true, force: true });
}
