import {
  LAST_DUE_AGE_YEARS,
  NIP_SCHEDULE,
  VACCINE_ROUTES,
  daysFrom,
  type ScheduledDose,
  doseKey,
  dueDays,
  earliestAfter,
  monthAgeDay,
} from '@libs/records';
import { ownStream } from './own-stream';
import type { Random } from './random';
import { type CentreContext, type Story, emit } from './story';

/**
 * Vaccination (预防接种) of the synthetic district's children. The Huancui plan asks a certificate
 * for 95% of children 0–6, 90% coverage of the doses due and complete dose records; the district
 * does a little better, as such districts report:
 * - 98.5% of children get their certificate (预防接种证) within a month of birth (or registration);
 * - children follow the 2021 schedule from their own stream: 93.5% come at each age within three
 *   weeks of it, 5% late (three weeks to five months), 1.5% stop after the birth doses;
 * - the doses due at one age are given at one visit, by a doctor of the child's team; 1.5% of
 *   the year's records lack the lot and manufacturer or the site;
 * - doses from before the year come with the 1 January batch; those given before the doctors of
 *   the district served (mid-year two years before) name no vaccinator, as copied from the
 *   certificate.
 * The birth doses (HepB 1, BCG) are given at the maternity hospital in life; here a doctor of the
 * team records them, since the ledger's doctors are the centres'.
 */
const CERTIFIED = 0.985;
const LATE = 0.05;
const STOPPED = 0.015;
const INCOMPLETE = 0.015;
const OLD_RECORD_INCOMPLETE = 0.1;
const MANUFACTURERS = ['北京生物', '长春生物', '武汉生物', '成都生物', '兰州生物', '上海生物'];
const HOUR = 3_600_000;

export function writeVaccination(ctx: CentreContext, s: Story): void {
  const p = s.p;
  if (p.age > LAST_DUE_AGE_YEARS || p.age < 0) return;
  const { cal, prefix, lastDay } = ctx;
  const rng = ownStream(prefix, p.id, 'vaccination');
  const first = cal.date(0);
  const birth = cal.date(p.birthDay);
  const doctorsServe = cal.dayOf(cal.year - 2, 6, 1);
  let historyT = s.regT + 20_000;
  /** History (before the year) in the 1 January batch, in order; the year's on its day. */
  const at = (day: number, order: number) =>
    day < 0
      ? (historyT += 100)
      : Math.max(cal.at(day, 9 * HOUR + rng.int(0, 7 * HOUR)), s.regT + 60_000 + order * 1000);
  const vaccinator = (day: number): { doctorId?: string } =>
    day >= doctorsServe ? { doctorId: rng.pick(p.team.doctorIds) } : {};
  if (rng.chance(CERTIFIED)) {
    const day = Math.max(p.birthDay + rng.int(7, 30), s.regDay >= 0 ? s.regDay : -Infinity);
    if (day < s.endDay && day <= lastDay) {
      const id = `${p.id}-vc`;
      emit(ctx, s, at(day, 0), {
        type: 'IssueVaccinationCertificate',
        commandId: `${prefix}${id}`,
        occurredAt: cal.date(day),
        residentId: p.id,
        recordId: id,
        ...vaccinator(day),
      });
    }
  }
  const r = rng.float();
  const habit = r < STOPPED ? 'stopped' : r < STOPPED + LATE ? 'late' : 'on_time';
  const visits = new Map<number, { day: number; doctor: { doctorId?: string } }>();
  const planned = new Map<string, { row: ScheduledDose; order: number; day: number }>();
  NIP_SCHEDULE.forEach((row, order) => {
    if (habit === 'stopped' && row.minAgeMonths > 0) return;
    const previous = row.after && planned.get(doseKey(row.after.vaccine, row.after.dose));
    if (row.after && !previous) return;
    let visit = visits.get(row.minAgeMonths);
    if (!visit) {
      const delay =
        row.minAgeMonths === 0 ? 0 : habit === 'late' ? rng.int(21, 150) : rng.int(0, 20);
      const day = daysFrom(first, monthAgeDay(birth, row.minAgeMonths)) + delay;
      visit = { day, doctor: vaccinator(day) };
      visits.set(row.minAgeMonths, visit);
    }
    const earliest = previous
      ? daysFrom(first, earliestAfter(cal.date(previous.day), row.after!))
      : -Infinity;
    const day = Math.max(visit.day, earliest);
    if (day > lastDay || day >= s.endDay) return;
    planned.set(doseKey(row.vaccine, row.dose), { row, order, day });
  });
  // Of the years before, only what this year's figures read: a dose due this year, and the
  // series before a dose of this year (a dose counts after a valid previous one). A district's
  // older children would otherwise bring twenty records each that no figure of the year reads.
  const needed = new Set<string>();
  const due = dueDays(birth);
  const need = (key: string | undefined) => {
    for (let k = key; k && !needed.has(k);) {
      needed.add(k);
      const after = planned.get(k)?.row.after;
      k = after ? doseKey(after.vaccine, after.dose) : undefined;
    }
  };
  for (const [key, d] of planned) if (d.day >= 0 || due[d.order] >= first) need(key);
  for (const [key, { row, order, day }] of planned) {
    if (!needed.has(key)) continue;
    const visit = visits.get(row.minAgeMonths)!;
    const id = `${p.id}-v-${row.vaccine}-${row.dose}`;
    emit(ctx, s, at(day, order + 1), {
      type: 'RecordVaccineDose',
      commandId: `${prefix}${id}`,
      occurredAt: cal.date(day),
      residentId: p.id,
      recordId: id,
      vaccine: row.vaccine,
      dose: row.dose,
      ...(day === visit.day ? visit.doctor : vaccinator(day)),
      ...details(rng, row.vaccine, day < 0 ? OLD_RECORD_INCOMPLETE : INCOMPLETE),
    });
  }
}

/** Lot, manufacturer and site, with a record now and then lacking some of them. */
function details(rng: Random, vaccine: string, incomplete: number) {
  const site =
    VACCINE_ROUTES[vaccine as keyof typeof VACCINE_ROUTES] === 'oral'
      ? 'oral'
      : rng.pick(['left_upper_arm', 'right_upper_arm']);
  const lot = {
    lotNumber: `${vaccine}-${rng.int(202001, 202412)}-${rng.int(1, 40)}`,
    manufacturer: rng.pick(MANUFACTURERS),
  };
  if (!rng.chance(incomplete)) return { ...lot, site };
  return rng.chance(0.7) ? { site } : lot;
}
