// Found in review: a file whose claims no NCCI table judges (inpatient and other facility bills CMS
// does not edit, dental claims) looked checked and clean: no finding, "0 errors, 0 warnings" in the
// CLI, "No NCCI edit hits" in the status bar, while its lines were never paired, counted against an
// MUE or looked at for add-on codes. Such a file now gets one note (information), on its first such
// claim's CLM01 (a CSV: its header row), counting them by type of bill; the same note whether the
// file is read whole, in the editor or in pieces. Synthetic claims.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { isNcciEditFinding } from '../../server/src/core/rules/ncciFindings';
import { NOT_EDITED_RULE, NotEditedClaims, notEditedCount } from '../../server/src/core/rules/notEdited';
import { X12Stream } from '../../server/src/core/x12/stream';
import { CsvStream } from '../../server/src/core/csv/stream';
import { byPosition } from '../../server/src/core/spans';
import { hospitalClaims, type HospitalClaim } from './helpers/hospital-claims';
import { writeX12 } from './helpers/x12-writer';
import { loadedTablesOf } from '../../server/src/core/rules/tablesMissing';

const knowledge = emptyKnowledge();

function notes(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule === NOT_EDITED_RULE);
}

/** The 43214 / 43200 pair on one day (bundled in the built-in set) under the given type of bill. */
function bill(id: string, facility: string, lines = [{ code: '43214', charge: '500.00', date: '20260310' }, { code: '43200', charge: '200.00', date: '20260310' }]): HospitalClaim {
  return { id, facility, statement: '20260310-20260310', lines };
}

function streamed(text: string, size: number): Finding[] {
  const stream = new X12Stream(knowledge);
  const findings: Finding[] = [];
  for (let at = 0; at < text.length; at += size) findings.push(...stream.feed(text.slice(at, at + size)).findings);
  findings.push(...stream.end().findings);
  return findings;
}

function shown(findings: readonly Finding[]): string[] {
  return byPosition(findings).map((f) => `${f.rule} ${f.severity} ${f.span.start}-${f.span.end} ${f.message}`);
}

describe('claims no NCCI table judges are said once per file', () => {
  test('an 837I of an inpatient and an outpatient bill: one note, on the inpatient claim, which is not paired', () => {
    const text = hospitalClaims([bill('C1', '13'), bill('C2', '11')]);
    const findings = analyze(text, knowledge).findings;
    const [note, ...more] = notes(findings);
    assert.ok(note, 'a note');
    assert.equal(more.length, 0, 'one note per file');
    assert.equal(note.severity, 'information');
    assert.equal(text.slice(note.span.start, note.span.end), 'C2', 'on the CLM01 of the claim no table judges');
    assert.match(note.message, /^No NCCI table applies to this claim, a facility bill of type 11x: its service lines were not paired with PTP edits, counted against an MUE or checked for add-on codes\./);
    assert.ok(!isNcciEditFinding(note), 'not counted as an NCCI edit hit');
    // The outpatient claim is still judged: its pair is found, the inpatient claim's is not.
    const pairs = findings.filter((f) => f.rule.startsWith('ptp.'));
    assert.equal(pairs.length, 1, pairs.map((f) => f.message).join('\n'));
    assert.ok(pairs[0]!.span.start < text.indexOf('CLM*C2'), 'the pair found is the outpatient claim\'s');
  });

  test('several bill types are counted by type (in order of type), the note on the first claim', () => {
    const text = hospitalClaims([bill('C1', '18'), bill('C2', '13'), bill('C3', '11'), bill('C4', '11')]);
    const [note, ...more] = notes(analyze(text, knowledge).findings);
    assert.ok(note);
    assert.equal(more.length, 0);
    assert.equal(text.slice(note.span.start, note.span.end), 'C1');
    assert.match(note.message, /^No NCCI table applies to 3 claims of this file \(3 facility bills of types 11x \(2\) and 18x \(1\)\): their service lines/);
    assert.match(note.message, /This is the first of them\.$/);
  });

  test('an 837P, and an 837I of outpatient bills only, get no note', () => {
    const professional = writeX12([{ id: 'C1', date: { from: 20260310, to: 20260310 }, lines: [{ code: '43214', charge: '1.00' }] }]).text;
    assert.deepEqual(notes(analyze(professional, knowledge).findings), []);
    assert.deepEqual(notes(analyze(hospitalClaims([bill('C1', '13'), bill('C2', '85')]), knowledge).findings), []);
  });

  test('a claim without service lines is counted too (the file\'s count of claims is of every claim), read whole or in pieces', () => {
    // Found in review: the status bar and the CLI compare the note's count with the file's claims, all of them.
    const text = hospitalClaims([bill('C1', '13'), bill('C2', '11', [])]);
    const [note] = notes(analyze(text, knowledge).findings);
    assert.ok(note);
    assert.equal(notEditedCount(note), 1);
    assert.deepEqual(shown(streamed(text, 97)), shown(analyze(text, knowledge).findings));
  });

  test('an 837D: its claims are dental', () => {
    const text = writeX12(
      [
        { id: 'D1', date: { from: 20260310, to: 20260310 }, lines: [{ code: 'D0120', charge: '50.00' }] },
        { id: 'D2', date: { from: 20260310, to: 20260310 }, lines: [{ code: 'D1110', charge: '90.00' }] },
      ],
      { kind: 'dental' },
    ).text;
    const [note, ...more] = notes(analyze(text, knowledge).findings);
    assert.ok(note);
    assert.equal(more.length, 0);
    assert.equal(text.slice(note.span.start, note.span.end), 'D1');
    assert.match(note.message, /^No NCCI table applies to 2 claims of this file \(2 dental claims\)/);
  });

  test('read in pieces (the CLI, files from disk), the note is the one a whole reading gives, also when a claim spans pieces', () => {
    const text = hospitalClaims([bill('C1', '13'), bill('C2', '11'), bill('C3', '13'), bill('C4', '21')]);
    const whole = shown(analyze(text, knowledge).findings);
    assert.equal(whole.filter((f) => f.startsWith(`${NOT_EDITED_RULE} `)).length, 1);
    for (const size of [37, 250, 4096, text.length]) assert.deepEqual(shown(streamed(text, size)), whole, `fed ${size} characters at a time`);
  });

  test('after an edit that makes an outpatient bill inpatient, the note follows (the editor\'s re-read)', () => {
    const text = hospitalClaims([bill('C1', '13'), bill('C2', '13')]);
    const first = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
    assert.deepEqual(notes(first.findings), []);
    const edited = text.replace('CLM*C2*700.00***13:', 'CLM*C2*700.00***11:');
    assert.notEqual(edited, text);
    const again = reanalyze(first, edited, knowledge, undefined, { guideChecks: 'full' });
    assert.deepEqual(shown(again.findings), shown(analyze(edited, knowledge, undefined, undefined, { guideChecks: 'full' }).findings));
    assert.equal(notes(again.findings).length, 1);
  });

  test('a claim CSV of inpatient bill types: the note on the header row, read whole or in pieces', () => {
    const text = [
      'Claim ID,Patient ID,Bill Type,Date of Service,CPT/HCPCS,Units,Charge',
      'C1,P1,0111,2026-03-10,43214,1,1500.00',
      'C1,P1,0111,2026-03-10,43200,1,400.00',
      'C2,P1,0131,2026-03-11,43214,1,1500.00',
      'C3,P2,0111,2026-03-10,43239,1,900.00',
    ].join('\n') + '\n';
    const whole = analyze(text, knowledge).findings;
    const [note, ...more] = notes(whole);
    assert.ok(note);
    assert.equal(more.length, 0);
    assert.equal(note.span.start, 0, 'on the header row');
    assert.match(note.message, /^No NCCI table applies to 2 claims of this file \(2 facility bills of type 11x\)/);
    assert.equal(whole.filter((f) => f.rule.startsWith('ptp.')).length, 0, 'the inpatient pair is not judged');

    const stream = new CsvStream({ dates: { order: 'month-first', settled: false }, keep: () => true, loaded: loadedTablesOf(knowledge) });
    for (let at = 0; at < text.length; at += 40) assert.ok(stream.feed(text.slice(at, at + 40)));
    const read = stream.end();
    assert.ok(read);
    assert.deepEqual(shown(notes(read.findings)), shown([note]));
  });

  test('notEditedCount reads back the count the note says (the status bar tells some claims from all)', () => {
    for (const [claims, at] of [[1, { start: 5, end: 7 }], [1, null], [2, null], [12, { start: 0, end: 2 }]] as const) {
      const tally = new NotEditedClaims();
      for (let i = 0; i < claims; i++) tally.note(i % 2 === 0 ? 'dental' : 'institutional', i % 2 === 0 ? null : '11', i === 0 ? at : null);
      assert.equal(notEditedCount(tally.finding()!), claims, tally.finding()!.message);
    }
  });
});
