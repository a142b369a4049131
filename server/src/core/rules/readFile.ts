// The one place the rules code touches the file system: read a rule or descriptor file whole,
// refusing files over a size cap before reading them (a wrong setting must not exhaust memory).

import { readFileSync, statSync } from 'node:fs';
import { formatBytes, MAX_RULE_FILE_BYTES } from './textInput';

export function readFileCapped(path: string, maxBytes: number = MAX_RULE_FILE_BYTES): Buffer {
  const stats = statSync(path);
  if (!stats.isFile()) throw new Error('not a file');
  if (stats.size > maxBytes) throw new Error(`file is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} limit`);
  return readFileSync(path);
}
