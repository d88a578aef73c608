import { unlink } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RejectEntry, RejectSink } from './reject-sink';
import { SheetError } from './sheet-error';
import { REJECT_COLUMNS, isRejectColumn } from './reject-columns';
import { type XlsxValue, cellText } from './xlsx-cell';
import type { XlsxMapping } from './xlsx-mapping';

/** A light red behind the cells a reason names, so the clerk sees where to look. */
const FAULT_FILL = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFFC7CE' },
} as const;

/**
 * `FILE.rejects.xlsx`: the refused rows with the sheet's own columns, as they were, and after
 * them the row's number and the reason in Chinese and English. A clerk fixes the cells in Excel
 * and imports this file with the same mapping; the reason columns are skipped then. The cells
 * a validation reason names are shaded, and the Chinese reason names their column. Written as
 * a stream, and only when a row is refused; a stale file from an earlier run is removed first.
 */
export class XlsxRejectsWriter implements RejectSink {
  count = 0;
  private workbook: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  private sheet: ExcelJS.Worksheet | undefined;
  /** The sheet's columns kept: an earlier run's reason columns are replaced, not repeated. */
  private readonly kept: number[];
  /** The field of each kept column, from the mapping. */
  private readonly fields: (string | undefined)[];

  private constructor(
    /** The file written, or the name an upload's rejects are known by. */
    readonly path: string,
    private readonly header: XlsxValue[],
    mapping: XlsxMapping,
    /** An upload's answer: written even when no row is refused, so the client always gets a workbook. */
    private readonly stream?: Writable,
  ) {
    this.kept = header.flatMap((cell, i) => (isRejectColumn(cellText(cell, false)) ? [] : [i]));
    this.fields = this.kept.map((i) => mapping.columns[cellText(header[i] ?? null, false)]);
  }

  static async open(
    path: string,
    header: XlsxValue[],
    mapping: XlsxMapping,
  ): Promise<XlsxRejectsWriter> {
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT')
        throw new SheetError(
          'REJECTS_UNWRITABLE',
          `cannot replace the rejects file ${path}: ${error.message}`,
          `无法替换被拒行文件 ${path}：${error.message}`,
        );
    });
    return new XlsxRejectsWriter(path, header, mapping);
  }

  /** The same workbook into a stream (an HTTP answer), the header row even when nothing is refused. */
  static toStream(
    stream: Writable,
    name: string,
    header: XlsxValue[],
    mapping: XlsxMapping,
  ): XlsxRejectsWriter {
    return new XlsxRejectsWriter(name, header, mapping, stream);
  }

  async write(entry: RejectEntry): Promise<void> {
    const sheet = this.sheet ?? this.start();
    const cells = this.kept.map((i) => entry.cells?.[i] ?? null);
    const reason = entry.reason;
    const faults = (reason.errors ?? []).map((e) => ({ ...e, column: this.columnOf(e.field) }));
    const zh =
      faults.length > 0
        ? faults
            .map((e) => (e.column === undefined ? e.zh : `【${this.headerOf(e.column)}】${e.zh}`))
            .join('；')
        : reason.zh;
    const row = sheet.addRow([...cells, entry.line, zh, `${reason.code}: ${reason.en}`]);
    cells.forEach((cell, i) => {
      if (cell instanceof Date) row.getCell(i + 1).numFmt = dateFormat(cell);
    });
    for (const { column } of faults)
      if (column !== undefined) row.getCell(column + 1).fill = FAULT_FILL;
    row.commit();
    this.count += 1;
  }

  async close(): Promise<void> {
    if (!this.workbook && this.stream) this.start();
    if (!this.workbook) return;
    try {
      this.sheet!.commit();
      await this.workbook.commit();
    } catch (error) {
      throw new SheetError(
        'REJECTS_UNWRITABLE',
        `cannot write the rejects file ${this.path}: ${(error as Error).message}`,
        `无法写入被拒行文件 ${this.path}：${(error as Error).message}`,
      );
    }
  }

  /** The kept column holding a field (vitals.systolic is the 收缩压 column). */
  private columnOf(field: string): number | undefined {
    const at = this.fields.findIndex(
      (f) => f !== undefined && (f === field || field.endsWith(`.${f}`)),
    );
    return at >= 0 ? at : undefined;
  }

  private headerOf(column: number): string {
    return cellText(this.header[this.kept[column]] ?? null, false);
  }

  private start(): ExcelJS.Worksheet {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      ...(this.stream ? { stream: this.stream } : { filename: this.path }),
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = this.workbook.addWorksheet('rejects', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    const names = [
      ...this.kept.map((i) => cellText(this.header[i] ?? null, false)),
      REJECT_COLUMNS.row,
      REJECT_COLUMNS.zh,
      REJECT_COLUMNS.en,
    ];
    sheet.columns = names.map((name, i) => ({
      width: i >= this.kept.length + 1 ? 60 : Math.max(12, name.length * 2 + 2),
    }));
    const head = sheet.addRow(names);
    head.font = { bold: true };
    head.commit();
    this.sheet = sheet;
    return sheet;
  }
}

/** A date typed with a time keeps its time. */
const dateFormat = (date: Date): string =>
  date.getTime() % 86_400_000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
