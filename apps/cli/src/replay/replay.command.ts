import { Command } from 'commander';
import { catalogForPeriod, diffSince, periodOf } from '@libs/indicators';
import { systemClock } from '@libs/ledger';
import { chinaDay } from '@libs/records';
import { type UnitChanges, renderDiff, renderEvaluationText } from './render-replay';
import { figuresFromScratch } from '../figures';
import { checkAsOfClock, withPeriodOptions } from '../period-options';
import { openStoreFrom, withStoreOption } from '../store-option';
import { messages } from '../text/lang';

export function replayCommand(): Command {
  const T = messages({
    zh: {
      description: '从整本账重算全部指标，打印某考核年度的指标表（现在所知，或 --as-of 时所知）',
      json: '以 JSON 输出',
      diffNow:
        '与 --as-of 同用：再列出自那时以来的变化，先按机构和指标汇总（当时 → 现在，变化居民数）',
      detail: '与 --diff-now 同用：再逐个列出所报机构的居民及其后记录的事件',
      needsAsOf: 'error: --diff-now 须与 --as-of 同用：需要一个与现在比较的时点',
      needsDiff: 'error: --detail 须与 --diff-now 同用',
    },
    en: {
      description:
        'rebuild every figure from the whole log and print the rate table of a period, as known now or at --as-of',
      json: 'print the table as JSON',
      diffNow:
        'with --as-of: also what changed since then, summarised by unit and indicator first (then → now, residents changed)',
      detail:
        'with --diff-now: also each resident of the reported unit and the events recorded since',
      needsAsOf: 'error: --diff-now needs --as-of: the view to compare with now',
      needsDiff: 'error: --detail needs --diff-now',
    },
  });
  return withPeriodOptions(withStoreOption(new Command('replay')))
    .description(T.description)
    .option('--json', T.json)
    .option('--diff-now', T.diffNow)
    .option('--detail', T.detail)
    .action(async function (
      this: Command,
      o: {
        period: number;
        asOf?: string;
        by?: string;
        unit?: string;
        json?: boolean;
        diffNow?: boolean;
        detail?: boolean;
        store?: string;
      },
    ) {
      if (o.diffNow && !o.asOf) this.error(T.needsAsOf);
      if (o.detail && !o.diffNow) this.error(T.needsDiff);
      checkAsOfClock(this, o);
      const store = await openStoreFrom(o);
      try {
        const { model, result, table } = await figuresFromScratch(store, o);
        const today = chinaDay(systemClock().toISOString());
        const catalog = catalogForPeriod(o.period)!;
        // Each row of the table (sub-units, then the reported unit): its changes since then.
        const units: (UnitChanges & { unitId: string })[] | undefined = o.diffNow
          ? table.rows.map((row) => ({
              unitId: row.unitId,
              unitName: row.unitName,
              changes: diffSince(
                model,
                catalog,
                row.unitId,
                result.period,
                periodOf(o.period, null, today),
              ),
            }))
          : undefined;
        if (o.json) {
          const reported = units?.[units.length - 1];
          process.stdout.write(
            `${JSON.stringify({ period: o.period, asOf: o.asOf ?? null, asOfBasis: result.period.asOfBasis, day: result.period.day, position: result.position, ...table, ...(reported ? { changesSince: reported.changes, changesByUnit: units!.map((u) => ({ unitId: u.unitId, changes: u.changes.map(({ residents, ...c }) => ({ ...c, residentsChanged: residents.length })) })) } : {}) }, null, 2)}\n`,
          );
        } else {
          process.stdout.write(renderEvaluationText(table, result.position));
          if (units) process.stdout.write(renderDiff(units, catalog, o.asOf!, o.detail === true));
        }
      } finally {
        await store.close();
      }
    });
}
