import type { Person } from './population';
import { ownStream } from './own-stream';
import type { Random } from './random';
import { type CentreContext, type Story, emit } from './story';

/**
 * Health records (居民健康档案) of the synthetic district. Rates after the Shangdang 2023
 * bulletin (313,503 e-records for 319,333 residents, 209,937 standardised) and the Huancui plan
 * (standardised ≥ 90% of e-records, coverage ≥ 64%, in use ≥ 60%):
 * - 97% of residents come with a record (newborns: opened at registration), 99% of those
 *   electronic; 80% of the records were complete when the system before was left;
 * - an elderly annual checkup is also the record's review four times in five (its examination
 *   form is the checkup's), finding nothing missing nine times in ten;
 * - half of those without a record have one opened during the year.
 *
 * These draws come from each resident's own stream (seeded by the run and the resident's id),
 * not from the centre's: the rest of the district — who is served when, by whom, what is planted
 * — is the same with health records as without.
 */
const HAS_RECORD = 0.97;
const ELECTRONIC = 0.99;
const COMPLETE_WHEN_REGISTERED = 0.8;
const REVIEWED_AT_CHECKUP = 0.8;
const NOTHING_MISSING = 0.9;
const OPENED_IN_YEAR = 0.5;
const MISSING_PARTS = ['health_examination', 'basic_information', 'service_records'];

export interface HealthRecordPlan {
  /** Fields of RegisterResident: the record the resident comes with, if any. */
  registration: Record<string, unknown>;
  /** Day (of the year) a record is opened during the year, if one is. */
  openDay: number | null;
  rng: Random;
}

/** What a resident's registration says of their record, and whether one is opened later. */
export function planHealthRecord(ctx: CentreContext, p: Person, regDay: number): HealthRecordPlan {
  const rng = ownStream(ctx.prefix, p.id, '');
  const newborn = p.birthDay >= 0;
  if (newborn || rng.chance(HAS_RECORD)) {
    return {
      registration: {
        healthRecord: rng.chance(ELECTRONIC) ? 'electronic' : 'paper',
        healthRecordComplete: rng.chance(COMPLETE_WHEN_REGISTERED),
        healthRecordOpenedOn: ctx.cal.date(
          newborn ? regDay : Math.max(p.birthDay, regDay - rng.int(0, 3000)),
        ),
      },
      openDay: null,
      rng,
    };
  }
  const openDay = rng.chance(OPENED_IN_YEAR) ? Math.max(0, regDay + 1) + rng.int(0, 300) : null;
  return { registration: {}, openDay, rng };
}

/** The opening during the year, by the resident's team, recorded the evening of the day. */
export function writeHealthRecordOpening(
  ctx: CentreContext,
  s: Story,
  plan: HealthRecordPlan,
  doctorId: string,
): void {
  const day = plan.openDay;
  if (day === null || day >= s.endDay || day > ctx.lastDay) return;
  const t = Math.max(ctx.cal.at(day, 17 * 3_600_000 + plan.rng.int(0, 3_600_000)), s.regT + 60_000);
  emit(ctx, s, t, {
    type: 'OpenHealthRecord',
    commandId: `${ctx.prefix}${s.p.id}-ehr`,
    occurredAt: ctx.cal.date(day),
    residentId: s.p.id,
    recordId: `${s.p.id}-ehr`,
    doctorId,
    form: 'electronic',
    complete: plan.rng.chance(NOTHING_MISSING),
  });
}

/** The review made with an elderly checkup: same day, same doctor, recorded just after it. */
export function writeCheckupReview(
  ctx: CentreContext,
  s: Story,
  plan: HealthRecordPlan,
  checkup: { day: number; recordedAt: number; doctorId: string },
): void {
  if (!plan.registration.healthRecord || !plan.rng.chance(REVIEWED_AT_CHECKUP)) return;
  const missing = plan.rng.chance(NOTHING_MISSING) ? [] : [plan.rng.pick(MISSING_PARTS)];
  emit(ctx, s, checkup.recordedAt + 120_000, {
    type: 'ReviewHealthRecord',
    commandId: `${ctx.prefix}${s.p.id}-ehr-rev`,
    occurredAt: ctx.cal.date(checkup.day),
    residentId: s.p.id,
    recordId: `${s.p.id}-ehr-rev`,
    doctorId: checkup.doctorId,
    missing,
    form: 'electronic',
  });
}
