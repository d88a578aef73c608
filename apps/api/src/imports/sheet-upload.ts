import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** Where a sheet is uploaded; the JSON-only body check lets this path through to its own parsers. */
export const SHEET_UPLOAD_PATH = '/api/v1/imports/xlsx';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Raw bodies read as a workbook: the xlsx type, and what a client sends for "some file". */
export const RAW_SHEET_MEDIA_TYPES = [XLSX_MEDIA_TYPE, 'application/octet-stream'];

/**
 * The largest workbook accepted (5 MiB, about 100,000 follow-up rows) and the most rows run
 * in one request (20,000: a centre's quarter). A district's year goes through the CLI's
 * import, which streams and reports progress; an upload is read whole before its first row runs.
 */
export const SHEET_LIMIT_BYTES = 5 * 1024 * 1024;
export const SHEET_MAX_ROWS = 20_000;

/** The mapping's JSON, when sent as a form field or a file part. */
export const MAPPING_LIMIT_BYTES = 100 * 1024;

export const REJECTS_FORMATS = ['json', 'xlsx'] as const;

/** `?mapping=RecordFollowUp&rejects=xlsx` */
export class SheetUploadQuery {
  /** A shipped template's record type; a mapping of one's own goes as a form field instead. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  mapping?: string;

  /** xlsx: the answer is the rejects workbook (as `Accept: <xlsx type>` asks too). */
  @IsOptional()
  @IsIn(REJECTS_FORMATS)
  rejects?: (typeof REJECTS_FORMATS)[number];
}
