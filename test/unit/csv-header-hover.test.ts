// Found in a pipeline developer's review: nothing showed which columns of a CSV export Claimlint
// reads, so an unread "Line Charge Amt" column (fix then lowered units and left the charge) went
// unseen. Hovering a header cell now says what its column is read as, or that it is not read (and,
// for a second column of a role, which column is read instead). Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const knowledge = emptyKnowledge(true);
const text = 'Claim ID,Patient ID,DOS,CPT,Mod 1,Mod 2,Units,Charge,Fee,Description,Rendering NPI\nA1,P1,03/10/2026,43214,,,1,900.00,1,Synthetic,1999999984\n';
const analysis = analyze(text, knowledge);

function hoverOnHeader(name: string): string {
  const at = text.indexOf(name) + 1;
  const hover = hoverAt(analysis, at, knowledge);
  assert.ok(hover, name);
  assert.equal(text.slice(hover.span.start, hover.span.end), name);
  return hover.markdown;
}

describe('the hover of a CSV header cell', () => {
  it('says what each read column is read as', () => {
    assert.match(hoverOnHeader('Claim ID'), /^\*\*Column `Claim ID`\*\* is read as the claim id/);
    assert.match(hoverOnHeader('Patient ID'), /is read as the patient \(or member\) id/);
    assert.match(hoverOnHeader('DOS'), /is read as the date of service/);
    assert.match(hoverOnHeader('CPT'), /is read as the procedure code/);
    assert.match(hoverOnHeader('Mod 2'), /is read as modifier 2/);
    assert.match(hoverOnHeader('Units'), /is read as the units/);
    assert.match(hoverOnHeader('Charge'), /is read as the line's charge/);
    assert.match(hoverOnHeader('Rendering NPI'), /is read as the rendering provider/);
  });

  it('a column no check reads, and a second column of a role, say so', () => {
    assert.match(hoverOnHeader('Description'), /is not read: no check uses it, or its name is not one Claimlint knows/);
    assert.match(hoverOnHeader('Fee'), /is not read: column `Charge` is read as the line's charge/);
  });

  it('a data cell has no header hover (control)', () => {
    const at = text.indexOf('Synthetic') + 1;
    assert.equal(hoverAt(analysis, at, knowledge), null);
  });
});
