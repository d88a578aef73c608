// The import's items are the sheets' items: one shape for a CLI line and an uploaded row.
export type { ImportItem, RejectReason, ValidatedLine } from '@libs/commands/sheets';
