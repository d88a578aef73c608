import type { CommandRequest, FieldError } from '@libs/records';
import type { XlsxValue } from './xlsx-cell';

/** Why a line was not appended, as written to the rejects file. */
export interface RejectReason {
  /** VALIDATION_FAILED, MALFORMED_JSON, a rule code such as NOT_ENROLLED, … */
  code: string;
  en: string;
  zh: string;
  /** Rule refusals: conflict, unprocessable or not_found. */
  kind?: string;
  /** Validation failures: every failing field. */
  errors?: FieldError[];
  details?: Record<string, unknown>;
}

/** One line (NDJSON) or row (CSV) of the input, ready to execute or already rejected. */
export interface ImportItem {
  /** Physical line number in the file where the line or row starts. */
  line: number;
  /** The original text, for the rejects file. */
  input: string;
  /** Bytes of the file read so far, for the progress ETA. */
  bytesRead: number;
  command?: unknown;
  /** The command once validated (on the reading side), ready to decide. */
  validated?: ValidatedLine;
  reject?: RejectReason;
  /** A sheet's row as it was, so a rejects workbook can give it back unchanged. */
  cells?: XlsxValue[];
}

/** A line that passed validation: its type, the validated request and what was taken off it. */
export interface ValidatedLine {
  type: string;
  request: CommandRequest;
  fingerprint: string;
  sourceRecordedAt?: string;
}
