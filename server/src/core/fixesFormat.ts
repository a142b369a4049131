// New units and charges written the way the file wrote the ones they replace: as many decimals,
// and in a CSV export its "$", thousands commas, parentheses for a negative and decimal comma
// (csv/amounts.ts), so that a fix changes the value and not how the cell is written.
import type { ParsedDocument, ServiceLine } from './model';
import { isDecimalCommaAmount, swapMarks } from './csv/amounts';

/** Units as X12 and CSV write them: a whole number plainly, else up to three decimals. */
export function formatUnits(units: number): string {
  return Number.isInteger(units) ? String(units) : String(Math.round(units * 1000) / 1000);
}

/**
 * Units written in the style of the units they replace (`written`), as formatAmountLike writes a
 * charge: in a CSV export, with as many decimals as they wrote (up to three: "5.50" lowered to 3
 * is "3.00"), and with a decimal comma where they wrote one ("2,5", csv/amounts.ts) or were
 * written whole beside a decimal-comma charge ("2" beside "62,50"): "1,5". A decimal comma takes
 * two decimals at most (readUnits would read no count in "1,125"): more are written with a dot,
 * which every file reads. An 837 gets the plain number (SV104 and SV205 are decimal numbers).
 */
export function unitsLike(units: number, doc: ParsedDocument, line: ServiceLine, written: string): string {
  const plain = formatUnits(units);
  if (doc.format === 'x12') return plain;
  const decimals = (text: string): number => {
    const mark = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
    return mark < 0 || !/^[0-9]+$/.test(text.slice(mark + 1)) ? 0 : text.length - mark - 1;
  };
  const own = written.trim();
  const kept = decimals(own);
  const text = kept > decimals(plain) && kept <= 3 ? units.toFixed(kept) : plain;
  const dot = text.indexOf('.');
  if (dot < 0 || text.length - dot - 1 > 2) return text;
  const comma = own.includes(',') || (!own.includes('.') && line.chargeText !== null && isDecimalCommaAmount(line.chargeText));
  return comma ? swapMarks(text) : text;
}

/**
 * Formats cents the way the original amount was written: the same number of decimals when it had
 * some, and (a CSV export's amounts) its "$", thousands commas and parentheses for a negative.
 */
export function formatAmountLike(cents: number, original: string): string {
  // An amount read with a decimal comma ("600,00", "1.250,00": csv/amounts.ts) keeps its marks.
  if (isDecimalCommaAmount(original)) return swapMarks(formatAmountLike(cents, swapMarks(original)));
  const style = amountStyle(original);
  const dot = style.number.indexOf('.');
  const written = dot >= 0 ? style.number.length - dot - 1 : 0;
  const magnitude = Math.abs(cents);
  // As many decimals as the original wrote, and as the cents need: two when it wrote none ("2150",
  // "100."), one more than it wrote only when the cents need it ("215.5" -> "175.05").
  const needed = magnitude % 100 === 0 ? 0 : written === 0 || magnitude % 10 !== 0 ? 2 : 1;
  let digits = (magnitude / 100).toFixed(Math.min(Math.max(written, needed), 100));
  if (style.commas) digits = withThousandsCommas(digits);
  const shown = (style.dollar ? '$' : '') + digits;
  if (cents >= 0 || digits.replace(/[^1-9]/g, '') === '') return shown;
  return style.parentheses ? `(${shown})` : `-${shown}`;
}

/** "1234567.50" as "1,234,567.50". */
function withThousandsCommas(amount: string): string {
  const dot = amount.indexOf('.');
  const whole = dot < 0 ? amount : amount.slice(0, dot);
  const groups: string[] = [];
  for (let end = whole.length; end > 0; end -= 3) groups.unshift(whole.slice(Math.max(0, end - 3), end));
  return groups.join(',') + (dot < 0 ? '' : amount.slice(dot));
}

/** How an amount is written (parseAmount's forms): its number without sign, "$" or commas, and which of those it shows. */
function amountStyle(original: string): { number: string; dollar: boolean; commas: boolean; parentheses: boolean } {
  const text = original.trim();
  return {
    number: text.replace(/[^0-9.]/g, ''),
    dollar: text.includes('$'),
    commas: /\d,\d/.test(text),
    parentheses: text.startsWith('(') && text.endsWith(')'),
  };
}
