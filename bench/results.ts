// The figures of one bench run, as printed and as written to bench/out/*.json.
import type { Judged } from './budgets';
import type { HostStallResult } from './hostStall';
import type { LspResult } from './lsp';
import type { CliRow, CoreRow, GuideRow, PeerRow } from './measures';
import type { DiskRow, PtpRow, ReadRow, TablesRow } from './measureTables';
import type { ScaleRow } from './scale';

export interface BenchResults {
  machine: Record<string, unknown>;
  core: CoreRow[];
  coreWithTable: CoreRow[];
  guide: GuideRow[];
  /** The CLI's whole process on the 100 MB file with --guide envelope and --guide full. */
  guideCli: (CliRow & { guide: 'envelope' | 'full' })[];
  peers: PeerRow[];
  cli: CliRow[];
  lsp: LspResult[];
  ptp: PtpRow[];
  tables: TablesRow[];
  disk: DiskRow[];
  reads: ReadRow[];
  host: HostStallResult | null;
  /** Each scale scenario at n and 4n (bench/scale.ts). */
  scale: ScaleRow[];
  budgets: Judged[];
}
