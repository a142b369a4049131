import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PTP_BYPASS_MODIFIERS, PTP_FIX_MODIFIERS } from '../../server/src/core/data/modifiers';
import type { Claim, DateRange, Finding, PtpFindingData, ServiceLine, Span } from '../../server/src/core/model';
import { addBuiltinEdits, checkPtp as checkPtpTables, PtpRuleSet, type PtpRow } from '../../server/src/core/rules';
import { checkPtpGroups } from '../../server/src/core/rules/checkPtp';
import { ServiceGrouper } from '../../server/src/core/rules/serviceGroups';

/** The check with one practitioner table (the claims here are professional). */
function checkPtp(claims: Claim[], rules: PtpRuleSet, pairwiseLimit?: number): (Finding & { data?: PtpFindingData })[] {
  return checkPtpTables(claims, { practitioner: rules, hospital: new PtpRuleSet() }, true, pairwiseLimit) as (Finding & { data?: PtpFindingData })[];
}

/** A service line as the test writes it: code, modifiers, and D8 "20240315" or RD8 "20240301-20240305" (null: no date). */
interface LineSpec {
  code: string;
  modifiers?: string[];
  date: string | null;
}

function dateRange(text: string): DateRange {
  const [from, to] = text.split('-');
  return { from: Number(from), to: Number(to ?? from) };
}

/**
 * Builds claims with plausible spans by writing them out as 837P-like text (CLM, then LX / SV1 /
 * DTP per line) and recording where each piece landed.
 */
function buildClaims(specs: LineSpec[][], patients?: string[]): { text: string; claims: Claim[] } {
  let text = '';
  const write = (piece: string): Span => {
    const start = text.length;
    text += piece;
    return { start, end: text.length };
  };
  const claims = specs.map((lineSpecs, claimIndex) => {
    const claimStart = text.length;
    write('CLM*');
    const idSpan = write(`PATIENT${claimIndex}`);
    write('*100***11:B:1*Y*A*Y*Y~\n');
    const lines: ServiceLine[] = lineSpecs.map((spec, index) => {
      const lineStart = text.length;
      write('LX*');
      const lineNumberSpan = write(String(index + 1));
      write('~\n');
      const recordStart = text.length;
      write('SV1*HC:');
      const codeSpan = write(spec.code);
      const modifiers = (spec.modifiers ?? []).map((value) => {
        write(':');
        return { value, span: write(value) };
      });
      const compositeEnd = text.length;
      write('*');
      const chargeSpan = write('50');
      write('*UN*1***1~');
      const recordSpan = { start: recordStart, end: text.length };
      write('\n');
      let dateSpan: Span | null = null;
      if (spec.date !== null) {
        write(spec.date.includes('-') ? 'DTP*472*RD8*' : 'DTP*472*D8*');
        dateSpan = write(spec.date);
        write('~\n');
      }
      return {
        index,
        lineNumber: String(index + 1),
        lineNumberSpan,
        qualifier: 'HC',
        code: spec.code,
        codeSpan,
        modifiers,
        modifierInsert: {
          kind: 'x12-composite',
          compositeSpan: { start: codeSpan.start - 3, end: compositeEnd },
          componentCount: 2 + modifiers.length,
          componentSeparator: ':',
        },
        charge: 50,
        chargeText: '50',
        chargeSpan,
        units: 1,
        unitsSpan: null,
        dateOfService: spec.date === null ? null : dateRange(spec.date),
        dateSpan,
        dateInherited: false,
        providerId: null,
        span: { start: lineStart, end: text.length },
        segmentCount: spec.date === null ? 2 : 3,
        recordSpan,
      } satisfies ServiceLine;
    });
    return {
      index: claimIndex,
      id: `PATIENT${claimIndex}`,
      idSpan,
      patientId: null,
      patientKey: patients?.[claimIndex] ?? `P${claimIndex}`,
      billingProviderId: '1234567893',
      renderingProviderId: null,
      kind: 'professional',
      totalCharge: 100,
      totalChargeText: '100',
      totalChargeSpan: null,
      dateOfService: null,
      dateSpan: null,
      lines,
      span: { start: claimStart, end: text.length },
      transactionIndex: 0,
    } satisfies Claim;
  });
  return { text, claims };
}

function builtinRules(): PtpRuleSet {
  return addBuiltinEdits().rules;
}

function rulesOf(...rows: Partial<PtpRow>[]): PtpRuleSet {
  const rules = new PtpRuleSet();
  for (const row of rows) {
    rules.add(
      { columnOne: '43235', columnTwo: '43200', preexisting: false, effective: 20100101, deletion: null, modifierIndicator: '1', rationale: 'Misuse of column two code with column one code', ...row },
      'test.txt',
    );
  }
  return rules;
}

const BUNDLED_INTO_43214 = ['43197', '43198', '43200', '74360', '76000'];

describe('checkPtp with the built-in 43214 edits', () => {
  for (const columnTwo of BUNDLED_INTO_43214) {
    it(`flags ${columnTwo} beside 43214 on the same date`, () => {
      const { text, claims } = buildClaims([[{ code: '43214', date: '20240315' }, { code: columnTwo, date: '20240315' }]]);
      const findings = checkPtp(claims, builtinRules());
      assert.equal(findings.length, 1);
      const [finding] = findings;
      assert.equal(finding!.rule, 'ptp.conflict');
      assert.equal(finding!.severity, 'error');
      assert.equal(text.slice(finding!.span.start, finding!.span.end), columnTwo);
      assert.deepEqual(finding!.span, claims[0]!.lines[1]!.codeSpan);
      assert.deepEqual(finding!.codes, ['43214', columnTwo]);
      assert.deepEqual(finding!.related, [{ span: claims[0]!.lines[0]!.codeSpan, message: 'Column 1 code 43214 is on this line' }]);
      assert.deepEqual(finding!.data, {
        kind: 'ptp',
        columnOne: '43214',
        columnTwo,
        modifierIndicator: '0',
        table: 'practitioner',
        claimIndex: 0,
        columnTwoLine: 1,
        columnOneClaim: 0,
        columnOneLine: 0,
        // The built-in set's edit, marked so for a report (JSON ncci.builtIn).
        builtin: true,
      });
      assert.match(finding!.message, new RegExp(`^${columnTwo} should not be billed with 43214 \\(service line 1\\) on 03/15/2024`));
      // The built-in set says where its rows come from, not a CMS table's name or a rationale it does not have.
      assert.match(finding!.message, new RegExp(`Claimlint's built-in 43214 edit \\(from the code's billing guideline, not from CMS's practitioner table: load that table for CMS's own edits\\), column 1 43214, column 2 ${columnTwo}, modifier indicator 0`));
      assert.doesNotMatch(finding!.message, /NCCI practitioner PTP edit|CPT Manual/);
      assert.match(finding!.message, /no modifier/);
      assert.match(finding!.message, new RegExp(`Remove the ${columnTwo} line`));
    });

    it(`does not flag ${columnTwo} and 43214 on different dates`, () => {
      const { claims } = buildClaims([[{ code: '43214', date: '20240315' }, { code: columnTwo, date: '20240316' }]]);
      assert.deepEqual(checkPtp(claims, builtinRules()), []);
    });
  }

  it('flags all five on one claim, whatever the line order, and none before 2014', () => {
    const lines = [...BUNDLED_INTO_43214.map((code) => ({ code, date: '20240315' })), { code: '43214', date: '20240315' }];
    const { claims } = buildClaims([lines]);
    const findings = checkPtp(claims, builtinRules());
    assert.deepEqual(findings.map((finding) => finding.codes![1]).sort(), BUNDLED_INTO_43214);
    assert.ok(findings.every((finding) => finding.data!.columnOneLine === 5));
    const before = buildClaims([[{ code: '43214', date: '20131231' }, { code: '43200', date: '20131231' }]]);
    assert.deepEqual(checkPtp(before.claims, builtinRules()), []);
  });

  it('is not cleared by any modifier (indicator 0)', () => {
    const { claims } = buildClaims([[{ code: '43214', modifiers: ['59'], date: '20240315' }, { code: '43200', modifiers: ['XS', 'XU'], date: '20240315' }]]);
    assert.equal(checkPtp(claims, builtinRules())[0]?.rule, 'ptp.conflict');
  });

  it('finds nothing when the built-in edits are not loaded', () => {
    const { claims } = buildClaims([[{ code: '43214', date: '20240315' }, { code: '43200', date: '20240315' }]]);
    assert.deepEqual(checkPtp(claims, new PtpRuleSet()), []);
  });

  it('pairs a code the table gained an edit for since its last check (the code ids it keeps are forgotten)', () => {
    const { claims } = buildClaims([[{ code: '43214', date: '20240315' }, { code: '43200', date: '20240315' }, { code: '43239', date: '20240315' }]]);
    const rules = rulesOf({ columnOne: '43214', modifierIndicator: '0' });
    const tables = { practitioner: rules, hospital: new PtpRuleSet() };
    // Every line grouped (as a run with add-on codes keeps them): 43239, in no edit yet, is read too.
    const grouper = new ServiceGrouper();
    grouper.add(claims, { x12: true });
    const codes = () => checkPtpGroups(grouper, tables).map(({ finding }) => finding.codes);
    assert.deepEqual(codes(), [['43214', '43200']]);
    rules.add({ columnOne: '43239', columnTwo: '43200', preexisting: false, effective: 20100101, deletion: null, modifierIndicator: '0', rationale: '' }, 'later.txt');
    assert.deepEqual(codes(), [['43214', '43200'], ['43239', '43200']]);
  });
});

describe('checkPtp with modifier indicator 1', () => {
  it('warns and names the modifiers that would make the pair acceptable, X modifiers first', () => {
    const { claims } = buildClaims([[{ code: '43235', date: '20240315' }, { code: '43200', modifiers: ['26'], date: '20240315' }]]);
    const [finding] = checkPtp(claims, rulesOf({}));
    assert.equal(finding?.rule, 'ptp.modifier-required');
    assert.equal(finding?.severity, 'warning');
    assert.equal(finding?.data?.modifierIndicator, '1');
    assert.match(finding!.message, /^43200 is bundled into 43235 \(service line 1\) on 03\/15\/2024/);
    assert.match(finding!.message, /Misuse of column two code with column one code/);
    assert.ok(finding!.message.includes('add XE, XS, XP, XU or 59 to the 43200 line'), finding!.message);
    assert.deepEqual(PTP_FIX_MODIFIERS.map((modifier) => modifier.code), ['XE', 'XS', 'XP', 'XU', '59']);
  });

  const NCCI_MODIFIERS = [
    'E1', 'E2', 'E3', 'E4', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9',
    'TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'LT', 'RT', 'LC', 'LD', 'LM', 'RC', 'RI',
    '24', '25', '57', '58', '78', '79', '27', '59', '91', 'XE', 'XS', 'XP', 'XU',
  ];

  it('knows exactly the NCCI-associated modifiers', () => {
    assert.deepEqual([...PTP_BYPASS_MODIFIERS].sort(), [...NCCI_MODIFIERS].sort());
  });

  const EITHER_LINE = ['58', '78', '79', '59', 'XE', 'XS', 'XP', 'XU'];
  const ANATOMIC = NCCI_MODIFIERS.filter((m) => !EITHER_LINE.includes(m) && !['24', '25', '57', '91', '27'].includes(m));

  /** The findings for a pair of lines with these codes and modifiers, column 1 first. */
  function pairFindings(one: string, oneModifiers: string[], two: string, twoModifiers: string[]) {
    const { claims } = buildClaims([[{ code: one, modifiers: oneModifiers, date: '20240315' }, { code: two, modifiers: twoModifiers, date: '20240315' }]]);
    return checkPtp(claims, rulesOf({ columnOne: one, columnTwo: two }));
  }

  for (const modifier of EITHER_LINE) {
    it(`accepts the pair when ${modifier} is on either line`, () => {
      assert.deepEqual(pairFindings('43235', ['26', modifier], '43200', []), [], `${modifier} on column 1`);
      assert.deepEqual(pairFindings('43235', [], '43200', [modifier]), [], `${modifier} on column 2`);
    });
  }

  /** The digits and eyelids of each side: a side and a digit on it are one site. */
  const LEFT = ['E1', 'E2', 'FA', 'F1', 'F2', 'F3', 'F4', 'TA', 'T1', 'T2', 'T3', 'T4'];
  const RIGHT = ['E3', 'E4', 'F5', 'F6', 'F7', 'F8', 'F9', 'T5', 'T6', 'T7', 'T8', 'T9'];

  for (const modifier of ANATOMIC) {
    it(`accepts the pair when ${modifier} is on one line and another site on the other, not the same site or one site`, () => {
      const other = modifier === 'RT' || RIGHT.includes(modifier) ? 'LT' : 'RT';
      // A digit or eyelid beside its own side is one site.
      const ownSide = LEFT.includes(modifier) ? 'LT' : RIGHT.includes(modifier) ? 'RT' : null;
      if (ownSide !== null) assert.equal(pairFindings('43235', [modifier], '43200', [ownSide]).length, 1, `${modifier} / ${ownSide}`);
      assert.deepEqual(pairFindings('43235', [modifier], '43200', [other]), [], `${modifier} / ${other}`);
      assert.deepEqual(pairFindings('43235', [other], '43200', [modifier]), [], `${other} / ${modifier}`);
      assert.equal(pairFindings('43235', [modifier], '43200', [modifier]).length, 1, `${modifier} on both lines`);
      assert.equal(pairFindings('43235', [modifier], '43200', []).length, 1, `${modifier} on column 1 only`);
      assert.equal(pairFindings('43235', [], '43200', [modifier]).length, 1, `${modifier} on column 2 only`);
    });
  }

  for (const modifier of ['24', '25', '57']) {
    it(`accepts the pair when ${modifier} is on either line only when one code is an E/M code`, () => {
      assert.deepEqual(pairFindings('99213', [modifier], '43200', []), [], 'E/M column 1');
      assert.deepEqual(pairFindings('43235', [], '99215', [modifier]), [], 'E/M column 2');
      assert.equal(pairFindings('43235', [modifier], '43200', []).length, 1, 'no E/M code');
      assert.equal(pairFindings('43235', [], '43200', [modifier]).length, 1, 'no E/M code, column 2');
    });
  }

  it('does not accept 27 on a practitioner\'s pair, on either line (a hospital outpatient modifier: ncci-modifier-27 tests the hospital\'s)', () => {
    assert.equal(pairFindings('43235', ['27'], '43200', []).length, 1, 'on a procedure');
    assert.equal(pairFindings('99215', [], '99213', ['27']).length, 1, 'on an E/M code');
    assert.match(pairFindings('99215', [], '99213', ['27'])[0]!.message, /27 on the 99213 line counts only on an E\/M code of a hospital's outpatient services/);
  });

  it('accepts 91 only on a laboratory code (80047-89398, PLA)', () => {
    assert.deepEqual(pairFindings('80053', [], '80048', ['91']), []);
    assert.deepEqual(pairFindings('0001U', ['91'], '81479', []), []);
    assert.equal(pairFindings('43235', [], '43200', ['91']).length, 1);
    assert.equal(pairFindings('80053', ['91'], '43200', []).length, 0, 'on the laboratory line of the pair');
    assert.equal(pairFindings('43235', ['91'], '80053', []).length, 1, '91 on a code that is not a laboratory code');
  });

  it('still warns with modifiers that are not NCCI-associated', () => {
    for (const modifier of ['26', 'TC', '50', '51', '76', '77', '22', 'GT', '95', 'KX', 'QW']) {
      const { claims } = buildClaims([[{ code: '43235', modifiers: [modifier], date: '20240315' }, { code: '43200', modifiers: [modifier], date: '20240315' }]]);
      assert.equal(checkPtp(claims, rulesOf({})).length, 1, modifier);
    }
  });

  it('reads modifiers case-insensitively', () => {
    const { claims } = buildClaims([[{ code: '43235', date: '20240315' }, { code: '43200', modifiers: ['xs'], date: '20240315' }]]);
    assert.deepEqual(checkPtp(claims, rulesOf({})), []);
  });

  it('ignores a void edit (indicator 9) and follows the window in force', () => {
    const rules = rulesOf({ deletion: 20191231, modifierIndicator: '0' }, { effective: 20200101, modifierIndicator: '9' });
    const old = buildClaims([[{ code: '43235', date: '20190601' }, { code: '43200', date: '20190601' }]]);
    assert.equal(checkPtp(old.claims, rules)[0]?.rule, 'ptp.conflict');
    const current = buildClaims([[{ code: '43235', date: '20240601' }, { code: '43200', date: '20240601' }]]);
    assert.deepEqual(checkPtp(current.claims, rules), []);
  });
});

describe('checkPtp pairing of lines', () => {
  it('pairs RD8 ranges that overlap, not ranges that do not', () => {
    const rules = builtinRules();
    const overlap = buildClaims([[{ code: '43214', date: '20240301-20240305' }, { code: '43200', date: '20240305-20240310' }]]);
    const [finding] = checkPtp(overlap.claims, rules);
    assert.equal(finding?.rule, 'ptp.conflict');
    assert.match(finding!.message, /on 03\/05\/2024:/);
    const wide = buildClaims([[{ code: '43214', date: '20240301-20240310' }, { code: '43200', date: '20240302-20240304' }]]);
    assert.match(checkPtp(wide.claims, rules)[0]!.message, /on 03\/02\/2024–03\/04\/2024:/);
    const apart = buildClaims([[{ code: '43214', date: '20240301-20240305' }, { code: '43200', date: '20240306-20240310' }]]);
    assert.deepEqual(checkPtp(apart.claims, rules), []);
    const mixed = buildClaims([[{ code: '43214', date: '20240303' }, { code: '43200', date: '20240301-20240305' }]]);
    assert.equal(checkPtp(mixed.claims, rules).length, 1);
  });

  it('finds an edit that starts inside an RD8 range', () => {
    const { claims } = buildClaims([[{ code: '43214', date: '20131230-20140102' }, { code: '43200', date: '20131230-20140102' }]]);
    assert.equal(checkPtp(claims, builtinRules()).length, 1);
  });

  it('skips lines without a code or a date', () => {
    const { claims } = buildClaims([[
      { code: '43214', date: '20240315' },
      { code: '', date: '20240315' },
      { code: '43200', date: null },
    ]]);
    assert.deepEqual(checkPtp(claims, builtinRules()), []);
  });

  it('does not pair lines of different patients', () => {
    const { claims } = buildClaims([[{ code: '43214', date: '20240315' }], [{ code: '43200', date: '20240315' }]]);
    assert.deepEqual(checkPtp(claims, builtinRules()), []);
  });

  it('pairs lines of one patient on different claims, and names the other claim by position', () => {
    const { claims } = buildClaims([[{ code: '43214', date: '20240315' }], [{ code: '99213', date: '20240315' }, { code: '43200', date: '20240315' }]], ['A', 'A']);
    const [finding, ...rest] = checkPtp(claims, builtinRules());
    assert.equal(rest.length, 0);
    assert.equal(finding?.rule, 'ptp.conflict');
    assert.deepEqual(finding?.span, claims[1]!.lines[1]!.codeSpan);
    assert.deepEqual(finding?.related, [{ span: claims[0]!.lines[0]!.codeSpan, message: 'Column 1 code 43214 is on this line' }]);
    assert.match(finding!.message, /^43200 should not be billed with 43214 \(claim 1, service line 1\) on 03\/15\/2024/);
    assert.deepEqual(
      { claim: finding?.data?.claimIndex, line: finding?.data?.columnTwoLine, oneClaim: finding?.data?.columnOneClaim, oneLine: finding?.data?.columnOneLine },
      { claim: 1, line: 1, oneClaim: 0, oneLine: 0 },
    );
  });

  it('reports each column-2 line once, and duplicate lines are not a PTP issue', () => {
    const rules = builtinRules();
    const duplicates = buildClaims([[{ code: '43214', date: '20240315' }, { code: '43214', date: '20240315' }]]);
    assert.deepEqual(checkPtp(duplicates.claims, rules), []);
    const twoColumnTwo = buildClaims([[{ code: '43214', date: '20240315' }, { code: '43200', date: '20240315' }, { code: '43200', date: '20240315' }]]);
    assert.deepEqual(checkPtp(twoColumnTwo.claims, rules).map((finding) => finding.data!.columnTwoLine), [1, 2]);
    const twoColumnOne = buildClaims([[{ code: '43214', date: '20240315' }, { code: '43214', date: '20240315' }, { code: '43200', date: '20240315' }]]);
    const findings = checkPtp(twoColumnOne.claims, rules);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.data!.columnOneLine, 0);
  });

  it('reports the claim index of each finding', () => {
    const { claims } = buildClaims([
      [{ code: '99213', date: '20240315' }],
      [{ code: '76000', date: '20240315' }, { code: '43214', date: '20240315' }],
    ]);
    const [finding] = checkPtp(claims, builtinRules());
    assert.equal(finding?.data?.claimIndex, 1);
    assert.equal(finding?.data?.columnTwoLine, 0);
    assert.equal(finding?.data?.columnOneLine, 1);
  });

  it('checks a 100,000-claim document (time printed, not asserted)', (t) => {
    const specs: LineSpec[][] = [];
    for (let i = 0; i < 100_000; i++) {
      const date = `202403${String(1 + (i % 28)).padStart(2, '0')}`;
      specs.push(i % 10 === 0
        ? [{ code: '43214', date }, { code: '43200', date }, { code: '99213', modifiers: ['25'], date }]
        : [{ code: '99213', date }, { code: '36415', date }, { code: '85025', date }, { code: '80053', date }]);
    }
    const { claims } = buildClaims(specs);
    const rules = builtinRules();
    const started = performance.now();
    const findings = checkPtp(claims, rules);
    t.diagnostic(`checkPtp: ${claims.length} claims in ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(findings.length, 10_000);
  });
});
