import {
  SERVICE_UNIT_CLASS,
  type UnitActivityEvent,
  type UnitKind,
  chinaDay,
  reportCounts,
  reportedInTime,
  reportingLimitHours,
} from '@libs/records';
import type { UnitIndicatorDefinition, UnitMinimum } from '../catalog/indicator-definition';
import { type EventRef, knownBy } from '../model/event-ref';
import type { ActivityFact, LedgerModel } from '../model/ledger-model';
import type { Period } from './period';

/**
 * One place in a unit's figure: a slot of the plan's minimum (the March lecture, the second
 * board of March–April, the fifth consultation), a case found, or a report made. The figure is
 * counted slots / slots, and the lineage lists the slots: one rule gives both, so they agree.
 */
export interface UnitSlot {
  /** What the slot stands for, e.g. "2024-03 lecture 1". */
  label: string;
  counted: boolean;
  reason?: { en: string; zh: string };
  evidence: EventRef[];
}

/** A unit as the evaluation sees it: its kind and the day it opened. */
export interface ServiceUnit {
  unitId: string;
  kind: string;
  openedOn: string;
}

const KIND_NAMES: Record<string, { en: string; zh: string }> = {
  lecture: { en: 'lecture', zh: '健康知识讲座' },
  consultation: { en: 'consultation event', zh: '健康咨询活动' },
  board_renewal: { en: 'bulletin board renewal', zh: '宣传栏更换' },
  printed_material: { en: 'printed material', zh: '印刷资料' },
  video: { en: 'video', zh: '音像资料' },
};

/**
 * An activity's China day and instant, worked out once: every evaluation (each of a year's 36
 * checkpoints, every as-of date) asks them of every activity of every unit.
 */
interface When {
  day: string;
  at: number;
}
const WHEN = new WeakMap<ActivityFact, When>();
function whenOf(f: ActivityFact): When {
  let w = WHEN.get(f);
  if (!w) {
    const occurredAt = f.activity.data.occurredAt;
    w = { day: chinaDay(occurredAt), at: Date.parse(occurredAt) };
    WHEN.set(f, w);
  }
  return w;
}
const dayOf = (f: ActivityFact): string => whenOf(f).day;

/** The unit's activities of the period as known at asOf, by day then log position. */
export function activitiesIn(model: LedgerModel, unitId: string, period: Period): ActivityFact[] {
  const known = knownBy(period.asOf, period.asOfBasis);
  return (model.activities.get(unitId) ?? [])
    .filter((f) => {
      const day = dayOf(f);
      return day >= period.start && day <= period.day && known(f);
    })
    .sort((a, b) => whenOf(a).at - whenOf(b).at || a.ref.position - b.ref.position);
}

type Education = Extract<UnitActivityEvent, { type: 'HealthEducationActivityRecorded' }>;
type Case = Extract<UnitActivityEvent, { type: 'InfectiousDiseaseCaseRecorded' }>;

const education = (acts: ActivityFact[], kind: string) =>
  acts.filter(
    (f): f is ActivityFact & { activity: Education } =>
      f.activity.type === 'HealthEducationActivityRecorded' && f.activity.data.kind === kind,
  );

const cases = (acts: ActivityFact[]) =>
  acts.filter(
    (f): f is ActivityFact & { activity: Case } =>
      f.activity.type === 'InfectiousDiseaseCaseRecorded',
  );

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) =>
  `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;

/**
 * `count` slots filled by `items` in order: the first `count` count, anything beyond the
 * minimum is shown on the last slot (it does not raise the figure: a unit above its minimum
 * does not make up for one below it).
 */
function fill(
  label: (k: number) => string,
  count: number,
  items: EventRef[][],
  missing: (k: number) => { en: string; zh: string },
): UnitSlot[] {
  const slots: UnitSlot[] = [];
  for (let k = 0; k < count; k += 1) {
    const evidence = items[k] ?? [];
    const extra = k === count - 1 ? items.slice(count).flat() : [];
    slots.push(
      items[k]
        ? { label: label(k), counted: true, evidence: [...evidence, ...extra] }
        : { label: label(k), counted: false, reason: missing(k), evidence: [] },
    );
  }
  return slots;
}

/**
 * Activities due per block of months (a lecture a month; two boards every two months). A block
 * is due once it has ended (by the period's day) and the unit was open in it; the block under
 * way counts only once its minimum is met, so a month is never "behind" before it is over.
 */
function eachPeriod(
  def: UnitIndicatorDefinition,
  min: UnitMinimum,
  unit: ServiceUnit,
  acts: ActivityFact[],
  period: Period,
): UnitSlot[] {
  const kind = def.activity!;
  const name = KIND_NAMES[kind];
  const months = min.months ?? 12;
  const held = education(acts, kind);
  const slots: UnitSlot[] = [];
  for (let first = 1; first <= 12; first += months) {
    const last = first + months - 1;
    const start = `${period.year}-${pad(first)}-01`;
    const end = lastDayOf(period.year, last);
    if (start > period.day || end < unit.openedOn) continue;
    const name_ =
      months === 1 ? `${period.year}-${pad(first)}` : `${period.year}-${pad(first)}–${pad(last)}`;
    const inBlock = held
      .filter((f) => {
        const day = dayOf(f);
        return day >= start && day <= end;
      })
      .map((f) => [f.ref]);
    if (end > period.day && inBlock.length < min.count) continue;
    slots.push(
      ...fill(
        (k) => `${name_} ${name.en} ${k + 1}`,
        min.count,
        inBlock,
        (k) =>
          k === 0
            ? { en: `no ${name.en} in ${name_}`, zh: `${name_} 无${name.zh}` }
            : {
                en: `${k} of ${min.count} in ${name_}`,
                zh: `${name_} 仅 ${k} 次，应至少 ${min.count} 次`,
              },
      ),
    );
  }
  return slots;
}

/** Events in the year against the year's minimum (nine consultation events). */
function eventsInYear(def: UnitIndicatorDefinition, min: UnitMinimum, acts: ActivityFact[]) {
  const name = KIND_NAMES[def.activity!];
  const held = education(acts, def.activity!).map((f) => [f.ref]);
  return fill(
    (k) => `${name.en} ${k + 1}`,
    min.count,
    held,
    (k) => ({
      en: `${k} ${name.en}s of ${min.count} so far`,
      zh: `已开展 ${k} 次${name.zh}，应至少 ${min.count} 次`,
    }),
  );
}

/** Distinct titles in the year against the minimum (twelve kinds of printed material). */
function kindsInYear(def: UnitIndicatorDefinition, min: UnitMinimum, acts: ActivityFact[]) {
  const name = KIND_NAMES[def.activity!];
  const byTitle = new Map<string, EventRef[]>();
  for (const f of education(acts, def.activity!)) {
    const title = f.activity.data.title.trim();
    byTitle.set(title, [...(byTitle.get(title) ?? []), f.ref]);
  }
  return fill(
    (k) => `${name.en} kind ${k + 1}`,
    min.count,
    [...byTitle.values()],
    (k) => ({
      en: `${k} kinds of ${name.en} of ${min.count}`,
      zh: `${name.zh}仅 ${k} 种，应至少 ${min.count} 种`,
    }),
  );
}

/** Whether a case's report counts, and was in time: pure of the record, so judged once. */
const REPORTS = new WeakMap<ActivityFact, { counts: boolean; inTime: boolean }>();
function reportOf(f: ActivityFact & { activity: Case }) {
  let r = REPORTS.get(f);
  if (!r) {
    const times = { foundAt: f.activity.data.occurredAt, ...f.activity.data };
    const counts = reportCounts(times);
    r = { counts, inTime: counts && reportedInTime(times) };
    REPORTS.set(f, r);
  }
  return r;
}

function caseSlots(def: UnitIndicatorDefinition, acts: ActivityFact[]): UnitSlot[] {
  const slots: UnitSlot[] = [];
  for (const f of cases(acts)) {
    const d = f.activity.data;
    const report = reportOf(f);
    const label = `${d.recordId} ${d.disease} (${d.diseaseClass})`;
    if (def.rule === 'idr_reported') {
      const counted = report.counts;
      slots.push({
        label,
        counted,
        evidence: [f.ref],
        ...(counted
          ? {}
          : d.reportedAt === null
            ? { reason: { en: 'found, not reported', zh: '发现未报告' } }
            : {
                reason: {
                  en: `reported at ${d.reportedAt}, before it was found (a migrated record)`,
                  zh: `报告时间 ${d.reportedAt} 早于发现时间（迁移记录），不计为已报告`,
                },
              }),
      });
    } else if (report.counts) {
      const counted = report.inTime;
      const minutes = Math.round((Date.parse(d.reportedAt!) - Date.parse(d.occurredAt)) / 60_000);
      const after = `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
      const afterZh = `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分`;
      const limit = reportingLimitHours(d.diseaseClass, d.managedAsClassA);
      slots.push({
        label,
        counted,
        evidence: [f.ref],
        ...(counted
          ? {}
          : {
              reason: {
                en: `reported ${after} after it was found (limit ${limit} h)`,
                zh: `发现后 ${afterZh}报告（时限 ${limit} 小时）`,
              },
            }),
      });
    }
  }
  return slots;
}

/**
 * A unit's own slots for one unit-level indicator in a period, or undefined when the indicator
 * asks nothing of a unit of its kind (a station has no consultation minimum; a district holds
 * no activity of its own).
 */
export function unitSlots(
  def: UnitIndicatorDefinition,
  unit: ServiceUnit,
  acts: ActivityFact[],
  period: Period,
): UnitSlot[] | undefined {
  const unitClass = SERVICE_UNIT_CLASS[unit.kind as UnitKind];
  if (!unitClass) return undefined;
  const min = def.minimums?.[unitClass];
  switch (def.rule) {
    case 'edu_each_period':
      return min && eachPeriod(def, min, unit, acts, period);
    case 'edu_events_in_year':
      return min && eventsInYear(def, min, acts);
    case 'edu_kinds_in_year':
      return min && kindsInYear(def, min, acts);
    case 'idr_reported':
    case 'idr_in_time':
      return caseSlots(def, acts);
    case 'hsa_reports':
      return acts
        .filter((f) => f.activity.type === 'HealthSupervisionReportRecorded')
        .map((f) => ({
          label: `${f.activity.data.recordId} ${(f.activity.data as { kind: string }).kind}`,
          counted: true,
          evidence: [f.ref],
        }));
    default: {
      const unknown: never = def.rule;
      return unknown;
    }
  }
}

/** A figure from slots: counted / slots, or for a count the records and no denominator. */
export function figureOf(def: UnitIndicatorDefinition, slots: UnitSlot[]) {
  const counted = slots.filter((s) => s.counted).length;
  return def.denominator.kind === 'count'
    ? { numerator: counted, denominator: 0 }
    : { numerator: counted, denominator: slots.length };
}
