// A SARIF report's rules carry a shortDescription, which code-scanning tools show beside each
// result. Every guide.* rule used to be described by its own id, every x12.* rule as "X12 837
// structure.", and ptp.conflict as "on one claim" though lines are paired across claims. Each
// rule id the checks emit (every quoted rule id in server/src) now has its own sentence in the
// data module cli/ruleDescriptions.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULE_DESCRIPTIONS, ruleDescription, ruleTags } from '../../server/src/cli/ruleDescriptions';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { writeX12 } from '../unit/helpers/x12-writer';

const SOURCE = resolve(__dirname, '../../server/src');

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

/** Every rule id quoted in the server's sources (outside the descriptions themselves). */
function ruleIdsInSources(): Set<string> {
  const ids = new Set<string>();
  for (const path of sourceFiles(SOURCE)) {
    if (path.endsWith('ruleDescriptions.ts')) continue;
    for (const match of readFileSync(path, 'utf8').matchAll(/'((?:x12|csv|guide|ptp|mue|aoc|ncci|claimlint)\.[a-z0-9]+(?:-[a-z0-9]+)*)'/g)) ids.add(match[1]!);
  }
  return ids;
}

test('every rule id the sources emit has its own description, and the table names no rule that does not exist', () => {
  const ids = ruleIdsInSources();
  assert.ok(ids.size > 60, `found ${ids.size} rule ids`);
  const undescribed = [...ids].filter((id) => !Object.hasOwn(RULE_DESCRIPTIONS, id)).sort();
  assert.deepEqual(undescribed, []);
  const stale = Object.keys(RULE_DESCRIPTIONS).filter((id) => !ids.has(id)).sort();
  assert.deepEqual(stale, []);
  for (const [id, text] of Object.entries(RULE_DESCRIPTIONS)) {
    assert.notEqual(text, id);
    assert.match(text, /^[A-Z].*\.$/, `${id}: one sentence`);
  }
});

interface SarifDriver {
  version: string;
  semanticVersion: string;
  rules: { id: string; shortDescription: { text: string }; properties: { tags: string[] } }[];
}

/** The SARIF driver of `check --guide full` on a file with a PTP conflict (43214 and 43200) and a guide finding (CLM02 not a number). */
function driverOfCheckedFile(): SarifDriver {
  const day = { from: 20260310, to: 20260310 };
  const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }] }]).text;
  const broken = text.replace(/CLM\*C1\*150\.00/, 'CLM*C1*150.00X');
  const io = memoryIo(Buffer.from(broken, 'latin1'));
  run(['check', '--format', 'sarif', '--guide', 'full', '-'], io);
  return (JSON.parse(io.out) as { runs: { tool: { driver: SarifDriver } }[] }).runs[0]!.tool.driver;
}

test('the SARIF report carries them: ptp.conflict says across claims, a guide rule has its own sentence', () => {
  const rules = new Map(driverOfCheckedFile().rules.map((r) => [r.id, r.shortDescription.text]));
  assert.match(rules.get('ptp.conflict') ?? '', /across claims/);
  const guideRules = [...rules.keys()].filter((id) => id.startsWith('guide.'));
  assert.ok(guideRules.length > 0, `guide rules in the report: ${[...rules.keys()].join(', ')}`);
  for (const id of guideRules) assert.equal(rules.get(id), ruleDescription(id));
  for (const id of guideRules) assert.notEqual(rules.get(id), id);
});

test('each rule carries its family\'s tags (code scanning filters by them), and the driver its semantic version', () => {
  const driver = driverOfCheckedFile();
  assert.equal(driver.semanticVersion, driver.version);
  const tags = new Map(driver.rules.map((r) => [r.id, r.properties.tags]));
  assert.deepEqual(tags.get('ptp.conflict'), ['ncci', 'coding', 'ptp']);
  const guide = [...tags.keys()].find((id) => id.startsWith('guide.'));
  assert.ok(guide, [...tags.keys()].join(', '));
  assert.deepEqual(tags.get(guide), ['x12', 'structure', 'implementation-guide']);
  // Every family of the rule ids the sources emit has tags.
  for (const id of ruleIdsInSources()) assert.ok(ruleTags(id).length > 0, id);
});
