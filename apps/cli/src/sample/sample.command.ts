import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { commandAuthorizer } from '@libs/access';
import { loadSample, sampleCsv, sampleUnitNames, sampleWorkbook } from '@libs/audit';
import { ledgerCommandContext } from '@libs/commands';
import { systemClock } from '@libs/ledger';
import { chinaDay, chinaMinute, executeCommand, storeFactLookup } from '@libs/records';
import { asOfArg, yearArg } from '../period-options';
import { principalFrom, withKeyOption } from '../principal-option';
import { openStoreFrom, withStoreOption } from '../store-option';
import { messages } from '../text/lang';

const sizeArg = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new InvalidArgumentError(
      '须为 1 到 10000 的整数 / must be a whole number from 1 to 10000',
    );
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
  const T = messages({
    zh: {
      description:
        '为入户核查抽取居民（等间距抽样）；种子和样本都记入账本；为现场核查组写出 xlsx 或 csv',
      indicator: '从哪个指标的居民中抽取，如 elderly_health_management',
      unit: '机构（含其下属机构）',
      period: '考核年度',
      size: '抽取多少名居民',
      seed: '起点的种子（默认：随机生成并记录）',
      asOf: '按账本在那时所知的总体（默认：现在）',
      population: '从计入分子的居民中抽，或从整个分母中抽',
      sampleId: '本次抽样的编号（默认：由机构、指标、年度和时间生成）',
      out: '写到哪里（.csv 为 CSV，否则 xlsx）',
      already: '此前已抽取',
      drawnAt: (position: number | undefined) => `抽取于位置 ${position}`,
      done: (
        id: string,
        how: string,
        n: number,
        of: number,
        interval: string,
        start: number,
        seed: string,
        out: string,
      ) =>
        `样本 ${id}（${how}）：${of} 人中抽取 ${n} 人，间隔 ${interval}，起点 ${start}，种子 ${seed}；已写入 ${out}`,
    },
    en: {
      description:
        'draw residents for home visits (等间距抽样); the seed and the sample are recorded; writes xlsx or csv for field teams',
      indicator: 'indicator whose residents are drawn, e.g. elderly_health_management',
      unit: 'unit (and its sub-units)',
      period: 'evaluation year',
      size: 'how many residents',
      seed: 'seed of the start (default: a random one, recorded)',
      asOf: 'population as the ledger knew it then (default: now)',
      population: 'counted in the numerator, or the whole denominator',
      sampleId: 'id of the draw (default: derived from unit, indicator, period and time)',
      out: 'where to write it (.csv for CSV, else xlsx)',
      already: 'already drawn',
      drawnAt: (position: number | undefined) => `drawn at position ${position}`,
      done: (
        id: string,
        how: string,
        n: number,
        of: number,
        interval: string,
        start: number,
        seed: string,
        out: string,
      ) =>
        `sample ${id} (${how}): ${n} of ${of}, interval ${interval}, start ${start}, seed ${seed}; wrote ${out}`,
    },
  });
  return withKeyOption(withStoreOption(new Command('sample')))
    .description(T.description)
    .requiredOption('--indicator <id>', T.indicator)
    .requiredOption('--unit <unitId>', T.unit)
    .requiredOption('--period <year>', T.period, yearArg)
    .requiredOption('--size <n>', T.size, sizeArg)
    .option('--seed <text>', T.seed)
    .option('--as-of <date>', T.asOf, asOfArg)
    .addOption(
      new Option('--population <which>', T.population)
        .choices(['counted', 'all'])
        .default('counted'),
    )
    .option('--sample-id <id>', T.sampleId)
    .requiredOption('--out <file>', T.out)
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
        else
          await sampleWorkbook(drawn, {
            unitNames: await sampleUnitNames(storeFactLookup(store), drawn),
            exportedAt: chinaMinute(systemClock().toISOString()),
          }).xlsx.writeFile(o.out);
        const how = result.duplicate ? T.already : T.drawnAt(result.events[0]?.position);
        process.stdout.write(
          `${T.done(sampleId, how, drawn.residents.length, drawn.populationSize, drawn.interval.toFixed(3), drawn.start, String(drawn.seed), o.out)}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
