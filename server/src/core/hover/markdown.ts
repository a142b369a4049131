// Text from a file (a user's descriptor, a file name, a finding's message) put into hover
// Markdown: its Markdown and HTML characters escaped, so it shows as written and cannot format,
// link or inject anything.

/** Inline syntax, HTML and entities (`&copy;` would show as ©); CommonMark's backslash escapes each. */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>#|~&]/g;

/** A line break and the blanks after it (matched from the break, so a long run of blanks costs its length once). */
const LINE_BREAK = /[\r\n]\s*/g;

/**
 * `text` as plain text inside a line of Markdown. Its line breaks become spaces, as Markdown
 * shows a line break inside a paragraph anyway: kept, each line of the text would start a line
 * of the Markdown, where it could start a block of its own (`---` under a line makes that line a
 * heading, `- ` or `1. ` a list, a blank line a new paragraph).
 */
export function plainMarkdown(text: string): string {
  return text.replace(LINE_BREAK, ' ').replace(MARKDOWN_SPECIAL, '\\$&');
}
