// The README inside the .vsix (the extension's details page in VS Code and on the Marketplace):
// what a user of the extension needs, taken from the repository's README.md so the two do not
// drift. It keeps the introduction, the screenshots, the feature list, "How lines are paired",
// "CSV exports", "Settings", "Health information" and "Licensed data"; it leaves out clone-and-build steps,
// other editors, the command line (the .vsix has no CLI), performance and development, and the
// remarks about the CLI inside the kept sections. It refuses (throws) rather than ship a page that
// still mentions a build step or the CLI, or links a file the package does not hold.
//
//   node scripts/marketplace-readme.mjs [--out FILE]   (default: print to stdout)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Splits Markdown into its heading sections (fenced code is never taken for a heading). */
function sections(markdown) {
  const result = [];
  let current = { level: 0, title: '', lines: [] };
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      result.push(current);
      current = { level: heading[1].length, title: heading[2].trim(), lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  result.push(current);
  return result;
}

function find(all, level, title) {
  const section = all.find((s) => s.level === level && s.title === title);
  if (!section) throw new Error(`marketplace-readme: README.md has no "${'#'.repeat(level)} ${title}" section`);
  return section.lines.join('\n');
}

/** Blocks of text separated by blank lines (a fenced block stays one block). */
function blocks(text) {
  const result = [];
  let current = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && line.trim() === '') {
      if (current.length) result.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length) result.push(current.join('\n'));
  return result;
}

/** Parentheses (one level of nesting inside) that mention the command line. */
const cliParenthesis = /\s*\((?:[^()]|\([^()]*\))*?(?:\bCLI\b|`claimlint (?:check|fix)\b|`--[a-z])(?:[^()]|\([^()]*\))*\)/g;
const cliPhrases = [
  [/, the server and the CLI\b/g, ' and the server'],
  [/ and `claimlint (?:check|fix)`(\s+)apply\b/g, '$1applies'],
  [/ and the CLI\b/g, ''],
  [/ and `claimlint (?:check|fix)`/g, ''],
];

/** What must not be left on the page: build steps and the command line. */
const forbidden = [
  /\bCLI\b/,
  /\bcommand line\b/i,
  /`claimlint (?:check|fix)\b/,
  /node server\/out/,
  /\bnpm (?:ci|install|run|test|pack)\b/,
  /\bgit clone\b/,
  /\bfresh clone\b/i,
  /ARCHITECTURE\.md/,
];

function withoutCli(text) {
  let out = text.replace(cliParenthesis, '');
  for (const [pattern, replacement] of cliPhrases) out = out.replace(pattern, replacement);
  return out;
}

/** Cells of a Markdown table row. */
function cells(row) {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
}

/**
 * A table of screenshots (a header row of captions, a row of images) as one captioned image
 * after another: the details page is narrow, and three 1280-pixel screenshots side by side
 * shrink to thumbnails.
 */
function stackScreenshots(table) {
  const rows = table.split('\n').filter((row) => !/^\|?\s*:?-{3,}/.test(row.trim()));
  const [captions, ...bodies] = rows.map(cells);
  const images = bodies.find((row) => row.every((cell) => /^!\[[^\]]*\]\([^)]+\)$/.test(cell)));
  if (!captions || !images || images.length !== captions.length) return [table];
  return captions.flatMap((caption, i) => [`**${caption}**`, images[i]]);
}

/** The marketplace README for the repository's README text. */
export function marketplaceReadme(readme) {
  const all = sections(readme);
  const title = all.find((s) => s.level === 1);
  if (!title) throw new Error('marketplace-readme: README.md has no title');
  const intro = blocks(title.lines.join('\n'))[0];
  if (!intro) throw new Error('marketplace-readme: README.md has no introduction under its title');

  // "Install in VS Code": the screenshots and the feature list, not the install command (the
  // details page has its own Install button) nor how the screenshots were taken.
  const install = blocks(find(all, 2, 'Install in VS Code')).filter((block) => !/^(```|~~~)/.test(block) && !/^\(Taken by\b/.test(block));
  const screenshots = install.filter((block) => block.startsWith('|'));
  const rest = install.filter((block) => !block.startsWith('|'));
  const opening = rest.filter((block) => !/^\s*[-*] /.test(block));
  const features = rest.filter((block) => /^\s*[-*] /.test(block));

  const page = [
    `# ${title.title}`,
    intro,
    ...opening,
    ...screenshots.flatMap(stackScreenshots),
    '## Features',
    ...features,
    '## How lines are paired',
    find(all, 3, 'How lines are paired').trim(),
    '## CSV exports',
    find(all, 3, 'CSV exports').trim(),
    '## Settings',
    find(all, 3, 'Settings').trim(),
    '## Health information',
    find(all, 2, 'Health information').trim(),
    '## Licensed data',
    find(all, 2, 'Licensed data').trim(),
  ];
  const text = `${withoutCli(page.join('\n\n'))}\n`;

  text.split('\n').forEach((line, i) => {
    for (const pattern of forbidden) {
      if (pattern.test(line)) throw new Error(`marketplace-readme: line ${i + 1} still mentions ${pattern} (rewrite it in README.md or teach scripts/marketplace-readme.mjs to drop it):\n${line}`);
    }
  });
  return text;
}

/** The relative link targets of Markdown text (images and links, not anchors or URLs). */
export function relativeLinks(markdown) {
  const targets = [];
  for (const match of markdown.matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1];
    if (!/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#')) targets.push(target);
  }
  return targets;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = marketplaceReadme(readFileSync(resolve(root, 'README.md'), 'utf8'));
  const outIndex = process.argv.indexOf('--out');
  if (outIndex > 0) writeFileSync(resolve(process.argv[outIndex + 1]), text);
  else process.stdout.write(text);
}
