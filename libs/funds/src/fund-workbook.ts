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

/** The fund table as a workbook, in yuan (fen / 100, two decimals): a row per unit and year. */
export function fundWorkbook(rows: FundRow[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('资金 Funds');
  sheet.addRow([
    '单位 Unit',
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
  const y = (fen: number) => fen / 100;
  for (const r of rows) {
    sheet.addRow([
      r.unitId,
      r.year,
      y(r.allocatedFen),
      y(r.receivedFen),
      ...DISBURSEMENT_KINDS.map((k) => y(r.disbursedByKind[k])),
      y(r.disbursedFen),
      y(r.earnedFen),
      y(r.recoveredFen),
      y(r.paidBackFen),
      y(r.balanceFen),
      r.late.length,
    ]);
  }
  for (let c = 3; c <= 4 + DISBURSEMENT_KINDS.length + 5; c++)
    sheet.getColumn(c).numFmt = '#,##0.00';
  sheet.getColumn(1).width = 20;
  return workbook;
}
