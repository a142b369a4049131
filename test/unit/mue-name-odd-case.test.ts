// Found in review: mueKindFromName by whole words (nameWords) lost names the substring test had
// read: an acronym run into a lower-case word (OPHmue), or "OutPatient" in two capitals, was split
// into no table word (op, hmue; out, patient), so the table fell back to practitioner. A run of
// letters made of table-name words alone is now read as those words; one with any other word in
// it (hospitalist, myhospitaltable, ophthalmology) still names nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mueKindFromName } from '../../server/src/core/rules/mue';

test('odd-case MUE file names still name their table', () => {
  assert.equal(mueKindFromName('MUE_OutPatient.csv'), 'hospital'); // words: mue, out, patient
  assert.equal(mueKindFromName('DMEmue.csv'), 'dme'); // words: dm, emue
  assert.equal(mueKindFromName('OPHmue.csv'), 'hospital'); // words: op, hmue
  assert.equal(mueKindFromName('HOSPITALmue.csv'), 'hospital'); // words: hospita, lmue
});

test('a run of letters with any word not of a table name still names nothing', () => {
  for (const name of ['hospitalist-mue.csv', 'HospitalistMUE.csv', 'myhospitaltable.csv', 'ophthalmology_mue.csv', 'admeasure-mue.csv']) {
    assert.equal(mueKindFromName(name), null, name);
  }
});
