import type { RejectReason } from './import-item';
import type { XlsxValue } from './xlsx-cell';

export interface RejectEntry {
  line: number;
  reason: RejectReason;
  /** The original line (NDJSON) or row (CSV) text. */
  input: string;
  /** A sheet's row as it was (xlsx). */
  cells?: XlsxValue[];
}

/** Where rejected lines go: an NDJSON file, or for a sheet a workbook a clerk can fix. */
export interface RejectSink {
  readonly path: string;
  count: number;
  write(entry: RejectEntry): Promise<void>;
  close(): Promise<void>;
}
