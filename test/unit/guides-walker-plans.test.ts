// The walker's planned steps (transitions.ts, used by sameLoopStep) against its full walk: the
// same placements, events, loops left and entered, and loop path at every step, over generated
// files whose segments are then deleted, repeated and moved, so that required segments go
// missing and max uses are passed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { guideFor } from '../../server/src/core/guides/load';
import type { ValueAt } from '../../server/src/core/guides/lookups';
import { valuesOf } from '../../server/src/core/guides/validate';
import { GuideWalker } from '../../server/src/core/guides/walker';
import { parseX12 } from '../../server/src/core/x12/index';
import { oneSet837 } from './helpers/one-set';
import { validX12ScenarioArb, x12ScenarioArb, writeX12Scenario } from '../fuzz/generators';
import { placementOf } from '../../server/src/core/guides/placement';

type Segment = { id: string; elements: string[] };

function segmentsOf(text: string): Segment[] {
  const ix = parseX12(text).x12;
  const out: Segment[] = [];
  for (let i = 0; i < ix.segmentCount; i++) out.push({ id: ix.segmentId(i), elements: valuesOf(ix, i) });
  return out;
}

function valueAtOf(segment: Segment): ValueAt {
  return (position, component) => {
    const raw = segment.elements[position - 1] ?? '';
    return component === 0 ? raw : (raw.split(':')[component - 1] ?? '');
  };
}

/** Every step of a walk over the transaction segments, as comparable text. */
function walk(segments: Segment[], guideKey: string, plans: boolean): string[] {
  const guide = guideFor(guideKey)!;
  const walker = new GuideWalker(guide, { plans });
  const out: string[] = [];
  for (const segment of segments) {
    const placed = walker.step(segment.id, valueAtOf(segment));
    out.push(
      [
        placed ? `${placed.loop.id}/${placed.id}@${placed.index}` : 'none',
        walker.events.map((e) => `${e.kind}:${'segment' in e ? e.segment.id : ''}:${'loop' in e ? e.loop.id : ''}:${'count' in e ? e.count : ''}`).join(','),
        walker.exited.map((l) => l.id).join(','),
        walker.entered.map((l) => l.id).join(','),
        walker.loopPath().join('/'),
      ].join(' | '),
    );
  }
  return out;
}

const edit = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 14 }) }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
);

function applyEdits(segments: Segment[], edits: { kind: 'delete' | 'repeat' | 'move'; at: number; times?: number; to?: number }[]): Segment[] {
  const out = [...segments];
  for (const e of edits) {
    if (out.length < 2) break;
    const at = e.at % out.length;
    if (e.kind === 'delete') out.splice(at, 1);
    else if (e.kind === 'repeat') out.splice(at, 0, ...Array.from({ length: e.times! }, () => out[at]!));
    else out.splice(e.to! % out.length, 0, ...out.splice(at, 1));
  }
  return out;
}

describe('guide walker plans', () => {
  let placedSome = false;
  it('step exactly as the full walk on generated files with segments deleted, repeated and moved', () => {
    fc.assert(
      fc.property(x12ScenarioArb, fc.array(edit, { maxLength: 6 }), (scenario, edits) => {
        const all = segmentsOf(writeX12Scenario(scenario));
        const st = all.find((s) => s.id === 'ST');
        const key = st?.elements[2] || all.find((s) => s.id === 'GS')?.elements[7] || '';
        if (!guideFor(key)) return;
        const body = applyEdits(all, edits);
        const planned = walk(body, key, true);
        assert.deepEqual(planned, walk(body, key, false));
        placedSome ||= planned.filter((step) => step.includes('/CLM@')).length > 0;
      }),
      { numRuns: 300, seed: 2026 },
    );
    assert.ok(placedSome, 'the walks placed claims (the files were walked inside their transaction sets)');
  });
});

describe('segment placement for hovers', () => {
  it('is the same whatever order the segments are asked about in (the walk goes on from where it stopped)', () => {
    fc.assert(
      fc.property(validX12ScenarioArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (scenario, asks) => {
        const text = writeX12Scenario(scenario);
        const inOrder = parseX12(text);
        const count = inOrder.x12.segmentCount;
        const expected = Array.from({ length: count }, (_, i) => shownPlacement(placementOf(inOrder, text, i)));
        const asked = parseX12(text);
        for (const n of asks) {
          const i = n % count;
          assert.equal(shownPlacement(placementOf(asked, text, i)), expected[i], `segment ${i}`);
        }
      }),
      { numRuns: 150, seed: 77 },
    );
  });
});

function shownPlacement(p: ReturnType<typeof placementOf>): string {
  return p === null ? 'none' : p.segment === null ? `${p.guide.key} unplaced` : `${p.guide.key} ${p.segment.loop.id}/${p.segment.id}@${p.segment.index}`;
}

describe('segment placement far into a big transaction set', () => {
  it('starts at the nearest HL and places every segment as the walk from ST does', () => {
    const text = oneSet837(600);
    const inOrder = parseX12(text);
    const count = inOrder.x12.segmentCount;
    assert.ok(count > 4000, `${count} segments`);
    const expected = Array.from({ length: count }, (_, i) => shownPlacement(placementOf(inOrder, text, i)));
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (asks) => {
        const asked = parseX12(text);
        // The last segments first: far past anything walked, so the walks start at HLs.
        for (const n of [count - 2, count - 700, ...asks]) {
          const i = n % count;
          assert.equal(shownPlacement(placementOf(asked, text, i)), expected[i], `segment ${i}`);
        }
      }),
      { numRuns: 40, seed: 78 },
    );
  });
});
