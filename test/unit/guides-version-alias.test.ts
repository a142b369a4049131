// The version an 837 is sent under, in GS08 and ST03, when the map that checks it names another.
// 005010X223A1 is checked with the X223A2 map (guides/coverage.ts GUIDE_ALIASES: pyx12's one
// institutional map covers both exactly), so its own version is accepted in GS08 and ST03, as a
// later errata checked with its nearest map (005010X223A3, which gets one guide.nearest-guide
// information) is. Before, the A1 file got guide.code-invalid on GS08 and ST03, each saying "A
// value that is not a code is not a valid code": a version identifier, whose six digits in a row
// read as an id elsewhere, is shown as the code it is in an element whose codes are versions.
// Synthetic claims (test/unit/helpers/x12-writer.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { claimSegments, writeTransactions } from './helpers/x12-writer';
import { fullFindings, replaced } from './helpers/guide-findings';
import { validateSegments, valuesOf } from '../../server/src/core/guides/validate';
import { parseX12 } from '../../server/src/core/x12/index';

/** A guide-valid 837I 5010 (written under 005010X223A2), one claim, one line. */
function institutional(version: '5010' | '4010' = '5010'): string {
  const body = claimSegments(
    [{ id: 'C1', date: { from: 20240110, to: 20240112 }, lines: [{ code: '99213', charge: '100.00', date: { from: 20240110, to: 20240112 } }] }],
    'institutional',
    version,
  );
  return writeTransactions([body], { kind: 'institutional', version }).text;
}

const shown = (text: string): string[] => fullFindings(text).map((f) => `${f.rule}: ${f.message}`);

describe('837I: the version in GS08 and ST03 when the map names another', () => {
  test('005010X223A1 in GS08 and ST03 is accepted (the X223A2 map covers it)', () => {
    const text = institutional().replaceAll('005010X223A2', '005010X223A1');
    assert.ok(text.includes('*005010X223A1~ST*837*0001*005010X223A1~'), 'both GS08 and ST03 hold A1');
    assert.deepEqual(shown(text), []);
  });

  test('005010X223A3 gets the nearest-guide information alone', () => {
    assert.deepEqual(shown(institutional().replaceAll('005010X223A2', '005010X223A3')), [
      'guide.nearest-guide: 005010X223A3 is checked against the 005010X223A2 implementation guide (its nearest earlier version); its later changes are not checked.',
    ]);
  });

  test('a transaction set without a GS: ST03 005010X223A1 is accepted', () => {
    const ix = parseX12(institutional().replaceAll('005010X223A2', '005010X223A1')).x12;
    const segments = [];
    for (let i = 0; i < ix.segmentCount; i++) segments.push({ id: ix.segmentId(i), elements: valuesOf(ix, i) });
    const set = segments.slice(segments.findIndex((s) => s.id === 'ST'), segments.findIndex((s) => s.id === 'SE') + 1);
    assert.deepEqual(validateSegments(set).map((f) => `${f.rule}: ${f.message}`), []);
  });

  test('an ST03 of another guide is named in the code finding', () => {
    const text = replaced(institutional(), 'ST*837*0001*005010X223A2', 'ST*837*0001*005010X222A1');
    assert.ok(
      shown(text).includes("guide.code-invalid: '005010X222A1' is not a valid code for ST03 (Version, Release, or Industry Identifier): it takes 005010X223A2."),
      JSON.stringify(shown(text)),
    );
  });

  test('a 4010 REF*87 version is named in the code finding too', () => {
    const text = replaced(institutional('4010'), 'REF*87*004010X096A1', 'REF*87*004010X098A1');
    assert.ok(
      shown(text).some((f) => f.startsWith("guide.code-invalid: '004010X098A1' is not a valid code for REF02")),
      JSON.stringify(shown(text)),
    );
  });

  test('a value that is no version is still described, not quoted', () => {
    const text = replaced(institutional(), 'ST*837*0001*005010X223A2', 'ST*837*0001*123456789');
    assert.ok(shown(text).includes('guide.code-invalid: A value that is not a code is not a valid code for ST03 (Version, Release, or Industry Identifier): it takes 005010X223A2.'), JSON.stringify(shown(text)));
  });
});

describe('a base release HIPAA never adopted (found in review: 005010X222 was not checked at all, and exited 0)', () => {
  test('005010X223 is checked against the X223A2 map, its GS08 and ST03 each "not a valid code" naming the version to write', () => {
    const text = institutional().replaceAll('005010X223A2', '005010X223');
    assert.deepEqual(shown(text), [
      "guide.code-invalid: '005010X223' is not a valid code for GS08 (Version / Release / Industry Identifier Code): it takes 005010X223A2.",
      "guide.code-invalid: '005010X223' is not a valid code for ST03 (Version, Release, or Industry Identifier): it takes 005010X223A2.",
    ]);
  });

  test('its claims are checked against the guide: a planted bad code is found', () => {
    const text = replaced(institutional().replaceAll('005010X223A2', '005010X223'), 'CLM*C1*100.00***13:A:1', 'CLM*C1*100.00***13:X:1');
    assert.ok(shown(text).some((f) => f.startsWith("guide.code-invalid: 'X' is not a valid code for CLM05-02")), JSON.stringify(shown(text)));
  });
});
