// A segment so long that it is not a segment of any guide: a missing terminator, or a file that is
// not X12 past its header (one 100 MB line). The CLI's reader in pieces does not hold the middle
// of one (x12/stream.ts, Hole), and the guide checks read only its first characters, in the
// editor and the CLI alike, so both report the same for it.

/** Characters from which a segment is long. */
export const LONG_SEGMENT = 1 << 20;

/** Characters of a long segment kept and read: its id and first elements (more than a message shows of an id). */
export const LONG_SEGMENT_HEAD = 64;
