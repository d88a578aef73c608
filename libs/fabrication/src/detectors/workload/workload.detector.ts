/**
 * workload — more face-to-face work by one doctor in a day than is physically possible, or far
 * above that doctor's own baseline.
 *
 * A doctor-day's load is the number of distinct residents the doctor saw face to face that day
 * (checkup, TCM assessment, follow-up in clinic or at home; phone follow-ups excluded; a checkup
 * and a TCM assessment of one resident on one day are one encounter). Live records only, by their
 * corrected date. Two rules, one alert per doctor-day:
 *
 * 1. Capacity: load > `capacity` (default 60 residents a day — about 8 minutes each over a full
 *    working day, before travel and paperwork).
 * 2. Own baseline: modified z-score (Iglewicz & Hoaglin, as the WHO data quality review and
 *    DHIS2's outlier analysis use) of the day's load against the median and MAD of all the
 *    doctor's active days in the period, > `modZ`, when the doctor has at least
 *    `minHistoryDays` other active days. Because the
 *    MAD of a steady doctor is small, a day must also be at least `minRatio` × the doctor's median
 *    and at least `minLoad` residents: a genuinely busy day (twice the usual) is not an alert.
 *
 * Subject: the doctor. Evidence: the day's face-to-face records. Score: the day's load.
 * Severity: high when load > `capacity` × `highCapacityFactor` or modified z ≥ `highModZ`,
 * otherwise medium.
 *
 * Parameters (defaults): `capacity` 60, `modZ` 3.5, `minHistoryDays` 10, `minRatio` 3,
 * `minLoad` 20, `highCapacityFactor` 1.5, `highModZ` 7.
 */
import type { AlertDraft } from '../../alert';
import {
  type DetectionInput,
  type Detector,
  type ServiceRecord,
  fmt,
  isFaceToFace,
  ledgerView,
  modifiedZ,
  robustStats,
  withDefaults,
} from '../../detection-input';

const DEFAULTS = {
  capacity: 60,
  modZ: 3.5,
  minHistoryDays: 10,
  minRatio: 3,
  minLoad: 20,
  highCapacityFactor: 1.5,
  highModZ: 7,
};
type Params = typeof DEFAULTS;

interface DoctorDay {
  residents: Set<string>;
  records: ServiceRecord[];
}

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const view = ledgerView(input.events);
  const byDoctor = new Map<string, Map<string, DoctorDay>>();
  for (const r of view.records) {
    if (r.voided || !r.doctorId || !isFaceToFace(r) || r.year !== input.period) continue;
    let days = byDoctor.get(r.doctorId);
    if (!days) byDoctor.set(r.doctorId, (days = new Map()));
    let dd = days.get(r.day);
    if (!dd) days.set(r.day, (dd = { residents: new Set(), records: [] }));
    dd.residents.add(r.residentId);
    dd.records.push(r);
  }
  const alerts: AlertDraft[] = [];
  for (const [doctorId, days] of byDoctor) {
    const entries = [...days.entries()].map(([day, dd]) => ({ day, dd, load: dd.residents.size }));
    const loads = entries.map((x) => x.load);
    // Median and MAD over all the doctor's active days (robust: the day itself barely moves them).
    const enough = entries.length - 1 >= p.minHistoryDays;
    const stats = enough ? robustStats(loads) : null;
    const med = stats ? stats.median : NaN;
    for (const { day, dd, load } of entries) {
      const overCapacity = load > p.capacity;
      const z = stats && load >= p.minLoad ? modifiedZ(load, stats) : null;
      const aboveBaseline = z !== null && z > p.modZ && load >= p.minRatio * med;
      if (!overCapacity && !aboveBaseline) continue;
      const high = load > p.capacity * p.highCapacityFactor || (z !== null && z >= p.highModZ);
      const baseline =
        z === null
          ? null
          : {
              zh: `本人日常中位数 ${fmt(med)}，修正 z 值 ${fmt(z)}`,
              en: `own median ${fmt(med)}, modified z ${fmt(z)}`,
            };
      alerts.push({
        detector: 'workload',
        subject: { kind: 'doctor', id: doctorId },
        period: input.period,
        score: load,
        severity: high ? 'high' : 'medium',
        explanation: {
          zh: `${day} 当天面对面服务 ${load} 名居民${overCapacity ? `，超过每日上限 ${p.capacity}` : ''}${baseline ? `（${baseline.zh}）` : ''}`,
          en: `${load} residents served face to face on ${day}${overCapacity ? `, above the capacity of ${p.capacity} a day` : ''}${baseline ? ` (${baseline.en})` : ''}`,
        },
        evidence: dd.records.flatMap((r) => r.evidence),
      });
    }
  }
  return alerts;
}

export const workloadDetector: Detector<Params> = {
  id: 'workload',
  description: {
    zh: '医生单日面对面服务人数超过可能的上限，或远高于本人日常水平（修正 z 值）',
    en: "face-to-face services by one doctor in a day beyond capacity, or far above the doctor's own baseline (modified z-score)",
  },
  params: DEFAULTS,
  detect,
};
