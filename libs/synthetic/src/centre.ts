import { HOUR_MS } from './calendar';
import { type Condition, enrolmentDay, writeEnrolment, writeFollowUps } from './care';
import { writeCheckups } from './checkups';
import { type ContractPlan, planHouseholdContracts, writeContract } from './contracts';
import { writeChildHealth } from './child-health';
import { writeChildTcm } from './child-tcm';
import { writeFixes } from './fixes';
import { writeMentalHealth } from './mental-health';
import { writeTuberculosis } from './tuberculosis';
import { writeVaccination } from './vaccination';
import { ongoingChance, planBirths, writeMotherhood, writeOngoingPregnancy } from './maternal';
import { planHealthRecord, writeCheckupReview, writeHealthRecordOpening } from './health-records';
import { RECORDS_FROM } from './org';
import type { Person } from './population';
import { type CentreContext, type Story, emit } from './story';
import { VitalsModel } from './vitals-model';

const DESTINATIONS = [
  '经区',
  '高区',
  '文登区',
  '荣成市',
  '乳山市',
  '烟台市',
  '青岛市',
  '省外 / out of province',
];

/** Chance that a 65+ resident not already counted as a fully engaged patient has a checkup, so ~73% of 65+ do. */
export function elderlyCheckupChance(people: Person[]): number {
  const elderly = people.filter((p) => p.elderly);
  const engaged = elderly.filter(
    (p) => (p.hypertension || p.diabetes) && p.engagement === 'full',
  ).length;
  const rest = elderly.length - engaged;
  return rest === 0
    ? 0
    : Math.max(0.3, Math.min(0.95, (0.73 * elderly.length - 0.95 * engaged) / rest));
}

function fate(
  ctx: CentreContext,
  p: Person,
  regDay: number,
): { day: number; died: boolean } | null {
  const { rng } = ctx;
  const death = p.elderly ? (p.age >= 81 ? 0.08 : 0.03) : 0.0016;
  const move = p.elderly ? 0.004 : p.age >= 18 && p.age <= 45 ? 0.018 : 0.006;
  const r = rng.float();
  if (r >= death + move) return null;
  const day = rng.int(10, ctx.lastDay - 5);
  return day > regDay + 1 ? { day, died: r < death } : null;
}

/**
 * Everything that happens to one resident in the year, in the order the facts build on each
 * other: registration, death or move-out, enrolments, contract, checkups, follow-ups, fixes.
 */
export function writeResident(
  ctx: CentreContext,
  p: Person,
  migrationAt: number,
  contract: ContractPlan | undefined,
): Story {
  const { cal, rng, rec, prefix } = ctx;
  const recordsFrom = cal.dayOf(Number(RECORDS_FROM.slice(0, 4)), 0, 1);
  const newborn = p.birthDay >= 0;
  // A newborn is registered (建档) once home from hospital (the discharge is at most four days
  // after the birth, and the delivery that names the child is recorded by then), by the newborn
  // visit, and entered within the week: the child's visit and birth doses, recorded once the
  // child exists, would otherwise wait for a quarter-end batch and read as back-dated.
  const regDay = newborn
    ? p.birthDay + rng.int(5, 12)
    : rng.int(Math.max(p.birthDay, recordsFrom), -1);
  const regT = newborn
    ? Math.min(rec.after(regDay), cal.at(regDay + 7, 17 * HOUR_MS))
    : migrationAt;
  const end = fate(ctx, p, regDay);
  const s: Story = {
    p,
    regDay,
    regT,
    endDay: end ? end.day : Infinity,
    died: end?.died ?? false,
    fateT: null,
    vitals: new VitalsModel(rng, p),
    phase: rng.int(10, 75),
    records: [],
    nextMigrationT: regT,
  };
  const enrolDays = new Map<Condition, number>();
  for (const condition of ['hypertension', 'diabetes'] as const) {
    if (!p[condition]) continue;
    const day = enrolmentDay(ctx, s);
    if (day < s.endDay) enrolDays.set(condition, day);
  }
  const known = [...enrolDays].filter(([, day]) => day < 0).map(([c]) => c);
  const healthRecord = planHealthRecord(ctx, p, regDay);
  const registration = {
    type: 'RegisterResident',
    commandId: `${prefix}${p.id}-reg`,
    occurredAt: cal.date(regDay),
    residentId: p.id,
    birthDate: cal.date(p.birthDay),
    sex: p.sex,
    unitId: p.team.unitId,
    householdId: p.householdId,
    tags: [...known, ...p.tags],
    ...healthRecord.registration,
  };
  // A newborn's registration waits for the mother's delivery (writeResidents emits it).
  if (newborn) s.registration = { t: regT, command: registration };
  else emit(ctx, s, regT, registration);
  if (end) {
    const base = {
      commandId: `${prefix}${p.id}-${end.died ? 'death' : 'moved'}`,
      occurredAt: cal.date(end.day),
      residentId: p.id,
    };
    const command = end.died
      ? { type: 'RecordResidentDeath', ...base }
      : { type: 'RecordResidentMovedOut', ...base, destination: rng.pick(DESTINATIONS) };
    s.fateT = emit(ctx, s, rec.afterAll(rec.after(end.day), regT), command);
  }
  for (const [condition, day] of enrolDays) {
    const enrolT = writeEnrolment(ctx, s, condition, day);
    writeFollowUps(ctx, s, condition, day, enrolT);
  }
  if (contract) writeContract(ctx, s, contract);
  const checkup = writeCheckups(ctx, s);
  if (checkup) writeCheckupReview(ctx, s, healthRecord, checkup);
  writeHealthRecordOpening(ctx, s, healthRecord, healthRecord.rng.pick(p.team.doctorIds));
  writeMentalHealth(ctx, s);
  writeChildTcm(ctx, s);
  writeTuberculosis(ctx, s);
  writeChildHealth(ctx, s);
  writeVaccination(ctx, s);
  writeFixes(ctx, s);
  return s;
}

/** The residents of a centre, household by household, registered in the 1 January migration window. */
export function writeResidents(
  ctx: CentreContext,
  people: Person[],
  windowStart: number,
  windowMs: number,
): void {
  const step = Math.max(1, Math.floor(windowMs / Math.max(1, people.length)));
  const households = new Map<string, Person[]>();
  for (const p of people) {
    const members = households.get(p.householdId);
    if (members) members.push(p);
    else households.set(p.householdId, [p]);
  }
  const plans = new Map<Person, ContractPlan>();
  for (const members of households.values())
    for (const [p, plan] of planHouseholdContracts(ctx, members)) plans.set(p, plan);
  const stories = people.map((p, i) => writeResident(ctx, p, windowStart + i * step, plans.get(p)));
  writeMaternalCare(ctx, people, stories);
}

/**
 * After every resident's year: the mothers of the maternal year's births, pregnancies that
 * deliver next year, then the newborns' registrations naming mother and delivery.
 */
function writeMaternalCare(ctx: CentreContext, people: Person[], stories: Story[]): void {
  const storyOf = new Map(people.map((p, i) => [p, stories[i]]));
  const births = planBirths(ctx, people);
  const mothers = new Set<Person>();
  for (const [child, mother] of births)
    if (writeMotherhood(ctx, storyOf.get(mother)!, child, storyOf.get(child)!)) mothers.add(mother);
  const chance = ongoingChance(people, births.size);
  for (const s of stories) if (!mothers.has(s.p)) writeOngoingPregnancy(ctx, s, chance);
  for (const s of stories)
    if (s.registration) emit(ctx, s, s.registration.t, s.registration.command);
}
