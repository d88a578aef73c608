/**
 * The columns a rejects workbook adds after the sheet's own: where the row was and why it was
 * refused. Importing the fixed rejects file skips them, so a clerk need not delete them.
 */
export const REJECT_COLUMNS = {
  row: '原行号 row',
  zh: '拒绝原因',
  en: 'reason',
} as const;

export const isRejectColumn = (header: string): boolean =>
  (Object.values(REJECT_COLUMNS) as string[]).includes(header);
