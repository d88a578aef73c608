import type { YearCalendar } from './calendar';
import type { CommandLog, SeedCommand } from './command-log';
import type { Person } from './population';
import type { Random } from './random';
import type { Recorder } from './recorder';
import type { VitalsModel } from './vitals-model';

/** What every part of one centre's generation shares. */
export interface CentreContext {
  cal: YearCalendar;
  rng: Random;
  rec: Recorder;
  log: CommandLog;
  /** Prefix of every commandId, naming the seed run. */
  prefix: string;
  /** Last day of the year (364 or 365). */
  lastDay: number;
  /** Chance of an elderly checkup for a 65+ resident who is not a fully engaged patient. */
  elderlyCheckupChance: number;
}

/** A service record the seed may later correct or void. */
export interface ServiceRecord {
  recordId: string;
  recordedAt: number;
  command: SeedCommand;
}

/** One resident's year: the facts every later record must respect. */
export interface Story {
  p: Person;
  /** Day the health record was created (negative: before the year). */
  regDay: number;
  regT: number;
  /** Day of death or move-out; services only strictly before it. */
  endDay: number;
  /** Whether the end is a death (else a move-out), and when it was recorded. */
  died: boolean;
  fateT: number | null;
  vitals: VitalsModel;
  /** Preferred day within each quarter for follow-ups, so visits fall about 90 days apart. */
  phase: number;
  records: ServiceRecord[];
  /** Moments of the migration batch on 1 January still free for this resident's history. */
  nextMigrationT: number;
  /**
   * A newborn's registration, held back until the mother's delivery is written (it names her and
   * the delivery), then emitted at its own moment.
   */
  registration?: { t: number; command: SeedCommand };
}

export const MIGRATION_STEP_MS = 1_000;

/** Emits one command of the resident at `t`; service records are kept for corrections. */
export function emit(
  ctx: CentreContext,
  s: Story,
  t: number,
  command: SeedCommand,
  recordId?: string,
): number {
  ctx.log.push(t, command);
  if (recordId) s.records.push({ recordId, recordedAt: t, command });
  return t;
}

/** The next moment of the 1 January migration batch, for history recorded when the ledger started. */
export function migrationT(s: Story): number {
  s.nextMigrationT += MIGRATION_STEP_MS;
  return s.nextMigrationT;
}

/** Nudges a weekend day to the nearest weekday within [lo, hi] most of the time: clinics work weekdays. */
export function workday(
  cal: YearCalendar,
  rng: Random,
  day: number,
  lo: number,
  hi: number,
): number {
  const wd = cal.weekday(day);
  if ((wd !== 0 && wd !== 6) || !rng.chance(0.85)) return day;
  const options = wd === 6 ? [day - 1, day + 2] : [day + 1, day - 2];
  return options.find((d) => d >= lo && d <= hi) ?? day;
}

export const serviceDoctor = (ctx: CentreContext, p: Person) => ctx.rng.pick(p.team.doctorIds);
