import type { RecordedEvent } from '@libs/ledger';
import { ACTIVITIES_STREAM_PREFIX, type UnitActivityEvent, chinaDay } from '@libs/records';
import { type EventRef, type Fact, refOf } from './event-ref';
import { NONE, withAdded } from './shared-lists';
import { shareDataStrings } from './shared-strings';
import {
  type RecordKind,
  type RecordModel,
  type ResidentModel,
  newResident,
} from './resident-model';

/** The idNumberHash an identity event gives (registration or correction); null: none. */
function hashOf(e: RecordedEvent): string | null {
  if (e.type !== 'ResidentRegistered' && e.type !== 'ResidentIdentityCorrected') return null;
  const note = (e.data as { personalData?: { idNumberHash?: unknown } }).personalData;
  return typeof note?.idNumberHash === 'string' && note.idNumberHash ? note.idNumberHash : null;
}

/** One record of a unit's own activities (a lecture, a case and its report, a supervision report). */
export interface ActivityFact {
  ref: EventRef;
  activity: UnitActivityEvent;
}

export interface UnitModel {
  unitId: string;
  kind: string;
  versions: Fact<{ name: string; parentId: string | null }>[];
  closures: Fact<Record<string, unknown>>[];
}

const RECORD_KINDS: Record<string, RecordKind> = {
  ContractSigned: 'contract',
  CheckupRecorded: 'checkup',
  TcmAssessmentRecorded: 'tcm_assessment',
  ChronicCareEnrolled: 'enrolment',
  FollowUpRecorded: 'follow_up',
  HealthRecordOpened: 'health_record',
  HealthRecordReviewed: 'health_record_review',
  MentalDisorderPatientRegistered: 'mental_health_registration',
  MentalHealthFollowUpRecorded: 'mental_health_follow_up',
  ChildTcmGuidanceRecorded: 'child_tcm_guidance',
  TuberculosisPatientRegistered: 'tb_registration',
  TbFirstVisitRecorded: 'tb_first_visit',
  TbMedicationRecorded: 'tb_medication',
  TbFollowUpRecorded: 'tb_follow_up',
  TbTreatmentEnded: 'tb_treatment_end',
  NewbornVisitRecorded: 'newborn_visit',
  ChildCheckupRecorded: 'child_checkup',
  VaccinationCertificateIssued: 'vaccination_certificate',
  VaccineDoseRecorded: 'vaccine_dose',
  PregnancyRegistered: 'pregnancy_registration',
  AntenatalCheckRecorded: 'antenatal_check',
  DeliveryRecorded: 'delivery',
  PostpartumVisitRecorded: 'postpartum_visit',
  PostpartumCheckRecorded: 'postpartum_check',
};

/** What the model tells before it changes a resident. */
export interface ResidentChanging {
  residentId: string;
  event: RecordedEvent;
  /** The event replaces an earlier fact of the resident instead of adding one. */
  replaces: boolean;
}

export interface ModelFrame {
  units: UnitModel[];
  targets: [string, [number, Fact<Record<string, number>>[]][]][];
  /** Absent in a frame saved before units kept activities. */
  activities?: [string, ActivityFact[]][];
  revisions: [string, number][];
}

/**
 * Everything the indicators need, kept as facts with both clocks so any (period, asOf) can be
 * evaluated later. Applying an event twice changes nothing: each stream remembers the last
 * revision it applied.
 */
export class LedgerModel {
  readonly residents = new Map<string, ResidentModel>();
  readonly units = new Map<string, UnitModel>();
  /** unitId → year → facts of target sheets (a later sheet replaces an earlier one). */
  readonly targets = new Map<string, Map<number, Fact<Record<string, number>>[]>>();
  /**
   * unitId → the unit's own activities, in log order. Few (thousands a year in a district, not
   * millions), so they stay in the frame and every evaluation reads them whole.
   */
  readonly activities = new Map<string, ActivityFact[]>();
  private readonly revisions = new Map<string, number>();
  /**
   * The revisions of every stream but residents', for the frame: listing them out of the whole
   * map (half a million residents) was 110 ms of every save of the figures, which the API makes
   * every 30 s on the event loop.
   */
  private readonly frameRevisions = new Map<string, number>();
  position = 0;
  /**
   * The events that changed units, target sheets or unit activities (what of `frame()` figures
   * read), in the order applied. What was worked out from the frame when it held k of them still
   * holds for a view that knows none of those from k on: a live append leaves every past
   * checkpoint's frame as it was.
   */
  readonly frameChanges: EventRef[] = [];
  /** Moves when a saved frame is taken in whole: everything worked out from the frame before is void. */
  frameRestores = 0;
  /** Service records per China year they occurred in (which years are worth keeping figures for). */
  readonly recordYears = new Map<number, number>();
  /**
   * unitId → China year → service records of residents registered there when the record came
   * (a later move does not carry them along): which years a unit's subtree has records in.
   */
  readonly unitRecordYears = new Map<string, Map<number, number>>();
  /**
   * idNumberHash → every resident that ever held it (a hash corrected or erased away stays
   * listed: an as-of view before the change still sees it). Two or more: a person registered
   * twice (重复建档), whom the EHR indicators count once (evaluate/resident-view.ts).
   */
  readonly idHolders = new Map<string, Set<string>>();
  /** Told before a resident's facts change, while the model still shows them as they were. */
  onResidentChanging?: (change: ResidentChanging) => void;

  /**
   * Everything but the residents: units, target sheets, units' activities and how far each other stream was
   * applied. Small (a district's is kilobytes), so it is saved with the kept figures and a
   * restart has the hierarchy and targets before the residents are read again.
   */
  frame(): ModelFrame {
    return {
      units: [...this.units.values()],
      targets: [...this.targets].map(([unitId, byYear]) => [unitId, [...byYear]]),
      activities: [...this.activities],
      revisions: [...this.frameRevisions],
    };
  }

  /** Takes a saved frame into an empty model; its streams' events are then skipped when replayed. */
  restoreFrame(frame: ModelFrame): void {
    for (const u of frame.units) this.units.set(u.unitId, u);
    for (const [unitId, byYear] of frame.targets) this.targets.set(unitId, new Map(byYear));
    for (const [unitId, list] of frame.activities ?? []) this.activities.set(unitId, list);
    for (const [streamId, revision] of frame.revisions) {
      this.revisions.set(streamId, revision);
      this.frameRevisions.set(streamId, revision);
    }
    this.frameRestores += 1;
  }

  apply(e: RecordedEvent): boolean {
    // Seen is seen: an event skipped (applied before, or part of a restored frame) still moves
    // the position, which says how far the log has been followed.
    this.position = Math.max(this.position, e.position);
    if ((this.revisions.get(e.streamId) ?? -1) >= e.revision) return false;
    this.revisions.set(e.streamId, e.revision);
    const d = e.data as Record<string, unknown>;
    if (e.streamId.startsWith('resident-')) {
      this.applyResident(e, d);
      return true;
    }
    this.frameRevisions.set(e.streamId, e.revision);
    if (e.streamId.startsWith('orgunit-')) {
      this.applyUnit(e, d);
      this.frameChanges.push(refOf(e));
    } else if (e.streamId.startsWith(ACTIVITIES_STREAM_PREFIX)) {
      this.applyActivity(e);
      this.frameChanges.push(refOf(e));
    } else if (e.type === 'TargetsAssigned') {
      const byYear = this.targets.get(d.unitId as string) ?? new Map();
      byYear.set(d.year as number, [
        ...(byYear.get(d.year as number) ?? []),
        { ref: refOf(e), data: d.targets as Record<string, number> },
      ]);
      this.targets.set(d.unitId as string, byYear);
      this.frameChanges.push(refOf(e));
    }
    return true;
  }

  /** The China years with service records in a unit's subtree (as the units stand now), newest first. */
  recordYearsUnder(unitId: string): number[] {
    const years = new Set<number>();
    for (const [at, byYear] of this.unitRecordYears)
      if (this.isWithin(at, unitId)) for (const year of byYear.keys()) years.add(year);
    return [...years].sort((a, b) => b - a);
  }

  private isWithin(unitId: string, ancestorId: string): boolean {
    // Bounded by the number of units, so a cycle in the hierarchy cannot loop forever.
    let at: string | null = unitId;
    for (let steps = 0; at !== null && steps <= this.units.size; steps += 1) {
      if (at === ancestorId) return true;
      const versions: UnitModel['versions'] | undefined = this.units.get(at)?.versions;
      at = versions ? versions[versions.length - 1].data.parentId : null;
    }
    return false;
  }

  /**
   * The other residents that hold, or ever held, a hash this resident held or the event gives
   * it: whose EHR figures can turn on this resident's facts (which of them registered first,
   * who is alive, whose hash moved away).
   */
  coHolders(residentId: string, event?: RecordedEvent): string[] {
    const hashes = new Set<string>();
    for (const f of this.residents.get(residentId)?.identity ?? [])
      if (f.data.idNumberHash) hashes.add(f.data.idNumberHash);
    const given = event && hashOf(event);
    if (given) hashes.add(given);
    const others = new Set<string>();
    for (const hash of hashes)
      for (const id of this.idHolders.get(hash) ?? []) if (id !== residentId) others.add(id);
    return [...others];
  }

  private holdHash(r: ResidentModel, fact: Fact<{ idNumberHash: string | null }>): void {
    r.identity = withAdded(r.identity, fact);
    const hash = fact.data.idNumberHash;
    if (!hash) return;
    const holders = this.idHolders.get(hash);
    if (holders) holders.add(r.residentId);
    else this.idHolders.set(hash, new Set([r.residentId]));
  }

  private countUnitYear(r: ResidentModel, year: number): void {
    const moves = r.reassignments;
    const unitId = moves.length ? moves[moves.length - 1].data.toUnitId : r.registered?.data.unitId;
    if (!unitId) return;
    let byYear = this.unitRecordYears.get(unitId);
    if (!byYear) this.unitRecordYears.set(unitId, (byYear = new Map()));
    byYear.set(year, (byYear.get(year) ?? 0) + 1);
  }

  private applyActivity(e: RecordedEvent): void {
    switch (e.type) {
      case 'HealthEducationActivityRecorded':
      case 'InfectiousDiseaseCaseRecorded':
      case 'HealthSupervisionReportRecorded': {
        const activity = { type: e.type, data: e.data } as UnitActivityEvent;
        const list = this.activities.get(activity.data.unitId);
        if (list) list.push({ ref: refOf(e), activity });
        else this.activities.set(activity.data.unitId, [{ ref: refOf(e), activity }]);
      }
    }
  }

  private applyUnit(e: RecordedEvent, d: Record<string, unknown>): void {
    const unitId = d.unitId as string;
    const fact = (data: { name: string; parentId: string | null }) => ({ ref: refOf(e), data });
    const unit = this.units.get(unitId);
    if (e.type === 'OrgUnitRegistered') {
      this.units.set(unitId, {
        unitId,
        kind: d.kind as string,
        versions: [fact({ name: d.name as string, parentId: (d.parentId as string) ?? null })],
        closures: [],
      });
      return;
    }
    if (!unit) return;
    const last = unit.versions[unit.versions.length - 1].data;
    if (e.type === 'OrgUnitRenamed') unit.versions.push(fact({ ...last, name: d.name as string }));
    if (e.type === 'OrgUnitMoved')
      unit.versions.push(fact({ ...last, parentId: d.parentId as string }));
    if (e.type === 'OrgUnitClosed') unit.closures.push({ ref: refOf(e), data: {} });
  }

  private applyResident(e: RecordedEvent, d: Record<string, unknown>): void {
    const residentId = d.residentId as string;
    if (this.onResidentChanging) {
      const before = this.residents.get(residentId);
      const kind = RECORD_KINDS[e.type];
      const id = kind === 'contract' ? d.contractId : d.recordId;
      this.onResidentChanging({
        residentId,
        event: e,
        // A second registration, or a record created again under its id, replaces what was
        // known: every view can change, not only those that know the new event.
        replaces:
          (e.type === 'ResidentRegistered' && !!before?.registered) ||
          (!!kind && !!before?.records.has(id as string)),
      });
    }
    let r = this.residents.get(residentId);
    if (!r) this.residents.set(residentId, (r = newResident(residentId)));
    shareDataStrings(d, r.residentId);
    r.revision = e.revision;
    const ref = refOf(e);
    const kind = RECORD_KINDS[e.type];
    if (kind) {
      const recordId = (kind === 'contract' ? d.contractId : d.recordId) as string;
      const year = Number(chinaDay(d.occurredAt as string).slice(0, 4));
      this.recordYears.set(year, (this.recordYears.get(year) ?? 0) + 1);
      this.countUnitYear(r, year);
      r.records.set(recordId, {
        recordId,
        kind,
        created: { ref, data: d },
        corrections: NONE,
        voids: NONE,
        renewals: NONE,
        terminations: NONE,
      });
      return;
    }
    const record = (id: unknown): RecordModel | undefined => r.records.get(id as string);
    switch (e.type) {
      case 'ResidentRegistered':
        r.registered = { ref, data: d as never };
        // A registration again states the identity anew.
        r.identity = NONE;
        if (hashOf(e)) this.holdHash(r, { ref, data: { idNumberHash: hashOf(e) } });
        break;
      case 'ResidentIdentityCorrected':
        // A correction of the name, phone or address alone carries no hash: the ID number, and
        // so the hash, stays as it was. A new ID number moves the resident to its hash.
        if (hashOf(e)) this.holdHash(r, { ref, data: { idNumberHash: hashOf(e) } });
        break;
      case 'ResidentIdentityErased':
        // Erased: the resident matches no one from then on.
        if (r.identity.length > 0) this.holdHash(r, { ref, data: { idNumberHash: null } });
        break;
      case 'ResidentTagsUpdated':
        r.tagChanges = withAdded(r.tagChanges, { ref, data: d as never });
        break;
      case 'ResidentReassigned':
        r.reassignments = withAdded(r.reassignments, { ref, data: d as never });
        break;
      case 'ResidentMovedOut':
        r.movedOut = withAdded(r.movedOut, { ref, data: d });
        break;
      case 'ResidentDied':
        r.died = withAdded(r.died, { ref, data: d });
        break;
      case 'RecordCorrected': {
        const rec = record(d.recordId);
        if (rec) rec.corrections = withAdded(rec.corrections, { ref, data: d.changes as never });
        break;
      }
      case 'RecordVoided': {
        const rec = record(d.recordId);
        if (rec) rec.voids = withAdded(rec.voids, { ref, data: d as never });
        break;
      }
      case 'ContractRenewed': {
        const rec = record(d.contractId);
        if (rec) rec.renewals = withAdded(rec.renewals, { ref, data: d as never });
        break;
      }
      case 'ContractTerminated': {
        const rec = record(d.contractId);
        if (rec) rec.terminations = withAdded(rec.terminations, { ref, data: d as never });
        break;
      }
    }
  }
}
