// Summarizes V8 CPU profiles (node --cpu-prof): self and inclusive time per function, with the
// source file of each function in an esbuild bundle (server/out/*.js, bench/out/worker.js) taken
// from the `// path/to/file.ts` comments esbuild writes before each module.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/out/worker.js core --file BIG.837
//   node bench/profile-summary.mjs /tmp/prof [rows] [--match text]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [target, rowsArg] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--match');
const matchAt = process.argv.indexOf('--match');
const match = matchAt > 0 ? process.argv[matchAt + 1] : null;
const rows = Number(rowsArg ?? 30);
if (!target) {
  console.error('usage: node bench/profile-summary.mjs PROFILE.cpuprofile|DIR [rows] [--match text]');
  process.exit(2);
}
const files = statSync(target).isDirectory()
  ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => `${target}/${f}`)
  : [target];

/** bundle path -> sorted [line, module] pairs */
const moduleMaps = new Map();
function moduleOf(url, line) {
  if (!url) return '';
  let path = url;
  if (url.startsWith('file://')) path = fileURLToPath(url);
  if (!moduleMaps.has(path)) {
    const map = [];
    try {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((text, index) => {
          const m = /^\/\/ ((?:server|bench|test|node_modules|client)\/\S+\.[cm]?[jt]s)$/.exec(text);
          if (m) map.push([index, m[1]]);
        });
    } catch {
      // not a file we can read
    }
    moduleMaps.set(path, map);
  }
  const map = moduleMaps.get(path);
  if (map.length === 0) return path.replace(/.*\/work\/main\//, '').replace(/^node:/, 'node:');
  let found = map[0][1];
  for (const [start, name] of map) {
    if (start > line) break;
    found = name;
  }
  return found;
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...time.values()].reduce((a, b) => a + b, 0);
  const key = (n) => {
    const f = n.callFrame;
    const where = moduleOf(f.url, f.lineNumber);
    return `${f.functionName || '(anonymous)'}  ${where || '(native)'}`;
  };
  const self = new Map();
  const inclusive = new Map();
  for (const [id, t] of time) {
    const k = key(byId.get(id));
    self.set(k, (self.get(k) ?? 0) + t);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = key(byId.get(cur));
      if (seen.has(kk)) continue;
      seen.add(kk);
      inclusive.set(kk, (inclusive.get(kk) ?? 0) + t);
    }
  }
  const show = (map) =>
    [...map]
      .filter(([k]) => !match || k.includes(match))
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(([k, t]) => `${(t / 1000).toFixed(0).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  console.log(`== ${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  console.log('-- self time');
  console.log(show(self));
  console.log('-- inclusive time');
  console.log(show(inclusive));
}
