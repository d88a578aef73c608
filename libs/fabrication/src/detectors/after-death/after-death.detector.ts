/**
 * after-death — services dated after the resident died.
 *
 * The deciders refuse a service dated after a recorded death, so what reaches the ledger is a
 * service accepted *before* the death was recorded (the death registered late, or the service
 * invented while the resident was already dead) — both need a supervisor's look. Every live
 * (not voided) record counts: checkup, TCM assessment, follow-up, contract signing, chronic-care
 * enrolment, with its corrected date. Services on the day of death itself are accepted.
 *
 * Subject: the resident (one alert per resident and period). Period: the services' occurredAt.
 * Evidence: the ResidentDied event and every offending record (with its corrections).
 * Score: the largest number of days a service is dated after the death.
 *
 * "Entered before the death was recorded" compares entry times: recordedAt, or for migrated
 * events the source system's time (a migration records the death and the services in one run).
 *
 * Parameters (defaults):
 * - `minDaysAfter` 1 — a service counts when dated at least this many days after the death.
 * - `mediumDays` 7, `highDays` 30 — severity: score ≥ highDays high, ≥ mediumDays medium, else low.
 */
import type { AlertDraft } from '../../alert';
import {
  evidenceOf,
  type DetectionInput,
  type Detector,
  type Mark,
  type ResidentFacts,
  dayNumber,
  severityOf,
  withDefaults,
} from '../../detection-input';

const DEFAULTS = { minDaysAfter: 1, mediumDays: 7, highDays: 30 };
export type AfterMarkParams = typeof DEFAULTS;

const WORDS = {
  died: { zh: '死亡', en: 'died', detector: 'after-death' as const },
  movedOut: { zh: '迁出', en: 'moved out', detector: 'after-move' as const },
};

/** Shared by after-death and after-move: services dated after a resident's death or move-out. */
export function servicesAfterMark(
  input: DetectionInput,
  which: 'died' | 'movedOut',
  params: AfterMarkParams,
): AlertDraft[] {
  const view = input.view;
  const words = WORDS[which];
  const offending = new Map<
    string,
    { facts: ResidentFacts; mark: Mark; days: number[]; ids: string[]; early: number }
  >();
  for (const r of view.records) {
    if (r.voided || r.year !== input.period) continue;
    const facts = view.residents.get(r.residentId);
    const mark = facts?.[which];
    if (!facts || !mark) continue;
    const after = r.dayN - dayNumber(mark.day);
    if (after < params.minDaysAfter) continue;
    let o = offending.get(r.residentId);
    if (!o) {
      o = { facts, mark, days: [], ids: [], early: 0 };
      offending.set(r.residentId, o);
    }
    o.days.push(after);
    o.ids.push(...evidenceOf(r));
    if (r.enteredAt !== null && mark.enteredAt !== null && r.enteredAt < mark.enteredAt)
      o.early += 1;
  }
  const alerts: AlertDraft[] = [];
  for (const [residentId, o] of offending) {
    const score = Math.max(...o.days);
    const n = o.days.length;
    alerts.push({
      detector: words.detector,
      subject: { kind: 'resident', id: residentId },
      period: input.period,
      score,
      severity: severityOf(score, params.mediumDays, params.highDays),
      explanation: {
        zh: `居民于 ${o.mark.day} ${words.zh}，其后仍有 ${n} 条服务记录（最晚晚 ${score} 天），其中 ${o.early} 条在${words.zh}登记之前录入`,
        en: `resident ${words.en} on ${o.mark.day} but has ${n} service record(s) dated later (up to ${score} days after), ${o.early} entered before the ${which === 'died' ? 'death' : 'move-out'} was recorded`,
      },
      evidence: [o.mark.eventId, ...o.ids],
    });
  }
  return alerts;
}

export const afterDeathDetector: Detector<AfterMarkParams> = {
  id: 'after-death',
  description: {
    zh: '居民死亡后仍有服务记录（包括死亡登记前已录入的）',
    en: 'services dated after the resident died (including ones accepted before the death was recorded)',
  },
  params: DEFAULTS,
  detect: (input, params) => servicesAfterMark(input, 'died', withDefaults(DEFAULTS, params)),
};
