// Output formats of `claimlint check`: text lines (reportText.ts), the stable JSON contract
// (reportJson.ts), and SARIF 2.1.0 (reportSarif.ts). Each file's findings are written as soon as
// the file is checked, in pieces, so the output of a big file is never built as one string and
// the analysis of one file is not kept for the next. Positions of findings: positions.ts.
import type { Knowledge } from '../core/rules/knowledge';
import { version as CLAIMLINT_VERSION } from '../../../package.json';
import type { Reporter, Write } from './reporter';
import { TextReporter } from './reportText';
import { JsonReporter } from './reportJson';
import { SarifReporter } from './reportSarif';

export { CLAIMLINT_VERSION };
export { byPosition } from '../core/spans';
export { offsetsOf, Positions, wantedOffsets } from './positions';
export type { FileResult, Reporter, Write } from './reporter';
export { pathOnOneLine, textLine } from './reportText';
export { toJsonFinding, type JsonFile, type JsonFinding, type JsonReport } from './reportJson';
export { SARIF_MAX_RESULTS, SARIF_SCHEMA, toSarifUri } from './reportSarif';

export function createReporter(format: 'text' | 'json' | 'sarif', write: Write, knowledge: Knowledge, useDescriptors: boolean): Reporter {
  const describe = useDescriptors ? (codes: readonly string[]) => descriptorsOf(codes, knowledge) : () => undefined;
  switch (format) {
    case 'text':
      return new TextReporter(write);
    case 'json':
      return new JsonReporter(write, describe);
    case 'sarif':
      return new SarifReporter(write, describe, knowledge);
  }
}

function descriptorsOf(codes: readonly string[], knowledge: Knowledge): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const code of codes) {
    const descriptor = knowledge.descriptors.get(code);
    const text = descriptor?.short ?? descriptor?.long;
    if (text) (out ??= {})[code] = text;
  }
  return out;
}
