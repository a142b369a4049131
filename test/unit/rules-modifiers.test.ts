import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isPtpBypassModifier,
  MODIFIER_INFO,
  MODIFIERS,
  modifierInfo,
  PTP_BYPASS_MODIFIERS,
  PTP_FIX_MODIFIERS,
} from '../../server/src/core/data/modifiers';

describe('modifiers table', () => {
  it('lists each modifier once, with a one-line meaning', () => {
    assert.equal(MODIFIER_INFO.size, MODIFIERS.length);
    for (const info of MODIFIERS) {
      assert.match(info.code, /^[0-9A-Z]{2}$/);
      assert.ok(info.meaning.length > 5 && !info.meaning.includes('\n'), info.code);
    }
  });

  it('includes the common non-NCCI modifiers, which do not bypass PTP edits', () => {
    for (const code of ['26', 'TC', '50', '51', '76', '77', '22', '52', '53', 'GT', '95', 'QW', 'KX']) {
      assert.equal(modifierInfo(code)?.bypassesPtp, false, code);
    }
  });

  it('knows the hospital outpatient billing modifiers (found in review: PO, PN and the rest hovered as unknown), none of them a PTP bypass', () => {
    for (const code of ['PO', 'PN', 'PD', 'ER', 'CT', 'FX', 'FY']) {
      const info = modifierInfo(code);
      assert.ok(info, code);
      assert.equal(info.bypassesPtp, false, code);
    }
    assert.match(modifierInfo('po')!.meaning, /off-campus, provider-based outpatient department/);
  });

  it('recognizes bypass modifiers in any case, with blanks around them', () => {
    assert.equal(isPtpBypassModifier('XS'), true);
    assert.equal(isPtpBypassModifier(' xs '), true);
    assert.equal(isPtpBypassModifier('26'), false);
    assert.equal(PTP_BYPASS_MODIFIERS.size, 44);
  });

  it('offers the X modifiers before 59 as fixes, each NCCI-associated', () => {
    assert.deepEqual(PTP_FIX_MODIFIERS.map((modifier) => modifier.code), ['XE', 'XS', 'XP', 'XU', '59']);
    for (const modifier of PTP_FIX_MODIFIERS) assert.ok(isPtpBypassModifier(modifier.code) && modifier.meaning.length > 0);
  });
});
