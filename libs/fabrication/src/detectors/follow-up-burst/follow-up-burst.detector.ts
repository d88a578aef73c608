/**
 * follow-up-burst — a patient's "quarterly" follow-ups of one condition bunched together.
 *
 * Chronic-care follow-ups are due once a quarter; a controlled patient does not need three in
 * a week. Three patterns, per resident and condition, over live follow-ups dated in the period:
 *
 * 1. Dated burst: at least `minBurst` follow-ups dated within `windowDays` days (first to last).
 *    A follow-up dated within `recheckDays` after an uncontrolled reading at the previous one
 *    (hypertension: systolic ≥ 140 or diastolic ≥ 90; diabetes: fasting glucose ≥ 7.0 mmol/L) is
 *    the guideline's early recheck and does not count towards a burst.
 * 2. Same day: at least `sameDayMin` follow-ups of one condition dated on one day (not already
 *    part of a burst). An early recheck cannot be on the same day, so none is excused.
 * 3. Entered together: at least `enteredMin` follow-ups entered (China day) within
 *    `enteredWindowDays` days whose dates span at least `enteredSpanDays` days — a year's visits
 *    written up at one sitting. (Honest catch-up entry at a quarter's end covers one quarter, in
 *    which a patient rarely has that many follow-ups.) Entered is the ledger's recordedAt, or for
 *    a migrated record its source system's time: a migration brings a whole year in one run,
 *    and that run is not a sitting of the doctor's. Follow-ups migrated without a source time
 *    have no entry time and take no part in this pattern (1 and 2 still judge them).
 *
 * Subject: the resident. Evidence: the follow-ups of the burst (with corrections).
 * Score: the number of follow-ups in the burst.
 *
 * Parameters (defaults):
 * - `windowDays` 7, `minBurst` 3, `recheckDays` 14
 * - `sameDayMin` 2
 * - `enteredWindowDays` 3, `enteredMin` 4, `enteredSpanDays` 60
 * - `mediumCount` 3, `highCount` 4 — severity on the score (4: the year's quarterly set).
 */
import type { AlertDraft } from '../../alert';
import {
  evidenceOf,
  type Detector,
  type ServiceRecord,
  dayFromNumber,
  severityOf,
  vitalsOf,
  withDefaults,
} from '../../detection-input';

const DEFAULTS = {
  windowDays: 7,
  minBurst: 3,
  recheckDays: 14,
  sameDayMin: 2,
  enteredWindowDays: 3,
  enteredMin: 4,
  enteredSpanDays: 60,
  mediumCount: 3,
  highCount: 4,
};
type Params = typeof DEFAULTS;

const CONDITION_ZH: Record<string, string> = { hypertension: '高血压', diabetes: '糖尿病' };

function uncontrolled(r: ServiceRecord): boolean {
  const v = vitalsOf(r);
  if (r.condition === 'diabetes') return v.fastingGlucose !== undefined && v.fastingGlucose >= 7.0;
  return (v.systolic ?? 0) >= 140 || (v.diastolic ?? 0) >= 90;
}

function detect(input: Parameters<Detector['detect']>[0], params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const view = input.view;
  const groups = new Map<string, ServiceRecord[]>();
  for (const r of view.records) {
    if (r.type !== 'FollowUpRecorded' || r.voided || r.year !== input.period) continue;
    const key = `${r.residentId}\u0000${String(r.condition)}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const alerts: AlertDraft[] = [];
  const emit = (list: ServiceRecord[], kind: 'burst' | 'same-day' | 'entered') => {
    const first = list[0];
    const cond = String(first.condition);
    const from = list.reduce((m, r) => (r.day < m ? r.day : m), first.day);
    const to = list.reduce((m, r) => (r.day > m ? r.day : m), first.day);
    // Only the 'entered' text names it, and its members all have an entry time.
    const enteredNs = list.filter((r) => r.enteredAt !== null).map((r) => r.enteredN);
    const entered = enteredNs.length > 0 ? dayFromNumber(Math.max(...enteredNs)) : '';
    const n = list.length;
    const text = {
      burst: {
        zh: `${CONDITION_ZH[cond] ?? cond}随访 ${n} 次集中在 ${from} 至 ${to}（非血压/血糖未控制后的复查）`,
        en: `${n} ${cond} follow-ups dated ${from} to ${to} (not rechecks after an uncontrolled reading)`,
      },
      'same-day': {
        zh: `同一天（${from}）记录 ${n} 次${CONDITION_ZH[cond] ?? cond}随访`,
        en: `${n} ${cond} follow-ups dated on one day (${from})`,
      },
      entered: {
        zh: `${n} 次${CONDITION_ZH[cond] ?? cond}随访（日期 ${from} 至 ${to}）在几天内集中录入（至 ${entered}）`,
        en: `${n} ${cond} follow-ups dated ${from} to ${to} were entered within a few days (by ${entered})`,
      },
    }[kind];
    alerts.push({
      detector: 'follow-up-burst',
      subject: { kind: 'resident', id: first.residentId },
      period: input.period,
      score: n,
      severity: severityOf(n, p.mediumCount, p.highCount),
      explanation: text,
      evidence: list.flatMap(evidenceOf),
    });
  };

  for (const list of groups.values()) {
    if (list.length < Math.min(p.minBurst, p.sameDayMin, p.enteredMin)) continue;
    list.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const dn = list.map((r) => r.dayN);
    // An early recheck: within recheckDays after an uncontrolled reading on an earlier day.
    const excused = list.map((_, i) => {
      for (let k = i - 1; k >= 0 && dn[i] - dn[k] <= p.recheckDays; k--)
        if (dn[k] < dn[i] && uncontrolled(list[k])) return true;
      return false;
    });
    const used = new Set<number>();
    // 1. Dated bursts (greedy, left to right, non-overlapping).
    for (let i = 0; i < list.length; i++) {
      if (excused[i]) continue;
      let j = i;
      while (j + 1 < list.length && dn[j + 1] - dn[i] <= p.windowDays) j++;
      const members: number[] = [];
      for (let k = i; k <= j; k++) if (!excused[k]) members.push(k);
      if (members.length >= p.minBurst) {
        emit(
          members.map((k) => list[k]),
          'burst',
        );
        members.forEach((k) => used.add(k));
        i = j;
      }
    }
    // 2. Same day.
    for (let i = 0; i < list.length;) {
      let j = i;
      while (j + 1 < list.length && dn[j + 1] === dn[i]) j++;
      const members: number[] = [];
      for (let k = i; k <= j; k++) if (!used.has(k)) members.push(k);
      if (members.length >= p.sameDayMin) {
        emit(
          members.map((k) => list[k]),
          'same-day',
        );
        members.forEach((k) => used.add(k));
      }
      i = j + 1;
    }
    // 3. Entered together.
    const byEntry = list
      .map((r, k) => ({ r, k, e: r.enteredN }))
      .filter((x) => !used.has(x.k) && x.r.enteredAt !== null)
      .sort((a, b) => a.e - b.e);
    for (let i = 0; i < byEntry.length; i++) {
      let j = i;
      while (j + 1 < byEntry.length && byEntry[j + 1].e - byEntry[i].e <= p.enteredWindowDays) j++;
      const members = byEntry.slice(i, j + 1);
      const span =
        Math.max(...members.map((x) => dn[x.k])) - Math.min(...members.map((x) => dn[x.k]));
      if (members.length >= p.enteredMin && span >= p.enteredSpanDays) {
        emit(
          members.map((x) => x.r).sort((a, b) => (a.day < b.day ? -1 : 1)),
          'entered',
        );
        i = j;
      }
    }
  }
  return alerts;
}

export const followUpBurstDetector: Detector<Params> = {
  id: 'follow-up-burst',
  description: {
    zh: '同一患者同一病种的随访集中在几天内（或同一天），或全年随访在几天内集中录入',
    en: "one patient's follow-ups of one condition bunched within a few days (or on one day), or a year's follow-ups entered at one sitting",
  },
  params: DEFAULTS,
  detect,
};
