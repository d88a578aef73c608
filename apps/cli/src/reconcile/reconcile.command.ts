import { Command } from 'commander';
import { loadReports, reconcile } from '@libs/audit';
import { UnitTree, buildModel, periodOf } from '@libs/indicators';
import { StoreConfigError, systemClock } from '@libs/ledger';
import { chinaDay } from '@libs/records';
import { yearArg } from '../period-options';
import { openStoreFrom, withStoreOption } from '../store-option';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

export function reconcileCommand(): Command {
  return withStoreOption(new Command('reconcile'))
    .description(
      'compare every submitted aggregate report with the ledger as of the claim; flag over-claims and the gap',
    )
    .requiredOption('--period <year>', 'evaluation year', yearArg)
    .option('--unit <unitId>', 'a unit and its sub-units (default: the top of the tree)')
    .option('--json', 'print the lines as JSON')
    .action(async (o: { period: number; unit?: string; json?: boolean; store?: string }) => {
      const store = await openStoreFrom(o);
      try {
        const model = await buildModel(store);
        const today = chinaDay(systemClock().toISOString());
        const tree = new UnitTree(model, periodOf(o.period, null, today));
        const unitId = o.unit ?? tree.children(null)[0]?.unitId;
        if (!unitId || !tree.nodes.has(unitId))
          throw new StoreConfigError(
            unitId
              ? `unit ${unitId} does not exist in ${o.period}`
              : 'the ledger holds no units yet',
          );
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
            `reconciliation ${o.period}, ${unitId}: ${reports.length} report(s), ${lines.length} claim(s), ${flagged.length} over-claim(s)\n`,
          );
          for (const l of lines) {
            const mark = l.overClaim ? 'OVER' : 'ok  ';
            process.stdout.write(
              `${mark} ${l.unitId} ${l.indicator} report ${l.reportId} (${l.recordedAt}): claimed ${l.claimed.numerator}/${l.claimed.denominator} ${pct(l.claimed.rate)}, ledger ${l.ledger.numerator}/${l.ledger.denominator} ${pct(l.ledger.rate)}, gap ${l.gap.numerator}\n`,
            );
          }
        }
        if (flagged.length > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
