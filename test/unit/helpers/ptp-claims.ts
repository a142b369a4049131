// Synthetic 837s with the loops the PTP grouping reads (patients, billing and rendering
// providers, one or several transaction sets), for the PTP tests.
import type { ClaimKind } from '../../../server/src/core/model';
import { SUBSCRIBER_DETAILS, writeTransactions, type SegmentSpec } from './x12-writer';

export interface XLine {
  code: string;
  charge: string;
  modifiers?: string[];
  date?: number;
  /** 2420A NM1*82 after the line's SV1 and DTP. */
  provider?: string;
}

export interface XClaim {
  id: string;
  subscriberId: string;
  /** A 2000C patient loop: NM1*QC with this first name, and an id when given. */
  patient?: { first: string; id?: string };
  /** 2310B NM1*82 before the first LX. */
  rendering?: string;
  lines: XLine[];
}

export function total(lines: readonly XLine[]): string {
  return (lines.reduce((sum, l) => sum + Math.round(Number(l.charge) * 100), 0) / 100).toFixed(2);
}

/** An 837 (one transaction set) with the loops the grouping reads. Billing provider 1234567893. */
export function writeX12837(claims: readonly XClaim[], kind: ClaimKind = 'professional', billing = '1234567893'): string {
  return writeTransactions([bodyOf(claims, kind, billing)], { kind, lineEnding: '\n' }).text;
}

/** Several transaction sets, each with its own billing provider. */
export function writeSets(sets: readonly (readonly XClaim[])[], billing: readonly string[], kind: ClaimKind = 'professional'): string {
  return writeTransactions(sets.map((claims, i) => bodyOf(claims, kind, billing[i]!)), { kind, lineEnding: '\n' }).text;
}

/** The segments between ST and SE. */
export function bodyOf(claims: readonly XClaim[], kind: ClaimKind, billing: string): SegmentSpec[] {
  const body: SegmentSpec[] = [
    ['BHT', '0019', '00', '0001', '20240115', '1200', 'CH'],
    ['NM1', '41', '2', 'SUBMITTER CLINIC', '', '', '', '', '46', 'S000001'],
    ['PER', 'IC', 'CONTACT DESK', 'TE', '5555550100'],
    ['NM1', '40', '2', 'EXAMPLE PAYER', '', '', '', '', '46', 'R000001'],
    ['HL', '1', '', '20', '1'],
    ['NM1', '85', '2', 'EXAMPLE BILLING', '', '', '', '', 'XX', billing],
    ['N3', '1 MAIN ST'],
    ['N4', 'SPRINGFIELD', 'ZZ', '000000000'],
    ['REF', 'EI', '000000000'],
  ];
  let hl = 1;
  for (const claim of claims) {
    const subscriberHl = ++hl;
    body.push(['HL', String(subscriberHl), '1', '22', claim.patient ? '1' : '0']);
    body.push(['SBR', 'P', claim.patient ? '' : '18', '', '', '', '', '', '', 'CI']);
    body.push(['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', claim.subscriberId]);
    if (!claim.patient) body.push(...SUBSCRIBER_DETAILS);
    body.push(['NM1', 'PR', '2', 'EXAMPLE PAYER', '', '', '', '', 'PI', 'P000001']);
    if (claim.patient) {
      body.push(['HL', String(++hl), String(subscriberHl), '23', '0']);
      body.push(['PAT', '19']);
      body.push(['NM1', 'QC', '1', 'DOE', claim.patient.first, '', '', '', ...(claim.patient.id ? ['MI', claim.patient.id] : [])]);
    }
    body.push(['CLM', claim.id, total(claim.lines), '', '', kind === 'institutional' ? ['13', 'A', '1'] : ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y']);
    if (kind !== 'dental') body.push(['HI', ['ABK', 'R69']]);
    if (claim.rendering) body.push(['NM1', '82', '1', 'SMITH', 'ANN', '', '', '', 'XX', claim.rendering]);
    claim.lines.forEach((line, i) => {
      body.push(['LX', String(i + 1)]);
      const composite = ['HC', line.code, ...(line.modifiers ?? [])];
      if (kind === 'professional') body.push(['SV1', composite, line.charge, 'UN', '1', '', '', ['1']]);
      else if (kind === 'institutional') body.push(['SV2', '0450', composite, line.charge, 'UN', '1']);
      else body.push(['SV3', composite, line.charge, '', '', '', '1']);
      if (line.date !== undefined) body.push(['DTP', '472', 'D8', String(line.date)]);
      if (line.provider) body.push(['NM1', '82', '1', 'JONES', 'BOB', '', '', '', 'XX', line.provider]);
    });
  }
  return body;
}
