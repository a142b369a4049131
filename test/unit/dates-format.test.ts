// One name per output form of a date (issue 17, shape): dates.ts formats a day as MM/DD/YYYY
// (formatDate), as a person reads it (formatDateLong) and a range of days (formatDateRange); no
// other module keeps its own formatter under another name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as dates from '../../server/src/core/dates';

test('dates.ts: one function per output form', () => {
  assert.equal(dates.formatDate(20240302), '03/02/2024');
  assert.equal(dates.formatDateLong(20261015), 'Thursday, October 15, 2026');
  assert.equal(dates.formatDateRange({ from: 20240302, to: 20240302 }), '03/02/2024');
  // As the PTP messages have always written a range of days: an en dash, no spaces.
  assert.equal(dates.formatDateRange({ from: 20240302, to: 20240304 }), '03/02/2024–03/04/2024');
  assert.deepEqual(Object.keys(dates).filter((name) => /^format/.test(name)).sort(), ['formatDate', 'formatDateLong', 'formatDateRange']);
});

test('no module outside dates.ts defines a date formatter of its own', () => {
  const root = resolve(__dirname, '../../server/src');
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []));
  const defined = walk(root)
    .filter((file) => relative(root, file) !== join('core', 'dates.ts'))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/function (format\w*Dates?\w*)\s*\(/g)].map((m) => `${relative(root, file)}: ${m[1]}`));
  assert.deepEqual(defined, []);
});
