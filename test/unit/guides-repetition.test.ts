// Found in review: a 5010 repetition separator (ISA11) inside an element the guide does not let
// repeat is accepted. guides/elementChecks.ts checkElements splits any simple value holding the
// repetition separator and checks each piece as a value of the element, never asking whether the
// element repeats (no simple element of the 837 maps does; only the not-used DMG05 composite
// has a repeat). `CLM*C1*100.00***11:B:1*Y*A^B*Y*Y` (CLM07 sent twice) and `NM1*IL*1*DOE^X*...`
// get no guide finding; a receiver answers "too many repetitions" (999 IK403 12).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeX12 } from './helpers/x12-writer';
import { fullFindings, replaced } from './helpers/guide-findings';

const full = fullFindings;
const day = { from: 20240110, to: 20240110 };

describe('a repetition separator in an element that does not repeat', () => {
  const good = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;

  test('the file uses ^ as its repetition separator and is valid', () => {
    assert.ok(good.includes('*^*00501*'));
    assert.deepEqual(full(good).map((f) => f.rule), []);
  });

  test('CLM07 A^B (two repetitions) is reported on CLM07', () => {
    const text = replaced(good, 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~', 'CLM*C1*100.00***11:B:1*Y*A^B*Y*Y~');
    const found = full(text).filter((f) => f.rule.startsWith('guide.') && f.message.includes('CLM07'));
    assert.ok(found.length > 0, 'no guide finding on CLM07');
  });

  test('NM103 DOE^X is reported on NM103', () => {
    const text = replaced(good, 'NM1*IL*1*DOE*JANE', 'NM1*IL*1*DOE^X*JANE');
    const found = full(text).filter((f) => f.rule.startsWith('guide.') && f.message.includes('NM103'));
    assert.ok(found.length > 0, 'no guide finding on NM103');
  });

  // Found in a user review (an EDI analyst): a repetition separator inside a composite was not
  // looked for. HI*ABK:R0789^ABK:R001 was told "HI01-03 ... is marked not used" (the second value
  // read as more components), and SV1*HC:99213^99214 got no guide finding at all.
  test('a composite holding the repetition separator: too many repetitions on it, and nothing read into its components', () => {
    const hi = full(replaced(good, 'HI*ABK:R69~', 'HI*ABK:R69^ABK:R001~')).filter((f) => f.rule.startsWith('guide.'));
    assert.deepEqual(hi.map((f) => f.rule), ['guide.too-many-repetitions']);
    assert.match(hi[0]!.message, /^HI01 \(Health Care Code Information\) does not repeat, but holds 2 values separated by the repetition separator "\^"\.$/);
    const sv1 = full(replaced(good, 'SV1*HC:99213*', 'SV1*HC:99213^99214*')).filter((f) => f.rule.startsWith('guide.'));
    assert.deepEqual(sv1.map((f) => f.rule), ['guide.too-many-repetitions']);
    assert.match(sv1[0]!.message, /^SV101 /);
  });

  test('its first value is checked as the composite: a code too long there is still reported', () => {
    const found = full(replaced(good, 'HI*ABK:R69~', `HI*ABK:R${'6'.repeat(30)}^ABK:R001~`)).filter((f) => f.rule.startsWith('guide.')).map((f) => f.rule);
    assert.deepEqual(found, ['guide.too-many-repetitions', 'guide.element-length']);
  });
});
