import { Command } from 'commander';
import { type Principal, authorize } from '@libs/access';
import { parseStoreLocation, systemClock } from '@libs/ledger';
import { type Action, chinaDay, storeFactLookup } from '@libs/records';
import { type DetectionRun, raiseDrafts } from '@libs/fabrication/alerts/run-detection';
import { DEFAULT_HEAP_MB, draftsOnWorker, heapHelp, heapMbArg } from './drafts-task';
import { yearArg } from '../period-options';
import { principalFrom, withKeyOption } from '../principal-option';
import { openStoreFrom, withStoreOption } from '../store-option';
import { messages } from '../text/lang';
import { renderTable } from '../text/table';

interface DetectOptions {
  period: number;
  unit?: string;
  json?: boolean;
  store?: string;
  key?: string;
  heapMb: number;
}

const SEVERITIES = ['high', 'medium', 'low'] as const;

/**
 * Raising is the operator's (no role holds alerts:raise); a supervisor may raise the alerts of
 * their scope, since they are the ones to handle them.
 */
function raiserFor(principal: Principal, lookup: ReturnType<typeof storeFactLookup>) {
  return async (_action: Action | undefined, units: string[] | null): Promise<void> =>
    authorize(
      principal,
      { permission: 'alerts:handle', units },
      lookup,
      chinaDay(systemClock().toISOString()),
    );
}

/** Runs every detector over a period and raises what they find as alerts (de-duplicated). */
export function detectCommand(): Command {
  const T = messages({
    zh: {
      description:
        '对某考核年度运行各项造假检测，连同证据生成预警；已生成或已排除的预警不再重复生成',
      period: '考核年度',
      unit: '只生成关于该机构及其下属机构的预警',
      json: '以 JSON 输出本次运行',
      run: (r: DetectionRun, unit?: string) =>
        `${r.period} 年检测${unit ? `，${unit}` : ''}：读取 ${r.events} 条事件，发现 ${r.drafts} 项：新生成 ${r.raised}，已生成 ${r.duplicate}，曾被排除（不再生成）${r.suppressed}，被拒 ${r.refused}，无法归属机构 ${r.unplaced}`,
      head: ['检测项', '高', '中', '低', '新生成'],
    },
    en: {
      description:
        'run the fabrication detectors over a period and raise alerts with their evidence; an alert already raised, or dismissed, is not raised again',
      period: 'evaluation year',
      unit: 'only alerts about this unit and its sub-units',
      json: 'print the run as JSON',
      run: (r: DetectionRun, unit?: string) =>
        `detect ${r.period}${unit ? `, ${unit}` : ''}: ${r.events} event(s) read, ${r.drafts} finding(s): ${r.raised} raised, ${r.duplicate} already raised, ${r.suppressed} dismissed before (not raised again), ${r.refused} refused, ${r.unplaced} without a unit`,
      head: ['detector', 'high', 'medium', 'low', 'new'],
    },
  });
  return withKeyOption(withStoreOption(new Command('detect')))
    .description(T.description)
    .requiredOption('--period <year>', T.period, yearArg)
    .option('--unit <unitId>', T.unit)
    .option('--json', T.json)
    .option('--heap-mb <mb>', heapHelp(), heapMbArg, DEFAULT_HEAP_MB)
    .action(async (o: DetectOptions) => {
      const store = await openStoreFrom(o);
      try {
        const principal = await principalFrom(store, o);
        // A supervisor's key runs detection over their own subtree (by default all of it).
        const unit = o.unit ?? principal.unitId ?? undefined;
        const raiseIn = raiserFor(principal, storeFactLookup(store));
        if (unit) await raiseIn(undefined, [unit]);
        // The log is read and judged on a thread with a heap budget; alerts are raised here.
        const found = await draftsOnWorker(
          {
            store: parseStoreLocation(o.store ?? process.env.LEDGER_STORE),
            period: o.period,
            today: chinaDay(systemClock().toISOString()),
            unit,
          },
          o.heapMb,
        );
        const run = await raiseDrafts(
          store,
          {
            period: o.period,
            clock: systemClock,
            actor: principal.actorId,
            authorize: raiseIn,
            unit,
          },
          found.found,
          found.events,
        );
        if (o.json) {
          process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${T.run(run, o.unit)}\n`);
        const rows = Object.entries(run.byDetector)
          .sort()
          .map(([detector, counts]) => [
            detector,
            ...SEVERITIES.map((s) => String(counts[s] ?? 0)),
            String(
              run.outcomes.filter((x) => x.detector === detector && x.outcome === 'raised').length,
            ),
          ]);
        if (rows.length > 0)
          for (const line of renderTable([T.head, ...rows], {
            indent: '  ',
            align: ['left', 'right', 'right', 'right', 'right'],
          }))
            process.stdout.write(`${line}\n`);
      } finally {
        await store.close();
      }
    });
}
