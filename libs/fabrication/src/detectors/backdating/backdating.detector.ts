/**
 * backdating — records entered long after the date they claim, clustered before a deadline or
 * after the year was sealed.
 *
 * The gap of a live record dated in the period is (China day it was entered) − (its corrected
 * date), in days. Entered means recordedAt, except for a migrated record: there it is the source
 * system's time (sourceRecordedAt), since the migration's own day says nothing about how the
 * record was entered, while back-dating inside the source system's times is still back-dating.
 * A record migrated without a source time has no known entry time and is passed by.
 *
 * Honest entry happens the same day, within a week, or in a catch-up batch at the end of the
 * record's own quarter (the quarterly deadline), Q4's spilling a few days into January. A record
 * is flagged when it is:
 *
 * - late: gap ≥ `minGapDays` and entered more than `graceDays` after the end of the quarter it
 *   is dated in;
 * - after a seal: dated in a year sealed (input.seals) for the resident's unit or an ancestor,
 *   and entered after the seal's sealedAt (the seal event joins the evidence);
 * - part of a deadline cluster: at least `clusterMin` records of one subject recorded within
 *   `clusterDays` days before a quarter's end, each dated in an earlier quarter and at least
 *   `clusterGapDays` days before it was entered.
 *
 * Subject: the doctor named on the record (kind 'doctor'); for a record without a doctor
 * (an enrolment may have none) the resident's unit (kind 'unit'). The ledger actor is not used:
 * a bulk import names one actor for a whole district. One alert per subject and period.
 * Evidence: the flagged records (with corrections), plus the seal events involved.
 * Score: the number of flagged records. Severity: high with any record after a seal or a deadline
 * cluster; otherwise medium at ≥ `mediumCount` records, else low.
 *
 * Parameters (defaults): `minGapDays` 60, `graceDays` 31, `clusterMin` 30, `clusterDays` 3,
 * `clusterGapDays` 30, `mediumCount` 10.
 */
import type { AlertDraft } from '../../alert';
import {
  evidenceOf,
  type DetectionInput,
  type Detector,
  type ServiceRecord,
  type SealMark,
  dayFromNumber,
  dayNumber,
  withDefaults,
} from '../../detection-input';

const DEFAULTS = {
  minGapDays: 60,
  graceDays: 31,
  clusterMin: 30,
  clusterDays: 3,
  clusterGapDays: 30,
  mediumCount: 10,
};
type Params = typeof DEFAULTS;

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];
const quarterIndex = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3);
const quarterEnd = (day: string) => `${day.slice(0, 4)}-${QUARTER_END[quarterIndex(day)]}`;

interface Flagged {
  records: Map<ServiceRecord, Set<'late' | 'seal' | 'cluster'>>;
  seals: Set<string>;
}

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const view = input.view;
  const seals = (input.seals ?? []).filter((s) => s.year === input.period);
  const lineage = new Map<string, string[]>();
  const ancestorsOf = (unitId: string): string[] => {
    let a = lineage.get(unitId);
    if (!a) {
      a = [];
      const seen = new Set<string>();
      for (let u: string | null | undefined = unitId; u && !seen.has(u); u = view.parents.get(u)) {
        seen.add(u);
        a.push(u);
      }
      lineage.set(unitId, a);
    }
    return a;
  };
  const sealFor = (r: ServiceRecord): SealMark | undefined => {
    if (seals.length === 0) return undefined;
    const unitId = view.residents.get(r.residentId)?.unitId;
    if (!unitId) return undefined;
    const chain = ancestorsOf(unitId);
    return seals.find((s) => chain.includes(s.unitId) && r.enteredAt! > s.sealedAt);
  };
  const subjectOf = (r: ServiceRecord): { kind: 'doctor' | 'unit'; id: string } | null => {
    if (r.doctorId) return { kind: 'doctor', id: r.doctorId };
    const unitId = view.residents.get(r.residentId)?.unitId;
    return unitId ? { kind: 'unit', id: unitId } : null;
  };

  const flagged = new Map<string, Flagged>();
  const flag = (r: ServiceRecord, why: 'late' | 'seal' | 'cluster', sealId?: string) => {
    const s = subjectOf(r);
    if (!s) return;
    const key = `${s.kind}:${s.id}`;
    let f = flagged.get(key);
    if (!f) flagged.set(key, (f = { records: new Map(), seals: new Set() }));
    const whys = f.records.get(r) ?? new Set();
    whys.add(why);
    f.records.set(r, whys);
    if (sealId) f.seals.add(sealId);
  };
  // subject → deadline day → candidate cluster members.
  const clusters = new Map<string, ServiceRecord[]>();
  // Day number → day number of the end of its quarter.
  const endNumber = new Map<number, number>();
  const endOf = (dayN: number) => {
    let n = endNumber.get(dayN);
    if (n === undefined) endNumber.set(dayN, (n = dayNumber(quarterEnd(dayFromNumber(dayN)))));
    return n;
  };
  for (const r of view.records) {
    if (r.voided || r.year !== input.period || r.enteredAt === null) continue;
    const entered = r.enteredN;
    const gap = entered - r.dayN;
    if (gap >= p.minGapDays && entered > endOf(r.dayN) + p.graceDays) flag(r, 'late');
    const seal = sealFor(r);
    if (seal) flag(r, 'seal', seal.eventId);
    const deadline = endOf(entered);
    if (
      gap >= p.clusterGapDays &&
      deadline - entered < p.clusterDays + 1 &&
      endOf(r.dayN) < deadline // dated in an earlier quarter
    ) {
      const s = subjectOf(r);
      if (s) {
        const key = `${s.kind}:${s.id}\u0000${deadline}`;
        const c = clusters.get(key);
        if (c) c.push(r);
        else clusters.set(key, [r]);
      }
    }
  }
  for (const members of clusters.values())
    if (members.length >= p.clusterMin) members.forEach((r) => flag(r, 'cluster'));

  const alerts: AlertDraft[] = [];
  for (const [key, f] of flagged) {
    const [kind, ...rest] = key.split(':');
    const id = rest.join(':');
    const list = [...f.records.entries()];
    const count = (w: 'late' | 'seal' | 'cluster') => list.filter(([, s]) => s.has(w)).length;
    const late = count('late');
    const afterSeal = count('seal');
    const cluster = count('cluster');
    const n = list.length;
    const maxGap = Math.max(...list.map(([r]) => r.enteredN - r.dayN));
    const zh: string[] = [];
    const en: string[] = [];
    if (late) {
      zh.push(`${late} 条在所属季度结束后补录（间隔 ≥ ${p.minGapDays} 天）`);
      en.push(`${late} entered after their quarter closed (gap ≥ ${p.minGapDays} days)`);
    }
    if (cluster) {
      zh.push(`${cluster} 条集中在季度截止前 ${p.clusterDays} 天内补录往季记录`);
      en.push(
        `${cluster} earlier-quarter records entered within ${p.clusterDays} days of a quarterly deadline`,
      );
    }
    if (afterSeal) {
      zh.push(`${afterSeal} 条在年度封存后录入`);
      en.push(`${afterSeal} entered after the year was sealed`);
    }
    alerts.push({
      detector: 'backdating',
      subject: { kind: kind as 'doctor' | 'unit', id },
      period: input.period,
      score: n,
      severity: afterSeal || cluster ? 'high' : n >= p.mediumCount ? 'medium' : 'low',
      explanation: {
        zh: `${n} 条记录疑似倒填日期：${zh.join('；')}；最长间隔 ${maxGap} 天`,
        en: `${n} records look back-dated: ${en.join('; ')}; longest gap ${maxGap} days`,
      },
      evidence: [...list.flatMap(([r]) => evidenceOf(r)), ...f.seals],
    });
  }
  return alerts;
}

export const backdatingDetector: Detector<Params> = {
  id: 'backdating',
  description: {
    zh: '录入时间远晚于发生日期的记录，尤其集中在季度截止前或年度封存后',
    en: "large entry − occurredAt gaps (recordedAt, or a migrated record's source time), especially clustered before a quarterly deadline or after a seal",
  },
  params: DEFAULTS,
  detect,
};
