/**
 * Sheets in: an xlsx (or CSV) row as a command, through a mapping from Chinese headers, and
 * the refused rows back as a workbook a clerk can fix. Shared by the CLI's import and the
 * HTTP upload; imported as @libs/commands/sheets so that the catalog's users do not load exceljs.
 */
export * from './csv-record';
export * from './csv-to-commands';
export * from './date-fields';
export * from './execute-rows';
export * from './import-item';
export * from './read-xlsx-header';
export * from './read-xlsx-rows';
export * from './reject-columns';
export * from './reject-reason';
export * from './reject-sink';
export * from './request-fields';
export * from './sheet-error';
export * from './xlsx-cell';
export * from './xlsx-mapping';
export * from './xlsx-rejects-writer';
export * from './xlsx-to-commands';
export * from './read-sheet';
