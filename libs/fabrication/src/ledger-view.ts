import type { RecordedEvent } from '@libs/ledger';
import { chinaDay } from '@libs/records/rules/dates';
import { chinaDayNumber, dayNumber, fastChinaDay } from './days';

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
  /** doctorId → the units the doctor belonged to, each from a day on, in log order. */
  doctors: Map<string, { from: string; unitId: string }[]>;
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
  const doctors = new Map<string, { from: string; unitId: string }[]>();
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
    } else if (type === 'DoctorRegistered' || type === 'DoctorAssigned') {
      const list = doctors.get(d.doctorId as string) ?? [];
      list.push({ from: fastChinaDay(e.occurredAt), unitId: d.unitId as string });
      doctors.set(d.doctorId as string, list);
    } else if (type === 'MigrationStarted') {
      migrations.add(e.streamId);
    }
  }
  const view = { records, residents, parents, doctors, lastDay };
  views.set(events, view);
  return view;
}

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

/** The unit just below the top of the tree that holds `unit` (a centre under its district). */
export function centreOf(unit: string | null, view: Pick<LedgerView, 'parents'>): string | null {
  if (!unit) return null;
  let at = unit;
  for (let guard = 0; guard < 20; guard += 1) {
    const parent = view.parents.get(at);
    if (!parent || !view.parents.get(parent)) return at;
    at = parent;
  }
  return at;
}
