// EBCDIC code page 037 (IBM mainframes, US): the character of each byte, '' where a test needs
// none. Used to write test files in EBCDIC.
export const EBCDIC_037: readonly string[] = (() => {
  const table = new Array<string>(256).fill('');
  const set = (byte: number, chars: string) => [...chars].forEach((c, i) => (table[byte + i] = c));
  table[0x05] = '\t';
  table[0x0d] = '\r';
  table[0x25] = '\n';
  table[0x40] = ' ';
  set(0x4b, '.<(+|');
  table[0x50] = '&';
  set(0x5a, '!$*);');
  set(0x60, '-/');
  set(0x6b, ',%_>?');
  set(0x79, '`:#@\'="');
  set(0x81, 'abcdefghi');
  set(0x91, 'jklmnopqr');
  table[0xa1] = '~';
  set(0xa2, 'stuvwxyz');
  table[0xc0] = '{';
  set(0xc1, 'ABCDEFGHI');
  table[0xd0] = '}';
  set(0xd1, 'JKLMNOPQR');
  table[0xe0] = '\\';
  set(0xe2, 'STUVWXYZ');
  set(0xf0, '0123456789');
  table[0x4a] = '\u00a2';
  table[0x5f] = '\u00ac';
  table[0x6a] = '\u00a6';
  return table;
})();
