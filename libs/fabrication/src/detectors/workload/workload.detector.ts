/**
 * workload — more face-to-face work by one doctor in a day than is physically possible, or far
 * above what the doctor and the doctor's colleagues did that day.
 *
 * A doctor-day's load is the number of distinct residents the doctor saw face to face that day
 * (checkup, TCM assessment, follow-up in clinic or at home; phone follow-ups excluded; a checkup
 * and a TCM assessment of one resident on one day are one encounter). Live records only, by their
 * corrected date. Rules, one alert per doctor-day:
 *
 * 1. Capacity: load > `capacity` (default 60 residents a day — about 8 minutes each over a full
 *    working day, before travel and paperwork).
 * 2. Home visits: residents visited at home > `homeVisitCapacity` (default 15). A home visit
 *    takes about 20 minutes plus the way there, so a day of 8 hours holds about 15 of them in a
 *    town, fewer in the countryside; clinic capacity would let a fabricated 40 home visits pass.
 * 3. Own baseline: modified z-score (Iglewicz & Hoaglin, as the WHO data quality review and
 *    DHIS2's outlier analysis use) of the day's load against the median and MAD of the doctor's
 *    active days in the period, > `modZ`, with at least `minHistoryDays` other active days, the
 *    day ≥ `minRatio` × the doctor's median and ≥ `minLoad` residents.
 * 4. Campaign days. Centres hold elderly checkup days (定期设立老年人体检日) and mass checkups: on
 *    such a day most doctors of a centre serve several times their usual number. A centre-day is
 *    a campaign when at least `campaignMinDoctors` of its doctors worked and at least
 *    `campaignShare` of them rose to `campaignRise` × their own median or more. On a campaign day
 *    rule 3 does not apply: the centre set the day's work, so the doctor is judged against the
 *    colleagues' loads that day instead, and flagged when the load is ≥ `colleagueRatio` (1.8) ×
 *    the colleagues' median load (and ≥ `minLoad` residents). Capacity rules 1 and 2 still apply.
 *
 * Subject: the doctor. Evidence: the day's face-to-face records (for rule 2, the home visits).
 * Score: the day's load. Severity: high when load > `capacity` × `highCapacityFactor`, home visits
 * > 2 × `homeVisitCapacity`, or modified z ≥ `highModZ`; otherwise medium.
 */
import type { AlertDraft } from '../../alert';
import {
  evidenceOf,
  type DetectionInput,
  type Detector,
  fmt,
  withDefaults,
  median,
  modifiedZ,
} from '../../detection-input';
import { type DoctorDay, type DoctorYear, doctorYears } from './doctor-days';

const DEFAULTS = {
  capacity: 60,
  homeVisitCapacity: 15,
  modZ: 3.5,
  minHistoryDays: 10,
  minRatio: 3,
  minLoad: 20,
  campaignMinDoctors: 3,
  campaignShare: 0.5,
  campaignRise: 2,
  colleagueRatio: 1.8,
  highCapacityFactor: 1.5,
  highModZ: 7,
};
type Params = typeof DEFAULTS;

interface Text {
  zh: string;
  en: string;
}

/** Each doctor of a centre on a day: the load, and its rise (load ÷ the doctor's own median). */
type CentreDay = Map<string, { load: number; rise: number }>;

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const view = input.view;
  const doctors = doctorYears(view, input.period, p.minHistoryDays);
  const centreDays = risesByCentreDay(doctors);
  const alerts: AlertDraft[] = [];
  for (const doctor of doctors) {
    for (const dd of doctor.days) {
      const alert = judge(doctor, dd, centreDays, p, input.period);
      if (alert) alerts.push(alert);
    }
  }
  return alerts;
}

function risesByCentreDay(doctors: DoctorYear[]): Map<string, CentreDay> {
  const out = new Map<string, CentreDay>();
  for (const d of doctors) {
    if (!d.centre || !d.baseline || d.baseline.median <= 0) continue;
    for (const dd of d.days) {
      const key = `${d.centre}|${dd.day}`;
      let day = out.get(key);
      if (!day) out.set(key, (day = new Map()));
      day.set(d.doctorId, {
        load: dd.residents.size,
        rise: dd.residents.size / d.baseline.median,
      });
    }
  }
  return out;
}

function judge(
  doctor: DoctorYear,
  dd: DoctorDay,
  centreDays: Map<string, CentreDay>,
  p: Params,
  period: number,
): AlertDraft | null {
  const load = dd.residents.size;
  const home = dd.homeVisits.size;
  const reasons: Text[] = [];
  let high = false;
  if (load > p.capacity) {
    reasons.push({
      zh: `超过每日上限 ${p.capacity}`,
      en: `above the capacity of ${p.capacity} a day`,
    });
    high ||= load > p.capacity * p.highCapacityFactor;
  }
  if (home > p.homeVisitCapacity) {
    reasons.push({
      zh: `其中入户 ${home} 人，超过一天路程所能容纳的 ${p.homeVisitCapacity} 次入户`,
      en: `${home} of them at home, above the ${p.homeVisitCapacity} home visits a day's travel allows`,
    });
    high ||= home > 2 * p.homeVisitCapacity;
  }
  const stats = doctor.baseline;
  const colleagues = doctor.centre ? centreDays.get(`${doctor.centre}|${dd.day}`) : undefined;
  const campaign = colleagues ? campaignOf(colleagues, doctor.doctorId, p) : null;
  if (stats && load >= p.minLoad) {
    if (campaign) {
      // On a campaign day the centre sets the day's work: colleagues' loads are the reference.
      if (load >= p.colleagueRatio * campaign.medianLoad)
        reasons.push({
          zh: `该中心当日为集中服务日（${campaign.rose}/${campaign.doctors} 名同事达本人日常 ${p.campaignRise} 倍以上，同事当日中位 ${fmt(campaign.medianLoad)} 人），而本人 ${load} 人，为同事的 ${fmt(load / campaign.medianLoad)} 倍`,
          en: `a campaign day at the centre (${campaign.rose} of ${campaign.doctors} colleagues at ${p.campaignRise}× their usual or more, colleagues' median ${fmt(campaign.medianLoad)} residents), yet this doctor ${load}, ${fmt(load / campaign.medianLoad)}× the colleagues`,
        });
    } else {
      const z = modifiedZ(load, stats);
      if (z !== null && z > p.modZ && load >= p.minRatio * stats.median) {
        reasons.push({
          zh: `本人日常中位数 ${fmt(stats.median)}，修正 z 值 ${fmt(z)}`,
          en: `own median ${fmt(stats.median)}, modified z ${fmt(z)}`,
        });
        high ||= z >= p.highModZ;
      }
    }
  }
  if (reasons.length === 0) return null;
  const onlyHome = reasons.length === 1 && home > p.homeVisitCapacity && load <= p.capacity;
  return {
    detector: 'workload',
    subject: { kind: 'doctor', id: doctor.doctorId },
    period,
    score: load,
    severity: high ? 'high' : 'medium',
    explanation: {
      zh: `${dd.day} 当天面对面服务 ${load} 名居民（${reasons.map((r) => r.zh).join('；')}）`,
      en: `${load} residents served face to face on ${dd.day} (${reasons.map((r) => r.en).join('; ')})`,
    },
    evidence: (onlyHome
      ? dd.records.filter((r) => dd.homeVisits.has(r.residentId) && r.type === 'FollowUpRecorded')
      : dd.records
    ).flatMap(evidenceOf),
  };
}

/** Whether the centre's day was a campaign, judged on the colleagues alone (not the doctor). */
function campaignOf(
  day: CentreDay,
  doctorId: string,
  p: Params,
): { doctors: number; rose: number; medianLoad: number } | null {
  const others = [...day].filter(([id]) => id !== doctorId).map(([, d]) => d);
  if (others.length < p.campaignMinDoctors) return null;
  const rose = others.filter((d) => d.rise >= p.campaignRise).length;
  if (rose < p.campaignShare * others.length) return null;
  return { doctors: others.length, rose, medianLoad: median(others.map((d) => d.load)) };
}

export const workloadDetector: Detector<Params> = {
  id: 'workload',
  description: {
    zh: '医生单日面对面服务人数或入户次数超过可能的上限，或远高于本人日常水平；集中服务日则与同中心同事当日相比',
    en: "face-to-face services or home visits by one doctor in a day beyond capacity, or far above the doctor's own baseline; on a centre's campaign day, against the colleagues' day",
  },
  params: DEFAULTS,
  detect,
};
