import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { elementAt, findLoop, isValidCode, lookupElement, loopsOf, segmentFor } from '../../server/src/core/guides/lookups';
import { envelopeFor, guideCoverage, guideFor, guideKeys } from '../../server/src/core/guides/load';
import { parseSyntaxNote } from '../../server/src/core/guides/segmentDefinitions';
import type { ElementSpec, GuideData, GuideSchema, LoopSpec, SegmentSpec } from '../../server/src/core/guides/schema';

// Only the committed schema is read here: pyx12's maps are not part of the repository (CI has none).
const DATA_DIR = join(__dirname, '../../server/src/core/guides/data');
const raw = JSON.parse(readFileSync(join(DATA_DIR, 'guides.json'), 'utf8')) as GuideData;

const GUIDES: Record<string, { service: string; facilityQualifier: string[] | null }> = {
  '005010X222A1': { service: 'SV1', facilityQualifier: ['B'] },
  '005010X223A2': { service: 'SV2', facilityQualifier: ['A'] },
  '004010X098A1': { service: 'SV1', facilityQualifier: null },
  '004010X096A1': { service: 'SV2', facilityQualifier: ['A'] },
  '004010X097A1': { service: 'SV3', facilityQualifier: null },
};

function guide(key: string): GuideSchema {
  const g = guideFor(key);
  assert.ok(g, `guide ${key}`);
  return g;
}

function loop(g: GuideSchema, path: string): LoopSpec {
  const l = findLoop(g, path);
  assert.ok(l, `${g.key}: loop ${path}`);
  return l;
}

function simple(segment: SegmentSpec, position: number, component = 0): ElementSpec {
  const spec = elementAt(segment, position, component);
  assert.ok(spec && spec.kind === 'element', `${segment.id}${position}-${component} is a simple element`);
  return spec;
}

describe('guides: the committed data file', () => {
  it('holds the five 837 guides and the two envelopes, and stays small', () => {
    assert.deepEqual(guideKeys().sort(), Object.keys(GUIDES).sort());
    assert.deepEqual(Object.keys(raw.guides).filter((k) => raw.guides[k].kind === 'envelope').sort(), ['00401', '00501']);
    const size = statSync(join(DATA_DIR, 'guides.json')).size;
    assert.ok(size < 400_000, `guides.json is ${size} bytes`);
  });

  it('refers only to definitions it holds', () => {
    for (const e of raw.elements) {
      if (e.e) for (const c of e.e) assert.ok(raw.elements[c] && !raw.elements[c].e, `component ${c}`);
      else assert.ok(raw.dataElements[e.d], `data element ${e.d}`);
      if (e.c !== undefined) assert.ok(raw.codeLists[e.c]?.length > 0, `code list ${e.c}`);
      if (e.x !== undefined) assert.ok(e.x in raw.externalCodeSets, `external set ${e.x}`);
    }
    for (const s of raw.segments) {
      for (const e of s.e) assert.ok(raw.elements[e], `${s.id}: element ${e}`);
      if (s.q) assert.ok(raw.codeLists[s.q[2]], `${s.id}: qualifier list`);
      for (const note of s.syn ?? []) assert.match(note, /^[PRCEL](\d\d){2,}$/);
    }
    // Stored once: no two code lists, elements or segments alike.
    for (const table of [raw.codeLists, raw.elements, raw.segments]) {
      const keys = table.map((x) => JSON.stringify(x));
      assert.equal(new Set(keys).size, keys.length);
    }
  });

  it('keeps pyx12 licence notice and a README beside it', () => {
    const licence = readFileSync(join(DATA_DIR, 'LICENSE-pyx12.txt'), 'utf8');
    assert.match(licence, /John Holland/);
    assert.match(licence, /Redistributions in binary form must reproduce the above copyright notice/);
    const readme = readFileSync(join(DATA_DIR, 'README.md'), 'utf8');
    assert.match(readme, /scripts\/guides\/generate\.mjs/);
    assert.match(raw.about, /LICENSE-pyx12\.txt/);
  });
});

describe('guides: shape of every guide', () => {
  for (const [key, expected] of Object.entries(GUIDES)) {
    it(`${key}: envelope, header and the claim hierarchy`, () => {
      const g = guide(key);
      assert.equal(g.kind, 'transaction');
      assert.deepEqual(loop(g, '2300').path, ['ISA_LOOP', 'GS_LOOP', 'ST_LOOP', 'DETAIL', '2000A', '2000B', '2300']);
      const gs = segmentFor(loop(g, 'GS_LOOP'), 'GS');
      assert.ok(gs);
      assert.deepEqual(simple(gs, 8).codes, [key], 'GS08 names the guide');
      // Loops start where the guide says: 2000A on HL*20, 2000B on HL*22, 2000C on HL*23, 2010AA on NM1*85.
      for (const [path, segmentId, ref, codes] of [
        ['2000A', 'HL', 'HL03', ['20']],
        ['2000B', 'HL', 'HL03', ['22']],
        ['2000C', 'HL', 'HL03', ['23']],
        ['2010AA', 'NM1', 'NM101', ['85']],
        ['2010BA', 'NM1', 'NM101', ['IL']],
      ] as const) {
        const l = loop(g, path);
        assert.equal(l.trigger.length, 1, path);
        assert.equal(l.trigger[0].id, segmentId, path);
        assert.equal(l.trigger[0].qualifier?.ref, ref, path);
        assert.deepEqual(l.trigger[0].qualifier?.codes, codes, path);
      }
      const claim = loop(g, '2300');
      assert.equal(claim.trigger[0].id, 'CLM');
      assert.equal(claim.trigger[0].qualifier, null, 'CLM01 is no qualifier');
      assert.equal(claim.maxRepeat, 100);
      const line = loop(g, '2400');
      assert.deepEqual(
        line.children.slice(0, 2).map((c) => c.id),
        ['LX', expected.service],
      );
      // A wrapper (DETAIL) starts with the loops it holds.
      const detail = loop(g, 'DETAIL');
      assert.ok(detail.wrapper);
      assert.deepEqual(detail.trigger.map((t) => `${t.id}*${t.qualifier?.codes.join()}`), ['HL*20']);
      const clm05 = elementAt(claim.trigger[0], 5, 2);
      assert.ok(clm05 && clm05.kind === 'element');
      assert.equal(clm05.ref, 'CLM05-02');
      assert.deepEqual(clm05.codes, expected.facilityQualifier);
    });

    it(`${key}: element references, positions and loop triggers are consistent`, () => {
      const g = guide(key);
      let loops = 0;
      for (const l of loopsOf(g)) {
        loops++;
        assert.ok(l.trigger.length > 0, `${l.path.join('/')} has a trigger`);
        let last = -Infinity;
        for (const [i, child] of l.children.entries()) {
          assert.ok(child.position >= last, `${l.id}: children in position order`);
          last = child.position;
          if (child.kind === 'loop') continue;
          assert.equal(child.index, i);
          assert.equal(child.loop, l);
          child.elements.forEach((e, p) => {
            assert.equal(e.ref, `${child.id}${String(p + 1).padStart(2, '0')}`);
            if (e.kind !== 'composite') return;
            e.components.forEach((c, j) => assert.equal(c.ref, `${e.ref}-${String(j + 1).padStart(2, '0')}`));
            // What the clean check reads of a composite instead of its components.
            const required = e.components.map((c, j) => (c.usage === 'R' ? j + 1 : 0));
            assert.equal(e.lastRequired, Math.max(0, ...required), `${e.ref}: last required component`);
            assert.equal(e.hasDateFormat, e.components.some((c) => c.dataElement === '1250' || c.dataElement === '1251'), `${e.ref}: date format`);
          });
        }
      }
      assert.ok(loops > 40, `${key} has ${loops} loops`);
    });
  }
});

describe('guides: 005010X222A1 in detail', () => {
  const g = guide('005010X222A1');

  it('SV1: the procedure composite and the amounts, with their types and lengths', () => {
    const sv1 = segmentFor(loop(g, '2400'), 'SV1');
    assert.ok(sv1);
    assert.equal(sv1.usage, 'R');
    assert.deepEqual(sv1.qualifier && { ref: sv1.qualifier.ref, codes: sv1.qualifier.codes }, { ref: 'SV101-01', codes: ['ER', 'HC', 'IV', 'WK'] });
    const expected: [number, number, string, string, number, number][] = [
      [1, 1, 'SV101-01', 'ID', 2, 2],
      [1, 2, 'SV101-02', 'AN', 1, 48],
      [2, 0, 'SV102', 'R', 1, 18],
      [3, 0, 'SV103', 'ID', 2, 2],
      [4, 0, 'SV104', 'R', 1, 15],
    ];
    for (const [position, component, ref, type, min, max] of expected) {
      const e = simple(sv1, position, component);
      assert.deepEqual([e.ref, e.type, e.minLength, e.maxLength], [ref, type, min, max]);
    }
    assert.deepEqual(simple(sv1, 3).codes, ['MJ', 'UN']);
    const composite = elementAt(sv1, 1);
    assert.ok(composite && composite.kind === 'composite');
    assert.equal(composite.dataElement, 'C003');
    assert.equal(composite.components.length, 8);
  });

  it('2010AA NM1: qualifier 85, usages and syntax notes', () => {
    const nm1 = loop(g, '2010AA').trigger[0];
    assert.equal(nm1.name, 'Billing Provider Name');
    assert.deepEqual(nm1.elements.map((e) => e.usage).join(''), 'RRRSSNSSSNNN');
    assert.deepEqual(
      nm1.syntax.map((s) => s.text),
      ['P0809', 'C1110', 'C1203'],
    );
    assert.deepEqual(parseSyntaxNote('C1110'), { kind: 'C', positions: [11, 10], text: 'C1110' });
  });

  it('segments told apart by their qualifier: HI in 2300, REF and DTP', () => {
    const claim = loop(g, '2300');
    const his = claim.children.filter((c): c is SegmentSpec => c.kind === 'segment' && c.id === 'HI');
    assert.deepEqual(
      his.map((h) => [h.qualifier?.ref, h.qualifier?.codes, h.usage]),
      [
        ['HI01-01', ['ABK', 'BK'], 'R'],
        ['HI01-01', ['BP'], 'S'],
        ['HI01-01', ['BG'], 'S'],
      ],
    );
    const valueAt = (p: number, c: number) => (p === 1 && c === 1 ? 'BG' : '');
    assert.equal(segmentFor(claim, 'HI', valueAt), his[2]);
    assert.equal(segmentFor(claim, 'HI'), his[0], 'without values: the first');
    const dtp = segmentFor(claim, 'DTP', (p) => (p === 1 ? '439' : ''));
    assert.equal(dtp?.name, 'Date - Accident');
    const ref = segmentFor(loop(g, '2010AA'), 'REF', (p) => (p === 1 ? 'EI' : ''));
    assert.equal(ref?.usage, 'R');
  });

  it('hover lookup: an element by loop, segment and position', () => {
    const clm0502 = lookupElement(g, '2300', 'CLM', 5, 2);
    assert.deepEqual(
      clm0502 && {
        ref: clm0502.ref,
        name: clm0502.name,
        usage: clm0502.usage,
        type: clm0502.type,
        min: clm0502.minLength,
        max: clm0502.maxLength,
        codes: clm0502.codes,
      },
      { ref: 'CLM05-02', name: 'Facility Code Qualifier', usage: 'R', type: 'ID', min: 1, max: 2, codes: ['B'] },
    );
    // A code set named by the guide and shipped by pyx12: place of service.
    const pos = lookupElement(g, ['2000B', '2300'], 'CLM', 5, 1);
    assert.equal(pos?.externalCodes, 'pos');
    assert.ok(pos?.codes?.includes('11'));
    const clm05 = lookupElement(g, '2300', 'CLM', 5);
    assert.equal(clm05?.type, 'composite');
    assert.deepEqual(clm05?.components.map((c) => c.ref), ['CLM05-01', 'CLM05-02', 'CLM05-03']);
    assert.equal(lookupElement(g, '2300', 'CLM', 30), null);
    assert.equal(lookupElement(g, '9999', 'CLM', 1), null);
    // 2300 sits under 2000B and under 2000C; the path picks one.
    assert.deepEqual(loop(g, '2000C/2300').path.slice(-3), ['2000B', '2000C', '2300']);
    // Codes: the guide's list and an external set.
    const state = simple(segmentFor(loop(g, '2010AB'), 'N4')!, 2);
    assert.equal(state.externalCodes, 'states');
    assert.ok(isValidCode(state, 'PA'));
    assert.ok(!isValidCode(state, 'ZZ'));
  });
});

describe('guides: versions', () => {
  it('maps each version to its guide, its nearest guide, or says it is not validated', () => {
    assert.equal(guideFor('005010X223A1'), guideFor('005010X223A2'), 'one map serves X223A1 and A2');
    assert.equal(guideFor('005010X224A2'), null);
    assert.equal(guideFor('00501'), null, 'an envelope is no transaction guide');
    const dental = guideCoverage('005010X224A2');
    assert.equal(dental.status, 'not-validated');
    assert.ok(dental.status === 'not-validated' && dental.rule === 'guide.not-validated' && /837 Dental 5010/.test(dental.message));
    const nearest = guideCoverage('005010X222A2');
    assert.ok(nearest.status === 'nearest' && nearest.guide.key === '005010X222A1');
    assert.equal(guideCoverage('005010X222A1').status, 'validated');
    assert.equal(guideCoverage('004010X091A1').status, 'unknown');
  });

  it('envelopes by ISA12', () => {
    assert.equal(envelopeFor('00501')?.key, '00501');
    for (const v of ['00400', '00401', '00402']) assert.equal(envelopeFor(v)?.key, '00401');
    assert.equal(envelopeFor('00601'), null);
    const isa = envelopeFor('00501')!.root.children[0];
    assert.ok(isa.kind === 'loop' && isa.id === 'ISA_LOOP');
  });
});
