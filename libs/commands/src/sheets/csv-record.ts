import type { RejectReason } from './import-item';

/** One CSV record (or a sheet row turned into text cells), before it becomes a command. */
export interface CsvRecord {
  /** Physical line where the record starts (the header is line 1). */
  line: number;
  /** The record's original text; several lines joined when a quoted cell spans lines. */
  raw: string;
  bytesRead: number;
  cells?: string[];
  reject?: RejectReason;
}
