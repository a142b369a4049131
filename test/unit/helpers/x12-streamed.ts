// An 837 read as the CLI reads one from its path: in pieces of `size` characters (X12Stream), its
// findings as the stream gives them.
import type { Finding } from '../../../server/src/core/model';
import type { Knowledge } from '../../../server/src/core/rules/knowledge';
import { X12Stream } from '../../../server/src/core/x12/stream';

export function x12Streamed(text: string, knowledge: Knowledge, size: number): Finding[] {
  const stream = new X12Stream(knowledge, undefined, { codedLinesOnly: true });
  const findings: Finding[] = [];
  for (let at = 0; at < text.length; at += size) findings.push(...stream.feed(text.slice(at, at + size)).findings);
  findings.push(...stream.end().findings);
  return findings;
}
