// Hover Markdown as plain text, for an editor that shows hovers as plain text only (eglot without
// markdown-mode): what a reader would see of the rendered Markdown, without its syntax. Emphasis
// and code marks, backslash escapes and fences go; a link keeps its text and its address; a
// heading its text; a list item gets a bullet; a table is laid out in aligned columns. Line
// breaks stay where the Markdown has them (a hover's lines are written one thought a line).

/** ASCII punctuation: what a backslash escapes in CommonMark. */
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$/;
const BULLET = /^([ \t]*)[-*+][ \t]+/;
const DELIMITER_CELL = /^:?-+:?$/;

/** A table's delimiter row (| --- | :-: |): cells of dashes with optional colons, split without backtracking. */
function isTableDelimiter(line: string): boolean {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|')) row = row.slice(0, -1);
  return row.split('|').every((cell) => DELIMITER_CELL.test(cell.trim()));
}

/** `markdown` as plain text. */
export function markdownToPlainText(markdown: string): string {
  const lines = markdown.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let fence: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence !== null) {
      // Inside a fenced code block the lines are text as they are, up to the closing fence.
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = null;
      else out.push(line);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    const next = lines[index + 1];
    if (line.includes('|') && next !== undefined && next.includes('|') && isTableDelimiter(next)) {
      const rows = [cellsOf(line)];
      index += 2;
      while (index < lines.length && lines[index]!.trim() !== '' && lines[index]!.includes('|')) rows.push(cellsOf(lines[index++]!));
      index--;
      out.push(...table(rows));
      continue;
    }
    out.push(plainLine(line));
  }
  return out.join('\n');
}

/** One line outside code blocks and tables. */
function plainLine(line: string): string {
  if (RULE.test(line)) return '---';
  const heading = HEADING.exec(line);
  if (heading) return inlineText(heading[1]!);
  const bullet = BULLET.exec(line);
  if (bullet) return `${bullet[1]}• ${inlineText(line.slice(bullet[0].length))}`;
  return inlineText(line);
}

/** A table row's cells as plain text: split at the pipes that are not escaped or in code. */
function cellsOf(row: string): string[] {
  const cells: string[] = [];
  let start = 0;
  let at = 0;
  while (at < row.length) {
    const char = row[at]!;
    if (char === '\\') at += 2;
    else if (char === '`') {
      const run = runAt(row, at, '`');
      const close = closingRun(row, at + run, run);
      at = close < 0 ? at + run : close + run;
    } else {
      if (char === '|') {
        cells.push(row.slice(start, at));
        start = at + 1;
      }
      at++;
    }
  }
  cells.push(row.slice(start));
  // A leading and a trailing pipe bound the row; they do not open or close a cell.
  if (cells.length > 1 && cells[0]!.trim() === '') cells.shift();
  if (cells.length > 1 && cells[cells.length - 1]!.trim() === '') cells.pop();
  return cells.map((cell) => inlineText(cell.trim()));
}

/** Rows of cells in aligned columns, the header underlined. */
function table(rows: string[][]): string[] {
  const columns = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(1, ...rows.map((row) => width(row[column] ?? ''))));
  const line = (cells: string[]): string => widths.map((w, column) => pad(cells[column] ?? '', w)).join('  ').trimEnd();
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}

// ---- inline -----------------------------------------------------------------------------------

/** A piece of a line: text to show as it is, or a run of emphasis characters not yet paired. */
type Piece = { text: string } | Delimiter;

interface Delimiter {
  char: '*' | '_' | '~';
  length: number;
  canOpen: boolean;
  canClose: boolean;
}

/** A line's inline Markdown as the text it shows. */
export function inlineText(text: string): string {
  const pieces: Piece[] = [];
  const literal = (value: string): void => void pieces.push({ text: value });
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '\\') {
      const next = text[at + 1];
      if (next !== undefined && ESCAPABLE.test(next)) {
        literal(next);
        at += 2;
      } else {
        // A backslash ending the line is a hard line break: the line ends anyway.
        if (next !== undefined) literal('\\');
        at++;
      }
    } else if (char === '`') {
      const run = runAt(text, at, '`');
      const close = closingRun(text, at + run, run);
      if (close < 0) literal('`'.repeat(run));
      else literal(codeContent(text.slice(at + run, close)));
      at = close < 0 ? at + run : close + run;
    } else if (char === '[' || (char === '!' && text[at + 1] === '[')) {
      const link = linkAt(text, char === '!' ? at + 1 : at);
      if (link) {
        const label = inlineText(link.label);
        literal(char === '!' || label === link.destination || link.destination === '' ? label : `${label} (${link.destination})`);
        at = link.end;
      } else {
        literal(char);
        at++;
      }
    } else if (char === '<') {
      const autolink = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>/.exec(text.slice(at));
      const lineBreak = /^<br\s*\/?>/i.exec(text.slice(at));
      if (autolink) literal(autolink[1]!);
      else if (!lineBreak) literal('<');
      at += autolink ? autolink[0].length : lineBreak ? lineBreak[0].length : 1;
    } else if (char === '*' || char === '_' || char === '~') {
      const run = runAt(text, at, char);
      pieces.push(delimiter(char, run, text[at - 1], text[at + run]));
      at += run;
    } else {
      let end = at + 1;
      while (end < text.length && !'\\`[!<*_~'.includes(text[end]!)) end++;
      literal(text.slice(at, end));
      at = end;
    }
  }
  return pairEmphasis(pieces);
}

function runAt(text: string, at: number, char: string): number {
  let end = at;
  while (text[end] === char) end++;
  return end - at;
}

/** Where the run of exactly `length` backticks that closes a code span starts, from `from`; -1 when none does. */
function closingRun(text: string, from: number, length: number): number {
  for (let at = text.indexOf('`', from); at >= 0; ) {
    const run = runAt(text, at, '`');
    if (run === length) return at;
    at = text.indexOf('`', at + run);
  }
  return -1;
}

/** A code span's text: one space inside each end is padding when both ends have one. */
function codeContent(content: string): string {
  return content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '' ? content.slice(1, -1) : content;
}

/** An inline link `[label](destination "title")` starting at `at` (its `[`), or null. */
function linkAt(text: string, at: number): { label: string; destination: string; end: number } | null {
  let depth = 0;
  let close = -1;
  for (let i = at; i < text.length && close < 0; i++) {
    const char = text[i]!;
    if (char === '\\') i++;
    else if (char === '[') depth++;
    else if (char === ']' && --depth === 0) close = i;
  }
  if (close < 0 || text[close + 1] !== '(') return null;
  const target = /^\(\s*(<[^<>\n]*>|[^\s()]*)(?:\s+("[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/.exec(text.slice(close + 1));
  if (!target) return null;
  const raw = target[1]!;
  const destination = (raw.startsWith('<') ? raw.slice(1, -1) : raw).replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return { label: text.slice(at + 1, close), destination, end: close + 1 + target[0].length };
}

/** A run of `*`, `_` or `~` and whether it can open or close emphasis (CommonMark's flanking rules). */
function delimiter(char: Delimiter['char'], length: number, before: string | undefined, after: string | undefined): Delimiter {
  const spaceBefore = before === undefined || WHITESPACE.test(before);
  const spaceAfter = after === undefined || WHITESPACE.test(after);
  const punctuationBefore = before !== undefined && PUNCTUATION.test(before);
  const punctuationAfter = after !== undefined && PUNCTUATION.test(after);
  const leftFlanking = !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore);
  const rightFlanking = !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter);
  // An underscore inside a word (snake_case) neither opens nor closes; ~ strikes through only as ~~.
  const canOpen = char === '_' ? leftFlanking && (!rightFlanking || punctuationBefore) : leftFlanking;
  const canClose = char === '_' ? rightFlanking && (!leftFlanking || punctuationAfter) : rightFlanking;
  const strikes = char !== '~' || length === 2;
  return { char, length, canOpen: canOpen && strikes, canClose: canClose && strikes };
}

/** The pieces' text, each emphasis run that pairs with another dropped (as much of it as pairs). */
function pairEmphasis(pieces: Piece[]): string {
  const openers: number[] = [];
  for (let index = 0; index < pieces.length; index++) {
    const closer = pieces[index]!;
    if ('text' in closer) continue;
    if (closer.canClose) {
      for (let o = openers.length - 1; o >= 0 && closer.length > 0; o--) {
        const opener = pieces[openers[o]!] as Delimiter;
        if (opener.char !== closer.char) continue;
        const used = Math.min(opener.length, closer.length);
        opener.length -= used;
        closer.length -= used;
        // Openers inside the pair that did not close are text now; a spent opener is done.
        openers.length = opener.length > 0 ? o + 1 : o;
      }
    }
    if (closer.canOpen && closer.length > 0) openers.push(index);
  }
  return pieces.map((piece) => ('text' in piece ? piece.text : piece.char.repeat(piece.length))).join('');
}
