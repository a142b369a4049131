// An X12 interchange around transaction-set bodies written segment by segment, with every count
// (SE01, GE01) made here, so a hand-written fixture is valid by construction. The envelope follows
// the version the implementation names: 4010 writes ISA11 U, ISA12 00401 and no ST03.

/** One ISA/GS with a ST..SE per body (ST02 0001, 0002, ...); segments end with "~\n". */
export function interchange(implementation: string, bodies: string[][]): string {
  const v4010 = implementation.startsWith('004010');
  const out = [
    `ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *260101*1200*${v4010 ? 'U*00401' : '^*00501'}*000000001*0*T*:`,
    `GS*HC*SENDER01*RECEIVER01*20260101*1200*1*X*${implementation}`,
  ];
  bodies.forEach((body, i) => {
    const control = String(i + 1).padStart(4, '0');
    out.push(v4010 ? `ST*837*${control}` : `ST*837*${control}*${implementation}`, ...body, `SE*${body.length + 2}*${control}`);
  });
  out.push(`GE*${bodies.length}*1`, 'IEA*1*000000001');
  return out.map((s) => `${s}~\n`).join('');
}
