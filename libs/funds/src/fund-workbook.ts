import ExcelJS from 'exceljs';
import { DISBURSEMENT_KINDS } from './funds-events';
import type { FundRow } from './fund-table';

const KIND_NAMES: Record<string, string> = {
  pre_disbursement: '预拨 Pre-disbursed',
  settlement: '结算 Settlement',
  contract_package: '签约服务包 Contract package',
  disabled_checkup: '残疾人体检 Disabled checkup',
  reward: '奖励 Reward',
  penalty: '扣减 Penalty',
};

/** What a fund sheet is about, for its title row. */
export interface FundSheetHeading {
  /** The unit the table is for, by name. */
  unitName: string;
  year: number;
  /** When it was exported, in China time ("2024-03-05 17:30"). */
  exportedAt: string;
  /** A unit's current name; undefined for an id the unit register does not know. */
  nameOf: (unitId: string) => string | undefined;
}

/**
 * The fund table as a workbook, in yuan (fen / 100, two decimals): a title row (which unit,
 * which year, when exported), the header, a row per unit and year with the unit's name and its
 * id beside it, and a total row in bold as the evaluation table has.
 */
export function fundWorkbook(rows: FundRow[], heading: FundSheetHeading): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('资金 Funds');
  const { unitName, year, exportedAt } = heading;
  sheet.addRow([
    `${unitName} ${year} 年基本公共卫生服务资金（元，导出于北京时间 ${exportedAt}） / ` +
      `${unitName} public health service funds ${year}, in yuan, exported ${exportedAt} China time`,
  ]).font = { bold: true };
  sheet.addRow([
    '单位 Unit',
    '单位编号 Unit id',
    '年度 Year',
    '下达 Allocated',
    '收到 Received',
    ...DISBURSEMENT_KINDS.map((k) => KIND_NAMES[k]),
    '拨出 Disbursed',
    '绩效所得 Earned',
    '追回 Recovered',
    '退回 Paid back',
    '余额 Balance',
    '逾期预拨 Late items',
  ]).font = { bold: true };
  const figures = (r: FundRow) => [
    r.allocatedFen,
    r.receivedFen,
    ...DISBURSEMENT_KINDS.map((k) => r.disbursedByKind[k]),
    r.disbursedFen,
    r.earnedFen,
    r.recoveredFen,
    r.paidBackFen,
    r.balanceFen,
  ];
  const y = (fen: number) => fen / 100;
  // Allocated, received, each kind, disbursed, earned, recovered, paid back, balance.
  const totals = Array<number>(7 + DISBURSEMENT_KINDS.length).fill(0);
  let late = 0;
  for (const r of rows) {
    const fen = figures(r);
    fen.forEach((f, i) => (totals[i] += f));
    late += r.late.length;
    sheet.addRow([
      heading.nameOf(r.unitId) ?? r.unitId,
      r.unitId,
      r.year,
      ...fen.map(y),
      r.late.length,
    ]);
  }
  // The plain sum of the rows above: money passed down from a unit to its sub-units is counted
  // once as the giver's and once as the receiver's, as a reader adding up the column would.
  sheet.addRow(['合计 Total', '', year, ...totals.map(y), late]).font = { bold: true };
  for (let c = 4; c <= 5 + DISBURSEMENT_KINDS.length + 5; c++)
    sheet.getColumn(c).numFmt = '#,##0.00';
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 16;
  return workbook;
}
