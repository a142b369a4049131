// Text from a file (a user's descriptor, a file name, a finding's message) put into hover
// Markdown: its Markdown and HTML characters escaped, so it shows as written and cannot format,
// link or inject anything.

const MARKDOWN_SPECIAL = /[\\`*_[\]<>#|~]/g;

/** `text` as plain text inside Markdown. */
export function plainMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, '\\$&');
}
