import type { RecordedEvent } from '@libs/ledger';
import { chinaDay } from '@libs/records/rules/dates';
import type { AlertDraft, DetectorId } from './alert';

/**
 * One aggregate-report claim that says more than the ledger shows, computed by the caller from
 * reconciliation (libs/audit reconcile: a line with `overClaim: true`).
 */
export interface OverClaim {
  /** The AggregateReportSubmitted event: the subject and the evidence of the alert. */
  reportEventId: string;
  unitId: string;
  indicator: string;
  claimed: { numerator: number; denominator: number };
  ledger: { numerator: number; denominator: number };
  /** Claimed minus ledger, as reconciliation reports it (ReconciliationLine.gap). */
  gap: { numerator: number; rate: number | null };
}

/** A seal of one unit's year (libs/audit): records of that year recorded later are late. */
export interface SealMark {
  year: number;
  unitId: string;
  sealedAt: string;
  eventId: string;
}

export interface DetectionInput {
  /** The evaluation year: only records whose occurredAt (China day) falls in it raise alerts. */
  period: number;
  /** The whole log in position order. */
  events: readonly RecordedEvent[];
  overClaims?: OverClaim[];
  seals?: SealMark[];
}

export type DetectorParams = Record<string, number>;

export interface Detector<P extends DetectorParams = DetectorParams> {
  id: DetectorId;
  description: { zh: string; en: string };
  /** The defaults, documented in the module's header comment. */
  params: P;
  detect(input: DetectionInput, params?: Partial<P>): AlertDraft[];
}

// ---------------------------------------------------------------------------------------------
// Shared reading of the log (one pass, cached per events array so ten detectors share it).

export const SERVICE_TYPES = [
  'CheckupRecorded',
  'TcmAssessmentRecorded',
  'FollowUpRecorded',
  'ContractSigned',
  'ChronicCareEnrolled',
] as const;
const SERVICE_TYPE_SET = new Set<string>(SERVICE_TYPES);

/** One service record as it stands after its corrections (voided ones are kept, flagged). */
export interface ServiceRecord {
  recordId: string;
  residentId: string;
  type: string;
  doctorId: string | null;
  /** China day of the (corrected) occurredAt, and as a day number (days since 1970-01-01). */
  day: string;
  dayN: number;
  /** The year of `day`: compare with DetectionInput.period. */
  year: number;
  /** Ledger time of the creating event. */
  recordedAt: string;
  /** A migrated record's recording time in its source system (the envelope's sourceRecordedAt). */
  sourceRecordedAt: string | null;
  /**
   * When the record was entered: the source system's time for a migrated record, the ledger's
   * otherwise. Null for a record migrated without a source time: its recordedAt is only the day
   * of the migration, which says nothing about how it was entered (see enteredAtOf).
   */
  enteredAt: string | null;
  /** The China day of enteredAt as a day number; NaN when enteredAt is null. */
  enteredN: number;
  actor: string;
  /** The creating event. */
  eventId: string;
  /** The creating event and its corrections. */
  evidence: string[];
  fields: Record<string, unknown>;
  voided: boolean;
  /** Filled by vitalsOf on first use. */
  vitals?: Readings;
}

export interface Readings {
  systolic?: number;
  diastolic?: number;
  fastingGlucose?: number;
  weightKg?: number;
}

export interface Mark {
  day: string;
  eventId: string;
  recordedAt: string;
  /** As ServiceRecord.enteredAt. */
  enteredAt: string | null;
}

export interface ResidentFacts {
  residentId: string;
  unitId: string | null;
  died: Mark | null;
  movedOut: Mark | null;
}

export interface LedgerView {
  /** In log order of their creating events. */
  records: ServiceRecord[];
  residents: Map<string, ResidentFacts>;
  /** unitId → parentId (latest known). */
  parents: Map<string, string | null>;
  /** The latest occurredAt day in the log (or '' for an empty log). */
  lastDay: string;
}

const views = new WeakMap<readonly RecordedEvent[], LedgerView>();

/**
 * When an event's record was entered, for the detectors that judge entry times (back-dating,
 * bursts of entry, a death registered late). A migrated record was entered when its source
 * system says; the ledger's recordedAt is the migration's own day, and judging by it would make
 * every migrated record look back-dated and every patient's year look entered at one sitting.
 * Migrated events are those carrying a source time, or the migration's correlation id (its
 * stream, named by a MigrationStarted earlier in the log): the latter without a source time have
 * no known entry time (null), and the entry-time checks pass them by.
 */
export function enteredAtOf(e: RecordedEvent, migrations: ReadonlySet<string>): string | null {
  if (e.sourceRecordedAt !== undefined) return e.sourceRecordedAt;
  if (e.correlationId !== null && migrations.has(e.correlationId)) return null;
  return e.recordedAt;
}

function factsOf(residents: Map<string, ResidentFacts>, residentId: string): ResidentFacts {
  let f = residents.get(residentId);
  if (!f) {
    f = { residentId, unitId: null, died: null, movedOut: null };
    residents.set(residentId, f);
  }
  return f;
}

/** Reads the log once: service records with corrections and voids applied, residents, units. */
export function ledgerView(events: readonly RecordedEvent[]): LedgerView {
  const cached = views.get(events);
  if (cached) return cached;
  const records: ServiceRecord[] = [];
  const byKey = new Map<string, ServiceRecord>();
  const residents = new Map<string, ResidentFacts>();
  const parents = new Map<string, string | null>();
  const migrations = new Set<string>();
  let lastDay = '';
  for (const e of events) {
    const d = e.data as Record<string, unknown>;
    const type = e.type;
    if (SERVICE_TYPE_SET.has(type)) {
      const enteredAt = enteredAtOf(e, migrations);
      const residentId = d.residentId as string;
      const recordId = (d.recordId ?? d.contractId) as string;
      const day = fastChinaDay(e.occurredAt);
      if (day > lastDay) lastDay = day;
      const r: ServiceRecord = {
        recordId,
        residentId,
        type,
        doctorId: (d.doctorId as string | null | undefined) ?? null,
        day,
        dayN: dayNumber(day),
        year: Number(day.slice(0, 4)),
        recordedAt: e.recordedAt,
        sourceRecordedAt: e.sourceRecordedAt ?? null,
        enteredAt,
        enteredN: enteredAt === null ? NaN : chinaDayNumber(enteredAt),
        actor: e.actor,
        eventId: e.eventId,
        evidence: [e.eventId],
        fields: d,
        voided: false,
        // Declared up front so every record keeps one hidden class (a hot loop stays monomorphic).
        vitals: undefined,
      };
      records.push(r);
      byKey.set(`${residentId}/${recordId}`, r);
    } else if (type === 'RecordCorrected') {
      const r = byKey.get(`${d.residentId as string}/${d.recordId as string}`);
      if (r) {
        const changes = d.changes as Record<string, unknown>;
        r.fields = { ...r.fields, ...changes };
        if (typeof changes.occurredAt === 'string') {
          r.day = chinaDay(changes.occurredAt);
          r.dayN = dayNumber(r.day);
          r.year = Number(r.day.slice(0, 4));
        }
        r.evidence.push(e.eventId);
      }
    } else if (type === 'RecordVoided') {
      const r = byKey.get(`${d.residentId as string}/${d.recordId as string}`);
      if (r) r.voided = true;
    } else if (type === 'ResidentRegistered') {
      factsOf(residents, d.residentId as string).unitId = d.unitId as string;
    } else if (type === 'ResidentReassigned') {
      factsOf(residents, d.residentId as string).unitId = d.toUnitId as string;
    } else if (type === 'ResidentDied' || type === 'ResidentMovedOut') {
      const mark = {
        day: fastChinaDay(e.occurredAt),
        eventId: e.eventId,
        recordedAt: e.recordedAt,
        enteredAt: enteredAtOf(e, migrations),
      };
      const f = factsOf(residents, d.residentId as string);
      if (type === 'ResidentDied') f.died = mark;
      else f.movedOut = mark;
    } else if (type === 'OrgUnitRegistered' || type === 'OrgUnitMoved') {
      parents.set(d.unitId as string, (d.parentId as string | null | undefined) ?? null);
    } else if (type === 'MigrationStarted') {
      migrations.add(e.streamId);
    }
  }
  const view = { records, residents, parents, lastDay };
  views.set(events, view);
  return view;
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

export const inPeriod = (day: string, period: number): boolean =>
  day.length >= 4 && Number(day.slice(0, 4)) === period;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const dayNumbers = new Map<string, number>();
/** Days since 1970-01-01 of a YYYY-MM-DD day (memoised: a log has a few thousand distinct days). */
export function dayNumber(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Date.parse(`${day}T00:00:00Z`) / DAY_MS;
    if (dayNumbers.size < 100_000) dayNumbers.set(day, n);
  }
  return n;
}
/** The China day (UTC+8) of an ISO date or instant, as a day number. */
export function chinaDayNumber(iso: string): number {
  if (iso.length === 10) return dayNumber(iso);
  return Math.floor((Date.parse(iso) + CHINA_OFFSET_MS) / DAY_MS);
}
const dayStrings = new Map<number, string>();
/** chinaDay without building a Date for plain dates. */
function fastChinaDay(iso: string): string {
  if (iso.length === 10) return iso;
  const n = chinaDayNumber(iso);
  let s = dayStrings.get(n);
  if (s === undefined) dayStrings.set(n, (s = dayFromNumber(n)));
  return s;
}
export const dayFromNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** `medium` and `high` are the score thresholds (score ≥ threshold). */
export function severityOf(score: number, medium: number, high: number): AlertDraft['severity'] {
  return score >= high ? 'high' : score >= medium ? 'medium' : 'low';
}

export const withDefaults = <P extends DetectorParams>(defaults: P, params?: Partial<P>): P =>
  ({ ...defaults, ...(params ?? {}) }) as P;

/** Readings as numbers (or undefined), wherever the record type keeps them. */
export function vitalsOf(r: ServiceRecord): Readings {
  if (r.vitals) return r.vitals;
  const src =
    r.type === 'CheckupRecorded'
      ? ((r.fields.vitals as Record<string, unknown> | undefined) ?? {})
      : r.fields;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  r.vitals = {
    systolic: num(src.systolic),
    diastolic: num(src.diastolic),
    fastingGlucose: num(src.fastingGlucose),
    weightKg: num(src.weightKg),
  };
  return r.vitals;
}

/** Face-to-face: checkups, TCM assessments, follow-ups in clinic or at home (not by phone). */
export const isFaceToFace = (r: ServiceRecord): boolean =>
  r.type === 'CheckupRecorded' ||
  r.type === 'TcmAssessmentRecorded' ||
  (r.type === 'FollowUpRecorded' && r.fields.mode !== 'phone');

/** A service delivered to the resident (not a contract or an enrolment). */
export const isService = (r: ServiceRecord): boolean =>
  r.type === 'CheckupRecorded' ||
  r.type === 'TcmAssessmentRecorded' ||
  r.type === 'FollowUpRecorded';

// ---------------------------------------------------------------------------------------------
// Statistics.

/** ln Γ(x), Lanczos approximation (g = 7, n = 9). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(a, x) (Numerical Recipes: series / continued fraction). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPre = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPre));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(lnPre) * h;
}

/** P(χ² ≥ x) with `df` degrees of freedom. */
export const chiSquareP = (x: number, df: number): number => gammaQ(df / 2, x / 2);

/** P(X ≥ k) for X ~ Poisson(λ): the regularised lower gamma P(k, λ) = 1 − Q(k, λ). */
export const poissonUpperP = (k: number, lambda: number): number =>
  k <= 0 ? 1 : lambda <= 0 ? 0 : 1 - gammaQ(k, lambda);

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space. */
export function binomialUpperP(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const lnC = (m: number) => logGamma(n + 1) - logGamma(m + 1) - logGamma(n - m + 1);
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let total = 0;
  for (let m = k; m <= n; m++) {
    const term = Math.exp(lnC(m) + m * Math.log(p) + (n - m) * Math.log(1 - p));
    total += term;
    // Past the mode the terms only shrink; stop when they no longer matter.
    if (m > n * p && term < total * 1e-16) break;
  }
  return Math.min(1, total);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface RobustStats {
  median: number;
  mad: number;
  meanAd: number;
}

export function robustStats(values: readonly number[]): RobustStats {
  const med = median(values);
  const mad = median(values.map((v) => Math.abs(v - med)));
  const meanAd = values.reduce((s, v) => s + Math.abs(v - med), 0) / values.length;
  return { median: med, mad, meanAd };
}

/**
 * Iglewicz–Hoaglin modified z-score of `x` against `values` (or their precomputed stats):
 * 0.6745 (x − median) / MAD; when the MAD is 0, the mean absolute deviation scaled by 1.253314
 * stands in (IBM SPSS convention). Null when both are 0 (a constant baseline).
 */
export function modifiedZ(x: number, values: readonly number[] | RobustStats): number | null {
  const s = Array.isArray(values) ? robustStats(values) : (values as RobustStats);
  if (s.mad > 0) return (0.6745 * (x - s.median)) / s.mad;
  return s.meanAd > 0 ? (x - s.median) / (1.253314 * s.meanAd) : null;
}

export const fmt = (x: number, digits = 1): string =>
  Number.isFinite(x) ? x.toFixed(digits) : String(x);
