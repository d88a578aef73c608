import { HOUR_MS, YearCalendar } from './calendar';
import { CommandLog, type SortedCommands, type TimedCommand, mergeSorted } from './command-log';
import { elderlyCheckupChance, writeResidents } from './centre';
import {
  HUANCUI_DISTRICT,
  type Scale,
  SCALES,
  districtTotal,
  scaledRows,
  targetLines,
} from './huancui-2024';
import { planCentreOrg, registerDistrict } from './org';
import { planResidents } from './population';
import { Random } from './random';
import { Recorder } from './recorder';
import { writeUnitActivities } from './unit-activities';
import type { PlantedCase } from '@libs/fabrication/planted';
import { type CentreInput, type Injection, injectPatterns } from './inject';
import { type YearPlan, fundCommands, signingTask } from './demo-plan';

export interface SeedOptions {
  scale: Scale;
  year: number;
  /** Any whole number 0 … 2^32-1; the same seed gives byte-identical commands. */
  seed: number;
  /** Fabrication patterns to plant (`--inject`); none leaves the seed as it always was. */
  inject?: readonly Injection[];
  /** Signing tasks and funds for a demo (see YearPlan); none leaves the seed as it always was. */
  plan?: YearPlan;
}

export interface CentreSummary {
  unitId: string;
  name: string;
  residents: number;
  elderly: number;
  hypertensionPatients: number;
  diabetesPatients: number;
  commands: number;
}

export interface GeneratedSeed {
  options: SeedOptions;
  total: number;
  centres: CentreSummary[];
  /** The latest recordedAt any command may carry: 31 January after the year, 00:00 China time. */
  capMs: number;
  /** The ground truth of the planted patterns (empty without `inject`). */
  planted: PlantedCase[];
  /** The commands in recorded-time order; each call walks them again from the start. */
  commands(): Generator<TimedCommand>;
}

/** Who the seed's events say wrote them, and the correlation id that marks one seed run. */
export const SEED_ACTOR = 'synthetic-seed';
export const seedCorrelationId = (o: Pick<SeedOptions, 'seed' | 'scale'>) =>
  `seed-${o.seed}-${o.scale}`;
export const FIRST_SEED_YEAR = 2016;

/** 31 January of the next year, 00:00 China time: late entries for the year stop there. */
export const seedCapMs = (year: number) => Date.UTC(year + 1, 0, 31) - 8 * HOUR_MS;

/** The latest year whose seed lies wholly in the past at `now` (late entries included). */
export function latestSeedYear(now: Date): number {
  let year = now.getUTCFullYear();
  while (seedCapMs(year) > now.getTime()) year -= 1;
  return year;
}

export function assertSeedOptions(o: SeedOptions): void {
  if (!(o.scale in SCALES))
    throw new RangeError(
      `unknown scale ${JSON.stringify(o.scale)}; use ${Object.keys(SCALES).join(' or ')}`,
    );
  if (!Number.isInteger(o.year) || o.year < FIRST_SEED_YEAR || o.year > 2100)
    throw new RangeError(`year must be a whole number from ${FIRST_SEED_YEAR}`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffff_ffff)
    throw new RangeError('seed must be a whole number from 0 to 4294967295');
}

/**
 * Huancui district for one year at a scale, as the commands its clinics would have sent: org
 * units, doctors and targets first, then every resident's registration, contracts, checkups,
 * follow-ups, deaths and fixes, each with the moment the ledger learns of it. Pure: no clock,
 * no I/O; the same options give the same commands.
 */
export function generateSeed(options: SeedOptions): GeneratedSeed {
  assertSeedOptions(options);
  const { year, seed, scale } = options;
  const cal = new YearCalendar(year);
  const capMs = seedCapMs(year);
  const root = Random.seeded(seed);
  const prefix = `seed${seed}-`;
  const rows = scaledRows(scale);
  const districtId = HUANCUI_DISTRICT.unitId;
  const orgCommands = [registerDistrict(districtId, HUANCUI_DISTRICT.name, prefix)];
  const parts: SortedCommands[] = [];
  const centres: CentreSummary[] = [];
  const injecting = (options.inject?.length ?? 0) > 0;
  const inputs: CentreInput[] = [];
  // The ledger starts on 1 January: org setup from 08:00 China time (00:00 UTC, so both calendars agree),
  // then the residents' records migrated 09:00–21:00.
  const population = rows.reduce((n, r) => n + r.population, 0);
  let windowStart = cal.at(0, 9 * HOUR_MS);
  rows.forEach((row, i) => {
    const rng = root.fork(i);
    const log = new CommandLog();
    const org = planCentreOrg(row, districtId, cal, rng, prefix);
    orgCommands.push(...org.commands);
    const people = planResidents(row, org.centreId, org.teams, cal, rng);
    const ctx = {
      cal,
      rng,
      rec: new Recorder(cal, rng, capMs),
      log,
      prefix,
      lastDay: cal.length - 1,
      elderlyCheckupChance: elderlyCheckupChance(people),
    };
    const windowMs = Math.floor((12 * HOUR_MS * row.population) / population);
    writeResidents(ctx, people, windowStart, windowMs);
    writeUnitActivities(ctx, org, people.length);
    windowStart += windowMs;
    parts.push(log.sorted());
    if (injecting)
      inputs.push({
        unitId: org.centreId,
        teams: org.teams,
        people,
        elderly: people.filter((p) => p.elderly).length,
      });
    centres.push({
      unitId: org.centreId,
      name: row.name,
      residents: people.length,
      elderly: people.filter((p) => p.elderly).length,
      hypertensionPatients: people.filter((p) => p.hypertension).length,
      diabetesPatients: people.filter((p) => p.diabetes).length,
      commands: log.size,
    });
  });

  let planted: PlantedCase[] = [];
  if (injecting) {
    const injected = injectPatterns(options.inject!, { seed, cal, capMs, prefix }, inputs, parts);
    injected.parts.forEach((p, i) => {
      parts[i] = p;
      centres[i].commands = p.times.length;
    });
    parts.push(injected.extra);
    planted = injected.planted;
  }

  const setup = new CommandLog();
  const spacing = Math.floor(HOUR_MS / orgCommands.length);
  orgCommands.forEach((c, i) => setup.push(cal.at(0, 8 * HOUR_MS) + i * spacing, c));
  const issued = cal.date(9);
  const plan = options.plan;
  const signing = (n: number) => (plan ? [{ indicator: 'signing', count: n }] : []);
  const tasks = rows.map((r) => (plan ? signingTask(r, plan.signingShare) : 0));
  const sheets = rows.map((r, i) => ({
    unitId: centres[i].unitId,
    lines: [...targetLines(r), ...signing(tasks[i])],
  }));
  sheets.push({
    unitId: districtId,
    lines: [...targetLines(districtTotal(rows)), ...signing(tasks.reduce((a, b) => a + b, 0))],
  });
  sheets.forEach((s, i) =>
    setup.push(cal.at(9, 10 * HOUR_MS) + i * 60_000, {
      type: 'AssignTargets',
      commandId: `${prefix}targets-${s.unitId}-${year}`,
      occurredAt: issued,
      unitId: s.unitId,
      year,
      targets: s.lines,
    }),
  );
  if (plan?.funds) {
    const payees = rows.map((r, i) => ({ unitId: centres[i].unitId, population: r.population }));
    for (const f of fundCommands(cal, prefix, districtId, payees))
      setup.push(f.recordedAt, f.command);
  }
  parts.unshift(setup.sorted());

  for (const part of parts) {
    if (part.times.length > 0 && part.times[part.times.length - 1] > capMs)
      throw new Error('seed generator: a command is recorded after the cut-off');
  }
  const total = parts.reduce((n, p) => n + p.times.length, 0);
  return { options, total, centres, capMs, planted, commands: () => mergeSorted(parts) };
}
