// Nearly every SV1 is SV1*HC:ccccc[:mm...]*charge*UN*units with a valid code, and the 837 reader
// reads such a one in one pass over its characters (serviceLines837.ts quickSv1, procedure.ts
// readHc) instead of element by element: the lines and findings must be exactly those the reader
// made element by element, for these shapes and every shape near them that the one pass leaves
// to the element reader (other qualifiers, codes of other lengths or with blanks, five modifiers,
// a missing or invalid charge, minutes, missing units), as text and as bytes, built in full and
// as coded lines (the CLI's), and with other delimiters. The expected values were recorded from
// the reader before the one pass. Synthetic data only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../server/src/core/x12/tokenizer';
import { X12SegmentIndex } from '../../server/src/core/x12/segment-index';
import { parse837, Parser837 } from '../../server/src/core/x12/parse837';
import { writeX12 } from './helpers/x12-writer';

/**
 * SV1 shapes and what the reader made of each (as text) before SV1 was read in one pass: the
 * lines' values and spans, and the findings' rules, severities and spans. (Every offset moved by
 * 58 characters when the writer began to write the subscriber's N3, N4 and DMG before the claim.)
 */
const EXPECTED: readonly (readonly [string, string])[] = [
  ["SV1*HC:43214*100.00*UN*1***1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"675-676:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100.00\",\"chargeSpan\":\"665-671:100.00\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214:59:XU*100.00*UN*2***1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[\"59\",\"XU\"],\"units\":2,\"unitsSpan\":\"681-682:2\",\"modifierSpans\":[\"665-667:59\",\"668-670:XU\"],\"charge\":100,\"chargeText\":\"100.00\",\"chargeSpan\":\"671-677:100.00\",\"composite\":[656,670,4,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214:::25*100.00*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[\"25\"],\"units\":1,\"unitsSpan\":\"680-681:1\",\"modifierSpans\":[\"667-669:25\"],\"charge\":100,\"chargeText\":\"100.00\",\"chargeSpan\":\"670-676:100.00\",\"composite\":[656,669,5,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214:25:59:XU:76*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[\"25\",\"59\",\"XU\",\"76\"],\"units\":1,\"unitsSpan\":\"684-685:1\",\"modifierSpans\":[\"665-667:25\",\"668-670:59\",\"671-673:XU\",\"674-676:76\"],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"677-680:100\",\"composite\":[656,676,6,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214:A:B:C:D:E*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[\"A\",\"B\",\"C\",\"D\"],\"units\":1,\"unitsSpan\":\"682-683:1\",\"modifierSpans\":[\"665-666:A\",\"667-668:B\",\"669-670:C\",\"671-672:D\"],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"675-678:100\",\"composite\":[656,674,7,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214:LT:RT:50:51:52:53:54*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[\"LT\",\"RT\",\"50\",\"51\"],\"units\":1,\"unitsSpan\":\"693-694:1\",\"modifierSpans\":[\"665-667:LT\",\"668-670:RT\",\"671-673:50\",\"674-676:51\"],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"686-689:100\",\"composite\":[656,685,9,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:4321*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"4321\",\"codeSpan\":\"659-663:4321\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"671-672:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"664-667:100\",\"composite\":[656,663,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.procedure-code-invalid warning 659-663:4321 codes=4321\"]}"],
  ["SV1*HC:432145*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"432145\",\"codeSpan\":\"659-665:432145\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"673-674:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"666-669:100\",\"composite\":[656,665,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.procedure-code-invalid warning 659-665:432145\"]}"],
  ["SV1*HC:4321a*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"4321a\",\"codeSpan\":\"659-664:4321a\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"672-673:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"665-668:100\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.procedure-code-invalid warning 659-664:4321a codes=4321a\"]}"],
  ["SV1*HC:43214", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":null,\"unitsSpan\":null,\"modifierSpans\":[],\"charge\":null,\"chargeText\":null,\"chargeSpan\":null,\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.amount-invalid error 652-664:SV1*HC:43214\"]}"],
  ["SV1*HC:43214*", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":null,\"unitsSpan\":null,\"modifierSpans\":[],\"charge\":null,\"chargeText\":\"\",\"chargeSpan\":\"665-665:\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.amount-invalid error 665-665:\"]}"],
  ["SV1*HC:43214*1x0*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"672-673:1\",\"modifierSpans\":[],\"charge\":null,\"chargeText\":\"1x0\",\"chargeSpan\":\"665-668:1x0\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.amount-invalid error 665-668:1x0\"]}"],
  ["SV1*HC:43214*100.00*MJ*45", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":1,\"unitsSpan\":null,\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100.00\",\"chargeSpan\":\"665-671:100.00\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214*100.00*MJ", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":1,\"unitsSpan\":null,\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100.00\",\"chargeSpan\":\"665-671:100.00\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214*100.00*MJX*45", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":45,\"unitsSpan\":\"676-678:45\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100.00\",\"chargeSpan\":\"665-671:100.00\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214*100.00", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":null,\"unitsSpan\":null,\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100.00\",\"chargeSpan\":\"665-671:100.00\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214*100.00*UN", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":null,\"unitsSpan\":null,\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100.00\",\"chargeSpan\":\"665-671:100.00\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214*100.00*UN*", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":null,\"unitsSpan\":null,\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100.00\",\"chargeSpan\":\"665-671:100.00\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214*100.00**3", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":3,\"unitsSpan\":\"673-674:3\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100.00\",\"chargeSpan\":\"665-671:100.00\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  // A negative charge is x12.amount-invalid (the guides want zero or more; found in an EDI analyst's review).
  ["SV1*HC:43214*-5.00*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"674-675:1\",\"modifierSpans\":[],\"charge\":-5,\"chargeText\":\"-5.00\",\"chargeSpan\":\"665-670:-5.00\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.amount-invalid error 665-670:-5.00\",\"x12.clm02-sum error 612-618:100.00\"]}"],
  ["SV1*HC:43214*100.00 *UN*2 ", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":2,\"unitsSpan\":\"676-678:2 \",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100.00 \",\"chargeSpan\":\"665-672:100.00 \",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*AD:D0120*100*UN*1", "{\"lines\":[{\"qualifier\":\"AD\",\"code\":\"D0120\",\"codeSpan\":\"659-664:D0120\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"672-673:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"665-668:100\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:A1234*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"A1234\",\"codeSpan\":\"659-664:A1234\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"672-673:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"665-668:100\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:J1100*100*UN*1.5", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"J1100\",\"codeSpan\":\"659-664:J1100\",\"modifiers\":[],\"units\":1.5,\"unitsSpan\":\"672-675:1.5\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"665-668:100\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:ZZZZZ*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"ZZZZZ\",\"codeSpan\":\"659-664:ZZZZZ\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"672-673:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"665-668:100\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.procedure-code-invalid warning 659-664:ZZZZZ\"]}"],
  ["SV1*HC*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"\",\"codeSpan\":\"658-658:\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"666-667:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"659-662:100\",\"composite\":[-1073741824,-1073741824,0,\"\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.procedure-code-invalid warning 656-658:HC\"]}"],
  ["SV1*HC:*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"\",\"codeSpan\":\"659-659:\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"667-668:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"660-663:100\",\"composite\":[-1073741824,-1073741824,0,\"\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.procedure-code-invalid warning 656-659:HC:\"]}"],
  ["SV1*HC:43214 *100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"673-674:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"666-669:100\",\"composite\":[656,665,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1* HC:43214*100*UN*1", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"660-665:43214\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"673-674:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"666-669:100\",\"composite\":[656,665,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*hc:43214*100*UN*1", "{\"lines\":[{\"qualifier\":\"hc\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"672-673:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"665-668:100\",\"composite\":[656,664,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HCX:43214*100*UN*1", "{\"lines\":[{\"qualifier\":\"HCX\",\"code\":\"43214\",\"codeSpan\":\"660-665:43214\",\"modifiers\":[],\"units\":1,\"unitsSpan\":\"673-674:1\",\"modifierSpans\":[],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"666-669:100\",\"composite\":[656,665,2,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1*HC:43214:25*100*UN*1*11", "{\"lines\":[{\"qualifier\":\"HC\",\"code\":\"43214\",\"codeSpan\":\"659-664:43214\",\"modifiers\":[\"25\"],\"units\":1,\"unitsSpan\":\"675-676:1\",\"modifierSpans\":[\"665-667:25\"],\"charge\":100,\"chargeText\":\"100\",\"chargeSpan\":\"668-671:100\",\"composite\":[656,667,3,\":\"]}],\"claims\":[[100,1]],\"findings\":[]}"],
  ["SV1", "{\"lines\":[{\"qualifier\":null,\"code\":\"\",\"codeSpan\":\"655-655:\",\"modifiers\":[],\"units\":null,\"unitsSpan\":null,\"modifierSpans\":[],\"charge\":null,\"chargeText\":null,\"chargeSpan\":null,\"composite\":[-1073741824,-1073741824,0,\"\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.amount-invalid error 652-655:SV1\"]}"],
  ["SV1*", "{\"lines\":[{\"qualifier\":null,\"code\":\"\",\"codeSpan\":\"656-656:\",\"modifiers\":[],\"units\":null,\"unitsSpan\":null,\"modifierSpans\":[],\"charge\":null,\"chargeText\":null,\"chargeSpan\":null,\"composite\":[-1073741824,-1073741824,0,\"\"]}],\"claims\":[[100,1]],\"findings\":[\"x12.amount-invalid error 652-656:SV1*\"]}"],
];

/** An 837P of one claim whose one line's SV1 is `sv1` (written with * and :, which `other` delimiters replace). */
function documentWith(sv1: string, other = false): string {
  const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: { from: 20260310, to: 20260310 } }] }], other ? { delimiters: { element: '|', component: '>' } } : {});
  if (other) sv1 = sv1.replaceAll('*', '|').replaceAll(':', '>');
  const at = text.indexOf(other ? 'SV1|' : 'SV1*');
  const end = text.indexOf('~', at);
  return text.slice(0, at) + sv1 + text.slice(end);
}

function spanText(text: string, span: { start: number; end: number } | null | undefined): string | null {
  return span ? `${span.start}-${span.end}:${text.slice(span.start, span.end)}` : null;
}

/** What the reader makes of a document: its lines and findings, as plain values. */
function summary(text: string, how: 'text' | 'bytes' | 'coded'): unknown {
  let parsed;
  if (how === 'coded') {
    const parser = new Parser837(new X12SegmentIndex(tokenize(Buffer.from(text, 'latin1'))));
    parser.keepLine = () => true;
    parser.run();
    parser.finish();
    parsed = parser.result;
  } else {
    parsed = parse837(new X12SegmentIndex(tokenize(how === 'text' ? text : Buffer.from(text, 'latin1'))));
  }
  const lines = parsed.claims.flatMap((claim) =>
    claim.lines.map((line) => {
      const own = line as unknown as Record<string, unknown>;
      const shape: Record<string, unknown> = {
        qualifier: line.qualifier,
        code: line.code,
        codeSpan: spanText(text, line.codeSpan),
        modifiers: line.modifiers.map((m) => m.value),
        units: line.units,
        unitsSpan: spanText(text, line.unitsSpan),
      };
      if (how !== 'coded') {
        shape.modifierSpans = line.modifiers.map((m) => spanText(text, m.span));
        shape.charge = line.charge;
        shape.chargeText = line.chargeText;
        shape.chargeSpan = spanText(text, line.chargeSpan);
        shape.composite = [own.compositeStart, own.compositeEnd, own.componentCount, own.componentSeparator];
      }
      return shape;
    }),
  );
  const claims = parsed.claims.map((claim) => [claim.totalCharge, claim.lines.length]);
  const findings = parsed.findings.map((f) => `${f.rule} ${f.severity} ${spanText(text, f.span)}${f.codes ? ` codes=${f.codes.join(',')}` : ''}`);
  const messages = parsed.findings.map((f) => f.message);
  return { lines, claims, findings, messages };
}

describe('an SV1 read in one pass', () => {
  for (const [shape, expected] of EXPECTED) {
    it(`${shape}: as the element reader read it`, () => {
      const text = documentWith(shape);
      const { lines, claims, findings, messages } = summary(text, 'text') as Record<string, unknown>;
      assert.equal(JSON.stringify({ lines, claims, findings }), expected);
      // As bytes (the CLI's source), the same.
      assert.deepEqual(summary(text, 'bytes'), summary(text, 'text'));
      // As coded lines (the CLI's lines, those with a code): the values they keep, and the same findings.
      const coded = summary(text, 'coded') as Record<string, unknown>;
      const kept = (lines as Record<string, unknown>[]).filter((line) => line.code !== '').map(({ qualifier, code, codeSpan, modifiers, units, unitsSpan }) => ({ qualifier, code, codeSpan, modifiers, units, unitsSpan }));
      assert.deepEqual(coded.lines, kept);
      assert.deepEqual([coded.findings, coded.messages], [findings, messages]);
      // With | and > for * and :, the same offsets and values.
      const other = summary(documentWith(shape, true), 'bytes') as Record<string, unknown>;
      assert.deepEqual(JSON.parse(JSON.stringify(other).replaceAll('|', '*').replaceAll('>', ':')), JSON.parse(JSON.stringify(summary(text, 'bytes'))));
    });
  }
});
