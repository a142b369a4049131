// Found in review: The TextMate grammar (syntaxes/x12.tmLanguage.json) colours the interchange header's id as
// keyword.control.envelope.x12. Its `isa` rule is `(ISA)([*|])`, anchored nowhere, so it also
// matches the letters ISA at the end of any value followed by an element separator: a patient or
// subscriber named LISA (NM1*QC*1*SMITH*LISA~), a payer named VISA, a value ISA. In VS Code the
// "ISA" of "LISA" is then coloured as the envelope keyword (checked with vscode-textmate 9 and
// vscode-oniguruma, the engine VS Code uses). The rule's regular expression is plain enough to
// run in JavaScript: the matches it finds are the ones Oniguruma finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

interface Rule {
  match?: string;
  captures?: Record<string, { name?: string }>;
}
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes/x12.tmLanguage.json'), 'utf8')) as { repository: Record<string, Rule> };

/** Where the rule that scopes its first capture as the envelope keyword matches in `line` (the index of that capture). */
function envelopeKeywordAt(line: string): number[] {
  const rule = Object.values(grammar.repository).find((r) => r.captures?.['1']?.name === 'keyword.control.envelope.x12');
  assert.ok(rule?.match, 'a rule scopes the ISA id as keyword.control.envelope.x12');
  const pattern = new RegExp(rule.match, 'g');
  const found: number[] = [];
  for (const match of line.matchAll(pattern)) found.push(match.index! + match[0].indexOf(match[1]!));
  return found;
}

test('the ISA segment id is coloured as the envelope keyword', () => {
  assert.deepEqual(envelopeKeywordAt('ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260101*1200*^*00501*000000001*0*T*:~'), [0]);
  assert.deepEqual(envelopeKeywordAt('ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |260101|1200|U|00401|000000001|0|T|>~'), [0]);
});

test('the letters ISA at the end of a name or value are not the envelope keyword', () => {
  for (const line of [
    'NM1*QC*1*SMITH*LISA****MI*123456789~',
    'NM1*IL*1*DOE*ELISA*M***MI*123456789~',
    'NM1*PR*2*VISA*****PI*12345~',
    'NM1|PR|2|VISA|||||PI|12345~',
    'REF*EA*ISA*1~',
  ]) {
    assert.deepEqual(envelopeKeywordAt(line), [], line);
  }
});

test('an ISA after a segment terminator on the same line is still the envelope keyword', () => {
  // Two interchanges on one line: the second ISA follows the first IEA's terminator.
  assert.deepEqual(envelopeKeywordAt('IEA*1*000000001~ISA*00*          *00*          *ZZ*A              *ZZ*B              *260101*1200*^*00501*000000002*0*T*:~'), [16]);
});
