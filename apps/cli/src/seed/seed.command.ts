import { createWriteStream, openSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ledgerCatalog } from '@libs/commands';
import { LedgerError, type StoreLocation, parseStoreLocation } from '@libs/ledger';
import {
  FIRST_SEED_YEAR,
  type GeneratedSeed,
  INJECT_PATTERNS,
  type Injection,
  SCALES,
  type Scale,
  generateSeed,
  latestSeedYear,
  parseInjection,
  seedCorrelationId,
} from '@libs/synthetic';
import { withStoreOption } from '../store-option';
import { type SeedReport, openSeedStore, seedDistrict } from '@libs/synthetic';
import { formatDuration, progressReporter } from './seed-progress';

/** Exit status when the generator produced commands the rules refused: a bug to fix, not data. */
export const EXIT_REFUSED = 1;

interface SeedOptions {
  scale: Scale;
  year: number;
  seed: number;
  emit?: string;
  emitSourceTimes?: boolean;
  store?: string;
  inject: Injection[];
  truth?: string;
}

const wholeNumber = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > 0xffff_ffff)
    throw new InvalidArgumentError('must be a whole number from 0 to 4294967295');
  return n;
};

/** The year must be over, late entries included, so no record is dated in the future. */
const pastYear = (value: string): number => {
  const year = wholeNumber(value);
  const latest = latestSeedYear(new Date());
  if (year < FIRST_SEED_YEAR)
    throw new InvalidArgumentError(`the seed starts in ${FIRST_SEED_YEAR}`);
  if (year > latest)
    throw new InvalidArgumentError(
      `${year} has not ended yet, counting its late entries up to 31 January ${year + 1}; the latest year possible today is ${latest}`,
    );
  return year;
};

const injection = (value: string, previous: Injection[]): Injection[] => {
  try {
    const next = parseInjection(value);
    return [...previous.filter((i) => i.pattern !== next.pattern), next];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

/** The planted ground truth goes beside the emitted file or the SQLite store unless --truth names it. */
function truthFile(o: SeedOptions, location?: StoreLocation): string {
  if (o.truth) return o.truth;
  if (o.emit) return `${o.emit}.truth.jsonl`;
  if (location?.kind === 'sqlite' && location.path !== ':memory:')
    return `${location.path}.truth.jsonl`;
  throw new SeedEmitError('--inject into this store needs --truth <file> for the planted cases');
}

function writeTruth(generated: Pick<GeneratedSeed, 'planted'>, file: string): void {
  try {
    writeFileSync(file, generated.planted.map((c) => `${JSON.stringify(c)}\n`).join(''));
  } catch (error) {
    throw new SeedEmitError(`cannot write ${file}: ${(error as Error).message}`);
  }
  const byPattern = new Map<string, number>();
  for (const c of generated.planted) byPattern.set(c.pattern, (byPattern.get(c.pattern) ?? 0) + 1);
  process.stdout.write(
    `seed: planted ${count(generated.planted.length)} case(s) (${[...byPattern].map(([p, n]) => `${p} ${n}`).join(', ') || 'none'}) written to ${file}\n`,
  );
}

const count = (n: number) => n.toLocaleString('en-US');
const describe = (o: SeedOptions) => `${o.scale}, year ${o.year}, seed ${o.seed}`;

/** The --emit file cannot be written. */
export class SeedEmitError extends LedgerError {
  readonly code = 'SEED_EMIT_FAILED';
}

function openForWriting(file: string): number {
  try {
    return openSync(file, 'w');
  } catch (error) {
    throw new SeedEmitError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

/**
 * The line with the moment the simulated clinic recorded it, as a migration file carries it:
 * appended to the JSON object as text, so a district year costs no parse and no re-stringify.
 */
const withSourceTime = (json: string, recordedAt: number): string =>
  `${json.slice(0, -1)},"sourceRecordedAt":"${new Date(recordedAt).toISOString()}"}`;

async function emitCommands(
  generated: GeneratedSeed,
  file: string,
  sourceTimes: boolean,
): Promise<void> {
  const out = createWriteStream(file, { fd: openForWriting(file) });
  let chunk: string[] = [];
  const flush = async () => {
    if (!out.write(chunk.join(''))) await once(out, 'drain');
    chunk = [];
  };
  for (const { json, recordedAt } of generated.commands()) {
    chunk.push(`${sourceTimes ? withSourceTime(json, recordedAt) : json}\n`);
    if (chunk.length >= 10_000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
}

function printReport(r: SeedReport, o: SeedOptions): void {
  for (const f of r.refusals)
    process.stderr.write(`seed: REFUSED ${f.type} ${f.commandId}: ${f.code}: ${f.message}\n`);
  if (r.refused > r.refusals.length)
    process.stderr.write(`seed: … and ${r.refused - r.refusals.length} more refusals\n`);
  process.stdout.write(
    `seed: ${count(r.commands)} commands, ${count(r.eventsAppended)} events appended, ${count(r.duplicates)} already present, ` +
      `${count(r.refused)} refused, ${count(Math.round(r.eventsPerSecond))} events/s, ` +
      `generated in ${formatDuration(r.generateMs)}, applied in ${formatDuration(r.applyMs)} (${describe(o)}; actor synthetic-seed, correlation ${seedCorrelationId(o)})\n`,
  );
}

export function seedCommand(): Command {
  return withStoreOption(new Command('seed'))
    .description(
      'write a synthetic year of Huancui district (2024 targets) through the command handler, marked actor synthetic-seed',
    )
    .addOption(
      new Option('--scale <scale>', 'small ≈ 4,800 residents (1%), district = 478,600')
        .choices(Object.keys(SCALES))
        .default('small'),
    )
    .option('--year <year>', 'the simulated year; it must be over', pastYear, 2024)
    .option(
      '--seed <n>',
      'random seed: the same seed gives the same commands, byte for byte',
      wholeNumber,
      1,
    )
    .option(
      '--emit <file>',
      'write the commands as NDJSON in recorded order instead of applying them',
    )
    .option(
      '--emit-source-times',
      'with --emit: each line carries sourceRecordedAt, the simulated recording time, for `import --migration`',
    )
    .option(
      '--inject <pattern[:rate]>',
      `plant a fabrication pattern in a fraction of its eligible subjects (repeatable): ${INJECT_PATTERNS.join(', ')}`,
      injection,
      [],
    )
    .option(
      '--truth <file>',
      'where the planted cases go, one JSON object a line (default: <emit file or SQLite store>.truth.jsonl)',
    )
    .action(async (o: SeedOptions) => {
      const injecting = o.inject.length > 0 || o.truth !== undefined;
      if (o.emitSourceTimes && !o.emit)
        throw new SeedEmitError('--emit-source-times needs --emit <file>');
      if (o.emit) {
        const started = performance.now();
        const generated = generateSeed(o);
        await emitCommands(generated, o.emit, o.emitSourceTimes === true);
        process.stdout.write(
          `seed: wrote ${count(generated.total)} commands to ${o.emit} in ${formatDuration(performance.now() - started)} (${describe(o)})\n`,
        );
        if (injecting) writeTruth(generated, truthFile(o));
        return;
      }
      const location = parseStoreLocation(o.store ?? process.env.LEDGER_STORE);
      const truth = injecting ? truthFile(o, location) : undefined;
      const { store, clock } = await openSeedStore(location);
      const progress = progressReporter();
      try {
        const report = await seedDistrict({
          store,
          clock,
          scale: o.scale,
          year: o.year,
          seed: o.seed,
          ...(injecting
            ? { inject: o.inject, catalog: ledgerCatalog({ store, clock: clock.now }) }
            : {}),
          onGenerated: (g) => {
            process.stderr.write(
              `seed: generated ${count(g.total)} commands for ${count(g.centres.reduce((n, c) => n + c.residents, 0))} residents (${describe(o)})\n`,
            );
            if (truth) writeTruth(g, truth);
          },
          onProgress: (p) => progress.update(p),
        });
        progress.stop();
        printReport(report, o);
        if (report.refused > 0) process.exitCode = EXIT_REFUSED;
      } finally {
        progress.stop();
        await store.close();
      }
    });
}
