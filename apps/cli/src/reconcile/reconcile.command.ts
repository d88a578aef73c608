import { Command } from 'commander';
import { loadReports, reconcile } from '@libs/audit';
import { UnitTree, buildModel, periodOf } from '@libs/indicators';
import { StoreConfigError, systemClock } from '@libs/ledger';
import { chinaDay } from '@libs/records';
import { yearArg } from '../period-options';
import { openStoreFrom, withStoreOption } from '../store-option';
import { messages } from '../text/lang';
import { renderTable } from '../text/table';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

export function reconcileCommand(): Command {
  const T = messages({
    zh: {
      description: '将每份上报的汇总报告与上报时的账本逐项核对，标出多报及差额',
      period: '考核年度',
      unit: '某机构及其下属机构（默认：机构树的顶层）',
      json: '以 JSON 输出各行',
      noUnits: '账本中还没有机构',
      noUnit: (unit: string, year: number) => `机构 ${unit} 在 ${year} 年不存在`,
      summary: (year: number, unit: string, reports: number, claims: number, over: number) =>
        `${year} 年上报核对，${unit}：${reports} 份报告，${claims} 项上报，${over} 项多报`,
      head: ['', '机构', '指标', '报告', '记录时间', '上报', '', '账本', '', '差额'],
      over: '多报',
      ok: '相符',
    },
    en: {
      description:
        'compare every submitted aggregate report with the ledger as of the claim; flag over-claims and the gap',
      period: 'evaluation year',
      unit: 'a unit and its sub-units (default: the top of the tree)',
      json: 'print the lines as JSON',
      noUnits: 'the ledger holds no units yet',
      noUnit: (unit: string, year: number) => `unit ${unit} does not exist in ${year}`,
      summary: (year: number, unit: string, reports: number, claims: number, over: number) =>
        `reconciliation ${year}, ${unit}: ${reports} report(s), ${claims} claim(s), ${over} over-claim(s)`,
      head: ['', 'unit', 'indicator', 'report', 'recorded at', 'claimed', '', 'ledger', '', 'gap'],
      over: 'OVER',
      ok: 'ok',
    },
  });
  return withStoreOption(new Command('reconcile'))
    .description(T.description)
    .requiredOption('--period <year>', T.period, yearArg)
    .option('--unit <unitId>', T.unit)
    .option('--json', T.json)
    .action(async (o: { period: number; unit?: string; json?: boolean; store?: string }) => {
      const store = await openStoreFrom(o);
      try {
        const model = await buildModel(store);
        const today = chinaDay(systemClock().toISOString());
        const tree = new UnitTree(model, periodOf(o.period, null, today));
        const unitId = o.unit ?? tree.children(null)[0]?.unitId;
        if (!unitId || !tree.nodes.has(unitId))
          throw new StoreConfigError(unitId ? T.noUnit(unitId, o.period) : T.noUnits);
        const reports = await loadReports(
          store,
          [...tree.nodes.keys()].filter((u) => tree.within(u, unitId)),
          o.period,
        );
        const lines = reconcile(model, reports, today);
        const flagged = lines.filter((l) => l.overClaim);
        if (o.json) {
          process.stdout.write(
            `${JSON.stringify({ period: o.period, unitId, reports: reports.length, overClaims: flagged.length, lines }, null, 2)}\n`,
          );
        } else {
          process.stdout.write(
            `${T.summary(o.period, unitId, reports.length, lines.length, flagged.length)}\n`,
          );
          const rows = lines.map((l) => [
            l.overClaim ? T.over : T.ok,
            l.unitId,
            l.indicator,
            l.reportId,
            l.recordedAt,
            `${l.claimed.numerator}/${l.claimed.denominator}`,
            pct(l.claimed.rate),
            `${l.ledger.numerator}/${l.ledger.denominator}`,
            pct(l.ledger.rate),
            String(l.gap.numerator),
          ]);
          if (rows.length > 0)
            for (const line of renderTable([T.head, ...rows], {
              align: [
                'left',
                'left',
                'left',
                'left',
                'left',
                'right',
                'right',
                'right',
                'right',
                'right',
              ],
            }))
              process.stdout.write(`${line}\n`);
        }
        if (flagged.length > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
