/**
 * impossible-sequence — records whose dates cannot be true together: a newborn visit before the
 * birth, a 42-day check before the delivery, a vaccine dose before its minimum age or interval,
 * a tuberculosis visit before the hospital's notification or after the treatment ended.
 *
 * The deciders refuse such a record at the door. A historical migration keeps it (the old system
 * had it, and dropping it would lose history) and the indicators do not count it; a correction
 * that moves a date can also make one. Either way the figures quietly leave it out, so a
 * supervisor is shown each one: it is a data error at best, and at worst a record written
 * without the visit (a date picked without looking at the child's birth).
 *
 * Subject: the resident (one alert per resident and period). Period: the records' days.
 * Evidence: every record out of sequence (with its corrections). Score: how many there are.
 * Severity: high from `highCount` records, otherwise medium.
 *
 * The records are judged by the indicators' own rules (sequenceFaultsOf), over the streams of the
 * residents who could hold one (detection-scan.ts: a sequenced record migrated or corrected).
 *
 * Parameters (defaults): `highCount` 3.
 */
import type { AlertDraft } from '../../alert';
import { type DetectionInput, type Detector, withDefaults } from '../../detection-input';

const DEFAULTS = { highCount: 3 };
type Params = typeof DEFAULTS;

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const alerts: AlertDraft[] = [];
  for (const { residentId, faults } of input.outOfSequence ?? []) {
    const inPeriod = faults.filter((f) => f.day.startsWith(`${input.period}-`));
    if (inPeriod.length === 0) continue;
    alerts.push({
      detector: 'impossible-sequence',
      subject: { kind: 'resident', id: residentId },
      period: input.period,
      score: inPeriod.length,
      severity: inPeriod.length >= p.highCount ? 'high' : 'medium',
      explanation: {
        zh: `${inPeriod.length} 条记录的日期先后不可能成立（未计入指标）：${inPeriod.map((f) => f.zh).join('；')}`,
        en: `${inPeriod.length} record(s) with dates that cannot be true together (not counted in the figures): ${inPeriod.map((f) => f.en).join('; ')}`,
      },
      evidence: [...new Set(inPeriod.flatMap((f) => f.eventIds))],
    });
  }
  return alerts;
}

export const impossibleSequenceDetector: Detector<Params> = {
  id: 'impossible-sequence',
  description: {
    zh: '日期先后不可能的记录（出生前的新生儿访视、分娩前的产后检查、早于最小月龄或间隔的接种、通知前的肺结核随访等）',
    en: 'Records with impossible dates (a newborn visit before the birth, a postpartum check before the delivery, a dose before its minimum age or interval, a tuberculosis visit before the notification)',
  },
  params: DEFAULTS,
  detect,
};
