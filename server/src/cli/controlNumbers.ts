// ISA13 across the files of one run (with --guide full): a receiver rejects an interchange control
// number a sender has used before with it (TA1 note 025), whichever file it came in. The guide
// checks find a number repeated within a file (guide.control-number-repeated); this finds one that
// an earlier file of the run used for the same sender and receiver (ISA05/ISA06, ISA07/ISA08), on
// the later file's ISA13.
import type { Finding } from '../core/model';
import type { InterchangeHeader } from '../core/x12/interchangeHeaders';

export const CONTROL_NUMBER_REPEATED_RULE = 'guide.control-number-repeated';

export class ControlNumbersAcrossFiles {
  /** The file (as reported) that first used each control number of a sender to a receiver (keyOf). */
  private readonly first = new Map<string, string>();

  /**
   * The findings for a file's interchanges whose control number an earlier file used for the same
   * sender and receiver; then the file's own numbers are noted for the files after it (its repeats within
   * itself are the guide checks' findings).
   */
  file(path: string, headers: readonly InterchangeHeader[]): Finding[] {
    const findings: Finding[] = [];
    for (const header of headers) {
      const earlier = this.first.get(keyOf(header));
      if (earlier === undefined || earlier === path) continue;
      findings.push({
        rule: CONTROL_NUMBER_REPEATED_RULE,
        severity: 'error',
        message: `ISA13 interchange control number ${header.controlNumber} of sender ${header.sender} to receiver ${header.receiver} is used by an interchange of ${earlier} too, checked in the same run: a receiver rejects a control number the sender has used before.`,
        span: header.span,
      });
    }
    for (const header of headers) if (!this.first.has(keyOf(header))) this.first.set(keyOf(header), path);
    return findings;
  }
}

function keyOf(header: InterchangeHeader): string {
  return `${header.sender}\n${header.receiver}\n${header.controlNumber}`;
}
