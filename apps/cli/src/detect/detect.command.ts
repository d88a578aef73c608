import { Command } from 'commander';
import { type Principal, authorize } from '@libs/access';
import { parseStoreLocation, systemClock } from '@libs/ledger';
import { type Action, chinaDay, storeFactLookup } from '@libs/records';
import { raiseDrafts } from '@libs/fabrication/alerts/run-detection';
import { DEFAULT_HEAP_MB, HEAP_HELP, draftsOnWorker, heapMbArg } from './drafts-task';
import { yearArg } from '../period-options';
import { principalFrom, withKeyOption } from '../principal-option';
import { openStoreFrom, withStoreOption } from '../store-option';

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
  return withKeyOption(withStoreOption(new Command('detect')))
    .description(
      'run the fabrication detectors over a period and raise alerts with their evidence; an alert already raised, or dismissed, is not raised again',
    )
    .requiredOption('--period <year>', 'evaluation year', yearArg)
    .option('--unit <unitId>', 'only alerts about this unit and its sub-units')
    .option('--json', 'print the run as JSON')
    .option('--heap-mb <mb>', HEAP_HELP, heapMbArg, DEFAULT_HEAP_MB)
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
        process.stdout.write(
          `detect ${run.period}${o.unit ? `, ${o.unit}` : ''}: ${run.events} event(s) read, ${run.drafts} finding(s): ${run.raised} raised, ${run.duplicate} already raised, ${run.suppressed} dismissed before (not raised again), ${run.refused} refused, ${run.unplaced} without a unit\n`,
        );
        for (const [detector, counts] of Object.entries(run.byDetector).sort()) {
          const bySeverity = SEVERITIES.map((s) => `${s} ${counts[s] ?? 0}`).join(', ');
          const raised = run.outcomes.filter(
            (x) => x.detector === detector && x.outcome === 'raised',
          ).length;
          process.stdout.write(`  ${detector.padEnd(22)} ${bySeverity}; new ${raised}\n`);
        }
      } finally {
        await store.close();
      }
    });
}
