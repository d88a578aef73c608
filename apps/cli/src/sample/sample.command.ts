import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { commandAuthorizer } from '@libs/access';
import { loadSample, sampleCsv, sampleWorkbook } from '@libs/audit';
import { ledgerCommandContext } from '@libs/commands';
import { systemClock } from '@libs/ledger';
import { chinaDay, executeCommand, storeFactLookup } from '@libs/records';
import { asOfArg, yearArg } from '../period-options';
import { principalFrom, withKeyOption } from '../principal-option';
import { openStoreFrom, withStoreOption } from '../store-option';

const sizeArg = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new InvalidArgumentError('must be a whole number from 1 to 10000');
  return n;
};

interface SampleOptions {
  indicator: string;
  unit: string;
  period: number;
  size: number;
  seed?: string;
  asOf?: string;
  population: 'counted' | 'all';
  sampleId?: string;
  out: string;
  store?: string;
  key?: string;
}

/** Draws (and records) an equidistant sample, or re-exports one already drawn under --sample-id. */
export function sampleCommand(): Command {
  return withKeyOption(withStoreOption(new Command('sample')))
    .description(
      'draw residents for home visits (等间距抽样); the seed and the sample are recorded; writes xlsx or csv for field teams',
    )
    .requiredOption(
      '--indicator <id>',
      'indicator whose residents are drawn, e.g. elderly_health_management',
    )
    .requiredOption('--unit <unitId>', 'unit (and its sub-units)')
    .requiredOption('--period <year>', 'evaluation year', yearArg)
    .requiredOption('--size <n>', 'how many residents', sizeArg)
    .option('--seed <text>', 'seed of the start (default: a random one, recorded)')
    .option('--as-of <date>', 'population as the ledger knew it then (default: now)', asOfArg)
    .addOption(
      new Option('--population <which>', 'counted in the numerator, or the whole denominator')
        .choices(['counted', 'all'])
        .default('counted'),
    )
    .option(
      '--sample-id <id>',
      'id of the draw (default: derived from unit, indicator, period and time)',
    )
    .requiredOption('--out <file>', 'where to write it (.csv for CSV, else xlsx)')
    .action(async (o: SampleOptions) => {
      const store = await openStoreFrom(o);
      try {
        const principal = await principalFrom(store, o);
        const now = systemClock().toISOString();
        const sampleId =
          o.sampleId ??
          `${o.unit}-${o.indicator}-${o.period}-${now.replace(/[^0-9]/g, '').slice(0, 14)}`;
        const command = {
          type: 'DrawSample',
          commandId: `draw-${sampleId}`,
          sampleId,
          indicator: o.indicator,
          unitId: o.unit,
          period: o.period,
          size: o.size,
          population: o.population,
          occurredAt: chinaDay(now),
          ...(o.seed ? { seed: o.seed } : {}),
          ...(o.asOf ? { asOf: o.asOf } : {}),
        };
        const result = await executeCommand(command, {
          store,
          clock: systemClock,
          actor: principal.actorId,
          authorize: commandAuthorizer(principal, storeFactLookup(store), systemClock),
          ...ledgerCommandContext({ store, clock: systemClock }),
        });
        const { drawn } = await loadSample(store, sampleId);
        if (extname(o.out).toLowerCase() === '.csv') await writeFile(o.out, await sampleCsv(drawn));
        else await sampleWorkbook(drawn).xlsx.writeFile(o.out);
        const how = result.duplicate
          ? 'already drawn'
          : `drawn at position ${result.events[0]?.position}`;
        process.stdout.write(
          `sample ${sampleId} (${how}): ${drawn.residents.length} of ${drawn.populationSize}, interval ${drawn.interval.toFixed(3)}, start ${drawn.start}, seed ${drawn.seed}; wrote ${o.out}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
