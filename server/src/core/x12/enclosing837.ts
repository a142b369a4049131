// What a part of an 837 read on its own (a transaction set, or a claim read again after an edit)
// is told of the envelopes and HL parents around it, so that it reads as it would in a parse of
// the whole document (Parser837's stand-ins).

import type { Claim, Span, TransactionSet } from '../model';

/**
 * What a transaction set parsed on its own (see parseTransactionSetPiece) needs from the
 * envelope around it, so that it comes out as it would in a parse of the whole document.
 */
export interface EnclosingEnvelope {
  /** GS08, used when ST03 is absent. */
  groupImplementation: string | null;
  interchangeIndex: number;
  groupIndex: number;
  /** Index of this transaction set, and of its first claim, in the whole document. */
  transactionIndex: number;
  claimIndex: number;
  /** Set when the piece starts inside this transaction set, at a CLM (a claim read again after an edit). */
  transaction?: EnclosingTransaction;
}

/**
 * The transaction set a piece starts inside, and the HL parents of the claims at its start: they
 * stand in for the ST and the 2000 loops before the piece, up to the piece's first HL.
 */
export interface EnclosingTransaction {
  /** The set's model (a copy: the parser updates it), with the kind it has where the piece starts. */
  model: TransactionSet;
  /** Its ST segment in the index read (SE01 counts from it); any number when the piece holds no SE. */
  segment: number;
  /** ST02, which SE02 must match. */
  controlSpan: Span | null;
  /** What a claim takes from its HL parents (payer, subscriber, patient, billing provider), as its claim recorded it. */
  parents: Pick<Claim, 'patientId' | 'patientKey' | 'billingProviderId' | 'billingProviderPerson'>;
}
