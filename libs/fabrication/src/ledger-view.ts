import { SEQUENCE_EVENT_TYPES } from '@libs/indicators';
import type { RecordedEvent } from '@libs/ledger';
import { chinaDayNumber, dayNumber, fastChinaDay } from './days';

export const SERVICE_TYPES = [
  'CheckupRecorded',
  'TcmAssessmentRecorded',
  'FollowUpRecorded',
  'ContractSigned',
  'ChronicCareEnrolled',
  // A health record opened or reviewed after a death or move is as fabricated as a visit.
  'HealthRecordOpened',
  'HealthRecordReviewed',
  'MentalDisorderPatientRegistered',
  'MentalHealthFollowUpRecorded',
  'ChildTcmGuidanceRecorded',
  // A tuberculosis patient's records: a visit or a month of supervised doses after a death or a
  // move is as fabricated as any visit, and so is a treatment "completed" after it (an end for a
  // death is dated on the day of death: the deciders refuse one after it).
  'TuberculosisPatientRegistered',
  'TbFirstVisitRecorded',
  'TbMedicationRecorded',
  'TbFollowUpRecorded',
  'TbTreatmentEnded',
  'NewbornVisitRecorded',
  'ChildCheckupRecorded',
  'VaccinationCertificateIssued',
  'VaccineDoseRecorded',
  // Maternal care: a pregnancy registered, checked, delivered or visited after a death or move.
  'PregnancyRegistered',
  'AntenatalCheckRecorded',
  'DeliveryRecorded',
  'PostpartumVisitRecorded',
  'PostpartumCheckRecorded',
] as const;
const SERVICE_TYPE_SET = new Set<string>(SERVICE_TYPES);

/**
 * One service record as it stands after its corrections (voided ones are kept, flagged): only
 * what the detectors judge, since a district's view holds some 650,000 of them and has to fit in
 * a detection run's memory with everything else (the event itself is not kept).
 */
export interface ServiceRecord {
  /** The same string for every record of a resident (one copy per resident). */
  residentId: string;
  type: ServiceType;
  doctorId: string | null;
  /** China day of the (corrected) occurredAt, and as a day number (days since 1970-01-01). */
  day: string;
  dayN: number;
  /** The year of `day`: compare with DetectionInput.period. */
  year: number;
  /**
   * When the record was entered: the source system's time for a migrated record, the ledger's
   * otherwise. Null for a record migrated without a source time: its recordedAt is only the day
   * of the migration, which says nothing about how it was entered (see enteredAtOf).
   */
  enteredAt: string | null;
  /** The China day of enteredAt as a day number; NaN when enteredAt is null. */
  enteredN: number;
  /** The creating event. */
  eventId: string;
  /** The correcting events, in log order (null: none, as for nearly every record). */
  corrections: string[] | null;
  /** Follow-ups and enrolments: the condition (hypertension, diabetes), as corrected. */
  condition: string | null;
  /** Follow-ups: how it was done (clinic, home, phone), as corrected. */
  mode: string | null;
  /** The readings, as corrected (see vitalsOf). */
  vitals: Readings;
  voided: boolean;
}

export type ServiceType = (typeof SERVICE_TYPES)[number];

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
  /** unitId → kind (district, centre, station, clinic…). */
  unitKinds: Map<string, string>;
  /** doctorId → the units the doctor belonged to, each from a day on, in log order. */
  doctors: Map<string, { from: string; unitId: string }[]>;
  /** The fund streams' events (allocations, disbursements, recoveries), in log order. */
  funds: RecordedEvent[];
  /** The latest occurredAt day in the log (or '' for an empty log). */
  lastDay: string;
  /**
   * Residents with a record of a kind that keeps a sequence (SEQUENCE_EVENT_TYPES: a child's
   * visits, doses, a mother's checks, a tuberculosis treatment) that was migrated or corrected:
   * the only ways a record out of sequence reaches the ledger, since the deciders refuse one.
   * Their streams are read for the impossible-sequence detector; nobody else's need be.
   */
  sequenceSuspects: Set<string>;
  /**
   * Registrations by the keyed hash of their ID number (decision 0021), the latest hash of each
   * resident (a correction moves it); an erased resident is dropped. Only hashes held by more
   * than one resident matter (duplicate-registration); every hash is kept, one small entry each.
   */
  idHolders: Map<string, IdHolder[]>;
  /**
   * Households as registered: householdId → its members, each with who they are without a name
   * (birth date and sex) and their registration. For duplicate households (重复建档 without ID
   * numbers): a family registered again in another centre repeats its members' birth dates.
   */
  households: Map<string, HouseholdMember[]>;
  /** residentId → its registration (kept for the ID-number hash; shared with households). */
  registrations: Map<string, Registration>;
}

export interface HouseholdMember {
  residentId: string;
  /** `birthDate|sex`: all a registration says of the person (one shared copy of each). */
  who: string;
}

/** A resident's registration: its event and China day, and the ID-number hash it holds now. */
export interface Registration {
  hash: string | null;
  eventId: string;
  day: string;
}

/** A resident holding an ID-number hash, with the events that gave it to them. */
export interface IdHolder {
  residentId: string;
  /** The registration, and the correction that set this hash when one did. */
  evidence: string[];
  /** China day of the registration. */
  registeredOn: string;
}

const FUND_TYPES = new Set(['FundsAllocated', 'FundsDisbursed', 'FundsRecovered']);

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

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const NO_READINGS: Readings = Object.freeze({});

/** The readings in a record's fields (a checkup keeps them under `vitals`, a follow-up inline). */
function readingsIn(type: string, fields: Record<string, unknown>, before: Readings): Readings {
  const src =
    type === 'CheckupRecorded' ? (fields.vitals as Record<string, unknown> | undefined) : fields;
  if (type === 'CheckupRecorded' && src === undefined) return before;
  // A corrected checkup's `vitals` replaces the old ones whole, as the ledger applies changes.
  const r: Readings = type === 'CheckupRecorded' ? {} : { ...before };
  for (const k of ['systolic', 'diastolic', 'fastingGlucose', 'weightKg'] as const)
    if (src && k in src) r[k] = num(src[k]);
  return Object.values(r).every((v) => v === undefined) ? NO_READINGS : r;
}

/**
 * Reads the log once, page by page, keeping service records (corrections and voids applied),
 * residents, units, doctors and fund events, and nothing else of an event: a district's log
 * (1.2 million events) does not fit in a detection run's memory, its view does.
 */
export class LedgerViewBuilder {
  private readonly records: ServiceRecord[] = [];
  private readonly byKey = new Map<string, ServiceRecord>();
  private readonly residents = new Map<string, ResidentFacts>();
  private readonly parents = new Map<string, string | null>();
  private readonly unitKinds = new Map<string, string>();
  private readonly doctors = new Map<string, { from: string; unitId: string }[]>();
  private readonly funds: RecordedEvent[] = [];
  private readonly migrations = new Set<string>();
  private readonly sequenceSuspects = new Set<string>();
  private readonly idHolders = new Map<string, IdHolder[]>();
  private readonly households = new Map<string, HouseholdMember[]>();
  /** residentId → the hash it holds and its registration's event and day. */
  private readonly idOf = new Map<string, Registration>();
  /** One copy of each doctor id and condition or mode (each event brings its own). */
  private readonly strings = new Map<string, string>();
  private lastDay = '';

  private once(s: string): string {
    const kept = this.strings.get(s);
    if (kept !== undefined) return kept;
    this.strings.set(s, s);
    return s;
  }

  private factsOf(residentId: string): ResidentFacts {
    let f = this.residents.get(residentId);
    if (!f) {
      f = { residentId, unitId: null, died: null, movedOut: null };
      this.residents.set(residentId, f);
    }
    return f;
  }

  add(e: RecordedEvent): void {
    const d = e.data as Record<string, unknown>;
    const type = e.type;
    if (SERVICE_TYPE_SET.has(type)) this.addRecord(e, type as ServiceType, d);
    else if (type === 'RecordCorrected') {
      const r = this.byKey.get(`${d.residentId as string}/${d.recordId as string}`);
      if (!r) return;
      const changes = d.changes as Record<string, unknown>;
      if (typeof changes.occurredAt === 'string') {
        r.day = fastChinaDay(changes.occurredAt);
        r.dayN = dayNumber(r.day);
        r.year = Number(r.day.slice(0, 4));
      }
      if (SEQUENCE_EVENT_TYPES.has(r.type)) this.sequenceSuspects.add(r.residentId);
      if ('doctorId' in changes) r.doctorId = this.optional(changes.doctorId);
      if ('condition' in changes) r.condition = this.optional(changes.condition);
      if ('mode' in changes) r.mode = this.optional(changes.mode);
      r.vitals = readingsIn(r.type, changes, r.vitals);
      (r.corrections ??= []).push(e.eventId);
    } else if (type === 'RecordVoided') {
      const r = this.byKey.get(`${d.residentId as string}/${d.recordId as string}`);
      if (r) r.voided = true;
    } else if (type === 'ResidentRegistered') {
      this.factsOf(d.residentId as string).unitId = d.unitId as string;
      const day = fastChinaDay(e.occurredAt);
      this.idOf.set(d.residentId as string, { hash: null, eventId: e.eventId, day });
      this.holdId(d.residentId as string, d.personalData, [e.eventId]);
      if (typeof d.householdId === 'string') {
        const members = this.households.get(d.householdId) ?? [];
        // Two fields a member: a district's 480,000 of them stay within detection's heap.
        members.push({
          residentId: this.factsOf(d.residentId as string).residentId,
          who: this.once(`${d.birthDate as string}|${d.sex as string}`),
        });
        this.households.set(d.householdId, members);
      }
    } else if (type === 'ResidentIdentityCorrected') {
      const registration = this.idOf.get(d.residentId as string);
      if (registration)
        this.holdId(d.residentId as string, d.personalData, [registration.eventId, e.eventId]);
    } else if (type === 'ResidentIdentityErased') {
      this.releaseId(d.residentId as string);
    } else if (type === 'ResidentReassigned') {
      this.factsOf(d.residentId as string).unitId = d.toUnitId as string;
    } else if (type === 'ResidentDied' || type === 'ResidentMovedOut') {
      const mark = {
        day: fastChinaDay(e.occurredAt),
        eventId: e.eventId,
        recordedAt: e.recordedAt,
        enteredAt: enteredAtOf(e, this.migrations),
      };
      const f = this.factsOf(d.residentId as string);
      if (type === 'ResidentDied') f.died = mark;
      else f.movedOut = mark;
    } else if (type === 'OrgUnitRegistered' || type === 'OrgUnitMoved') {
      this.parents.set(d.unitId as string, (d.parentId as string | null | undefined) ?? null);
      if (type === 'OrgUnitRegistered') this.unitKinds.set(d.unitId as string, d.kind as string);
    } else if (type === 'DoctorRegistered' || type === 'DoctorAssigned') {
      const list = this.doctors.get(d.doctorId as string) ?? [];
      list.push({ from: fastChinaDay(e.occurredAt), unitId: d.unitId as string });
      this.doctors.set(d.doctorId as string, list);
    } else if (FUND_TYPES.has(type)) {
      this.funds.push(e);
    } else if (type === 'MigrationStarted') {
      this.migrations.add(e.streamId);
    }
  }

  /** The resident now holds the note's ID-number hash, if the note carries one. */
  private holdId(residentId: string, note: unknown, evidence: string[]): void {
    const hash = (note as { idNumberHash?: unknown } | undefined)?.idNumberHash;
    const registration = this.idOf.get(residentId);
    if (typeof hash !== 'string' || !registration) return;
    this.releaseId(residentId);
    registration.hash = hash;
    const holders = this.idHolders.get(hash) ?? [];
    holders.push({ residentId, evidence, registeredOn: registration.day });
    this.idHolders.set(hash, holders);
  }

  private releaseId(residentId: string): void {
    const registration = this.idOf.get(residentId);
    if (!registration?.hash) return;
    const rest = (this.idHolders.get(registration.hash) ?? []).filter(
      (h) => h.residentId !== residentId,
    );
    if (rest.length > 0) this.idHolders.set(registration.hash, rest);
    else this.idHolders.delete(registration.hash);
    registration.hash = null;
  }

  private optional(v: unknown): string | null {
    return typeof v === 'string' ? this.once(v) : null;
  }

  private addRecord(e: RecordedEvent, type: ServiceType, d: Record<string, unknown>): void {
    const enteredAt = enteredAtOf(e, this.migrations);
    // The resident's own copy of the id, so 650,000 records do not hold 650,000 copies.
    const residentId = this.factsOf(d.residentId as string).residentId;
    const recordId = (d.recordId ?? d.contractId) as string;
    const day = fastChinaDay(e.occurredAt);
    if (day > this.lastDay) this.lastDay = day;
    const r: ServiceRecord = {
      residentId,
      type,
      doctorId: this.optional(d.doctorId),
      day,
      dayN: dayNumber(day),
      year: Number(day.slice(0, 4)),
      enteredAt,
      enteredN: enteredAt === null ? NaN : chinaDayNumber(enteredAt),
      eventId: e.eventId,
      corrections: null,
      condition: this.optional(d.condition),
      mode: this.optional(d.mode),
      vitals: readingsIn(type, d, NO_READINGS),
      voided: false,
    };
    this.records.push(r);
    this.byKey.set(`${residentId}/${recordId}`, r);
    if ((e.sourceRecordedAt !== undefined || enteredAt === null) && SEQUENCE_EVENT_TYPES.has(type))
      this.sequenceSuspects.add(residentId);
  }

  view(): LedgerView {
    return {
      records: this.records,
      residents: this.residents,
      parents: this.parents,
      unitKinds: this.unitKinds,
      doctors: this.doctors,
      sequenceSuspects: this.sequenceSuspects,
      idHolders: this.idHolders,
      households: this.households,
      registrations: this.idOf,
      funds: this.funds,
      lastDay: this.lastDay,
    };
  }
}

/** The view of a log held in memory (tests, small logs): one builder over every event. */
export function ledgerView(events: Iterable<RecordedEvent>): LedgerView {
  const builder = new LedgerViewBuilder();
  for (const e of events) builder.add(e);
  return builder.view();
}

/** The events behind a record, as an alert's evidence: the creating one and its corrections. */
export const evidenceOf = (r: ServiceRecord): string[] =>
  r.corrections ? [r.eventId, ...r.corrections] : [r.eventId];

/** A record's readings as numbers (or undefined), wherever its type keeps them. */
export const vitalsOf = (r: ServiceRecord): Readings => r.vitals;

/**
 * Services given in person, always: checkups (a child's too), TCM assessments and a child's TCM
 * guidance, newborn home visits, a tuberculosis patient's first home visit, a vaccine dose (a dose
 * copied from an old certificate names no vaccinator, and so no doctor's day). A month of
 * supervised doses is not: the doses are watched by the supervisor, often a family member, and
 * the card summarised once a month.
 */
const IN_PERSON = new Set<string>([
  'CheckupRecorded',
  'TcmAssessmentRecorded',
  'ChildTcmGuidanceRecorded',
  'NewbornVisitRecorded',
  'ChildCheckupRecorded',
  'TbFirstVisitRecorded',
  'VaccineDoseRecorded',
  // A pregnancy's registration (建册) and checks are seen in person; a delivery is the
  // hospital's, not the doctor's.
  'PregnancyRegistered',
  'AntenatalCheckRecorded',
  'PostpartumVisitRecorded',
  'PostpartumCheckRecorded',
]);
/** Follow-ups: in person in clinic or at home, not by phone. */
const FOLLOW_UPS = new Set<string>([
  'FollowUpRecorded',
  'MentalHealthFollowUpRecorded',
  'TbFollowUpRecorded',
]);

/** Face-to-face: what a doctor's day of work is made of (workload, places). */
export const isFaceToFace = (r: ServiceRecord): boolean =>
  IN_PERSON.has(r.type) || (FOLLOW_UPS.has(r.type) && r.mode !== 'phone');

/**
 * A service delivered to the resident, as sign-without-service counts it: a checkup, a TCM
 * assessment, a chronic follow-up. Not yet a child's TCM guidance or a mental health follow-up:
 * counting them shifted the peers' unserved batches enough that an honest campaign week of
 * healthy adults stood out in the clean district (one false alert); the detector's peer tests
 * are to be judged again with the new categories before they count.
 */
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
