// ISA13 across the files of one run (the CLI's files judged together with --guide full, the
// editor's folder check with guideChecks full): a receiver
// rejects an interchange control number a sender has used before with it (TA1 note 025), whichever
// file it came in. The guide checks find a number repeated within a file
// (guide.control-number-repeated); this finds one that an earlier file of the run used for the same
// sender and receiver (ISA05/ISA06, ISA07/ISA08), on the later file's ISA13, with a related location
// on the earlier one. Neither the number (unless it is one) nor the parties' ids are quoted.
import type { Finding } from '../model';
import type { InterchangeHeader } from './interchangeHeaders';
import { shownControlNumber } from './values';

export const CONTROL_NUMBER_REPEATED_RULE = 'guide.control-number-repeated';

/** Where a control number was first used: the file (its index in the run, and as reported) and its ISA13. */
interface FirstUse {
  file: number;
  path: string;
  header: InterchangeHeader;
}

export class ControlNumbersAcrossFiles {
  /** The first use of each control number of a sender to a receiver (keyOf). */
  private readonly first = new Map<string, FirstUse>();

  /**
   * The findings for a file's interchanges whose control number an earlier file used for the same
   * sender and receiver; then the file's own numbers are noted for the files after it. A number
   * the file itself repeats is the guide checks' finding there, not this one's again.
   */
  file(file: number, path: string, headers: readonly InterchangeHeader[]): Finding[] {
    const findings: Finding[] = [];
    const seenHere = new Set<string>();
    for (const header of headers) {
      const repeatedHere = seenHere.has(header.controlNumber);
      seenHere.add(header.controlNumber);
      const earlier = this.first.get(keyOf(header));
      if (repeatedHere || earlier === undefined || earlier.file === file) continue;
      findings.push({
        rule: CONTROL_NUMBER_REPEATED_RULE,
        severity: 'error',
        message: `ISA13 interchange control number ${shownControlNumber(header.controlNumber)} is used by an interchange of ${earlier.path} from the same sender to the same receiver (ISA06, ISA08), checked in the same run: the receiver rejects a control number the sender has used before.`,
        span: header.span,
        related: [{ span: earlier.header.span, message: 'The earlier interchange with this control number', file: earlier.file }],
      });
    }
    for (const header of headers) if (!this.first.has(keyOf(header))) this.first.set(keyOf(header), { file, path, header });
    return findings;
  }
}

function keyOf(header: InterchangeHeader): string {
  return `${header.sender}\n${header.receiver}\n${header.controlNumber}`;
}
