// The fuzz property stream-bytes: the CLI feeds an ASCII 837 to X12Stream as the bytes of its
// blocks (x12/source.ts); any document, valid, mutated or random, fed so in blocks of any sizes
// reads as the same text fed as strings in the same blocks: the same findings, claims and lines.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Finding } from '../../server/src/core/model';
import type { Knowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';
import { anyDocumentArb } from './generators';

export const streamBytesCaseArb = fc.record({
  text: anyDocumentArb.filter((text) => /^[\x00-\x7f]*$/.test(text)),
  sizes: fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 4 }),
  codedLinesOnly: fc.boolean(),
  guide: fc.boolean(),
});

interface Read {
  claims: number;
  serviceLines: number;
  findings: Finding[];
}

function streamed(text: string, sizes: readonly number[], knowledge: Knowledge, bytes: boolean, codedLinesOnly: boolean, guide: boolean): Read {
  const stream = new X12Stream(knowledge, undefined, { codedLinesOnly, guide });
  const read: Read = { claims: 0, serviceLines: 0, findings: [] };
  const take = (piece: ReturnType<X12Stream['feed']>) => {
    read.claims += piece.claims;
    read.serviceLines += piece.serviceLines;
    read.findings.push(...piece.findings);
  };
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    const block = text.slice(at, at + size);
    if (bytes) {
      // The CLI's block buffer is read into again after each block.
      const buffer = Buffer.from(block, 'latin1');
      take(stream.feed(buffer));
      buffer.fill(0);
    } else take(stream.feed(block));
    at += size;
  }
  take(stream.end());
  return read;
}

export function checkStreamBytes(c: { text: string; sizes: number[]; codedLinesOnly: boolean; guide: boolean }, knowledge: Knowledge): void {
  const fromText = streamed(c.text, c.sizes, knowledge, false, c.codedLinesOnly, c.guide);
  const fromBytes = streamed(c.text, c.sizes, knowledge, true, c.codedLinesOnly, c.guide);
  assert.deepEqual(fromBytes, fromText);
}
