import type { HealthRecordState, ResidentEvent } from './resident-events';
import type { Condition, KeyPopulationTag, RecordType, Sex } from './vocabulary';
import { chinaDay } from '../rules/dates';

export interface ServiceRecord {
  recordId: string;
  recordType: RecordType;
  occurredAt: string;
  /** The record's fields as corrected so far. */
  fields: Record<string, unknown>;
  voided: boolean;
}

export interface ContractView {
  contractId: string;
  start: string;
  end: string;
  terminatedOn: string | null;
}

export interface ResidentState {
  registered: boolean;
  birthDate: string;
  sex: Sex | null;
  unitId: string | null;
  householdId: string | null;
  tags: KeyPopulationTag[];
  movedOutOn: string | null;
  diedOn: string | null;
  contracts: Record<string, ContractView>;
  /** Enrolment record id per condition (the record may since have been voided). */
  enrolments: Partial<Record<Condition, string>>;
  records: Record<string, ServiceRecord>;
  /** The health record stated at registration (one opened later is among `records`). */
  registeredHealthRecord: HealthRecordState | null;
  /** The resident's personal data was erased from the vault (ResidentIdentityErased). */
  identityErased?: boolean;
}

export const initialResidentState = (): ResidentState => ({
  registered: false,
  birthDate: '',
  sex: null,
  unitId: null,
  householdId: null,
  tags: [],
  movedOutOn: null,
  diedOn: null,
  contracts: {},
  enrolments: {},
  records: {},
  registeredHealthRecord: null,
});

function withRecord(
  state: ResidentState,
  recordType: RecordType,
  recordId: string,
  data: { occurredAt: string },
): ResidentState {
  const { residentId: _r, recordId: _id, ...fields } = data as Record<string, unknown>;
  const record: ServiceRecord = {
    recordId,
    recordType,
    occurredAt: data.occurredAt as string,
    fields,
    voided: false,
  };
  // Inside foldResident the map is the fold's own: extended in place, not copied per record.
  if (state.records === owned) {
    owned[recordId] = record;
    return { ...state };
  }
  return { ...state, records: { ...state.records, [recordId]: record } };
}

/** The records map the fold in progress made and nobody else holds (see foldResident). */
let owned: Record<string, ServiceRecord> | null = null;

/**
 * evolveResident over many events, with the same result. Evolving copies the records map for
 * each record added, so folding a whole stream cost the square of its length: a patient with a
 * few hundred records made every stream read of a bulk load slow. Here the map is copied once
 * and then extended in place, which is safe because only the fold's last state leaves it.
 */
export function foldResident(
  state: ResidentState,
  events: readonly ResidentEvent[],
): ResidentState {
  let folded: ResidentState = { ...state, records: { ...state.records } };
  owned = folded.records;
  try {
    for (const event of events) {
      folded = evolveResident(folded, event);
      // A correction or a void makes a new map of its own: the fold owns that one now.
      owned = folded.records;
    }
    return folded;
  } finally {
    owned = null;
  }
}

export function evolveResident(state: ResidentState, event: ResidentEvent): ResidentState {
  switch (event.type) {
    case 'ResidentRegistered': {
      const d = event.data;
      return {
        ...state,
        registered: true,
        birthDate: d.birthDate,
        sex: d.sex,
        unitId: d.unitId,
        householdId: d.householdId ?? null,
        tags: [...d.tags],
        registeredHealthRecord: d.healthRecord ?? null,
      };
    }
    case 'ResidentIdentityErased':
      return { ...state, identityErased: true };
    case 'ResidentIdentityCorrected':
      // The personal data is in the vault; nothing a decision reads changes.
      return state;
    case 'ResidentTagsUpdated': {
      const kept = state.tags.filter((t) => !event.data.removed.includes(t));
      return { ...state, tags: [...kept, ...event.data.added.filter((t) => !kept.includes(t))] };
    }
    case 'ResidentReassigned':
      return { ...state, unitId: event.data.toUnitId };
    case 'ResidentMovedOut':
      return { ...state, movedOutOn: chinaDay(event.data.occurredAt) };
    case 'ResidentDied':
      return { ...state, diedOn: chinaDay(event.data.occurredAt) };
    case 'ContractSigned': {
      const d = event.data;
      const next = withRecord(state, 'contract', d.contractId, d);
      const contract: ContractView = {
        contractId: d.contractId,
        start: d.start,
        end: d.end,
        terminatedOn: null,
      };
      return { ...next, contracts: { ...next.contracts, [d.contractId]: contract } };
    }
    case 'ContractRenewed': {
      const c = state.contracts[event.data.contractId];
      return c
        ? {
            ...state,
            contracts: { ...state.contracts, [c.contractId]: { ...c, end: event.data.newEnd } },
          }
        : state;
    }
    case 'ContractTerminated': {
      const c = state.contracts[event.data.contractId];
      const terminatedOn = chinaDay(event.data.occurredAt);
      return c
        ? { ...state, contracts: { ...state.contracts, [c.contractId]: { ...c, terminatedOn } } }
        : state;
    }
    case 'CheckupRecorded':
      return withRecord(state, 'checkup', event.data.recordId, event.data);
    case 'TcmAssessmentRecorded':
      return withRecord(state, 'tcm_assessment', event.data.recordId, event.data);
    case 'ChronicCareEnrolled': {
      const next = withRecord(state, 'enrolment', event.data.recordId, event.data);
      return {
        ...next,
        enrolments: { ...next.enrolments, [event.data.condition]: event.data.recordId },
      };
    }
    case 'FollowUpRecorded':
      return withRecord(state, 'follow_up', event.data.recordId, event.data);
    case 'RecordCorrected': {
      const r = state.records[event.data.recordId];
      if (!r) return state;
      const fields = { ...r.fields, ...event.data.changes };
      const corrected: ServiceRecord = {
        ...r,
        fields,
        occurredAt: (fields.occurredAt as string) ?? r.occurredAt,
      };
      return { ...state, records: { ...state.records, [r.recordId]: corrected } };
    }
    case 'HealthRecordOpened':
      return withRecord(state, 'health_record', event.data.recordId, event.data);
    case 'HealthRecordReviewed':
      return withRecord(state, 'health_record_review', event.data.recordId, event.data);
    case 'MentalDisorderPatientRegistered':
      return withRecord(state, 'mental_health_registration', event.data.recordId, event.data);
    case 'MentalHealthFollowUpRecorded':
      return withRecord(state, 'mental_health_follow_up', event.data.recordId, event.data);
    case 'ChildTcmGuidanceRecorded':
      return withRecord(state, 'child_tcm_guidance', event.data.recordId, event.data);
    case 'TuberculosisPatientRegistered':
      return withRecord(state, 'tb_registration', event.data.recordId, event.data);
    case 'TbFirstVisitRecorded':
      return withRecord(state, 'tb_first_visit', event.data.recordId, event.data);
    case 'TbMedicationRecorded':
      return withRecord(state, 'tb_medication', event.data.recordId, event.data);
    case 'TbFollowUpRecorded':
      return withRecord(state, 'tb_follow_up', event.data.recordId, event.data);
    case 'TbTreatmentEnded':
      return withRecord(state, 'tb_treatment_end', event.data.recordId, event.data);
    case 'NewbornVisitRecorded':
      return withRecord(state, 'newborn_visit', event.data.recordId, event.data);
    case 'ChildCheckupRecorded':
      return withRecord(state, 'child_checkup', event.data.recordId, event.data);
    case 'VaccinationCertificateIssued':
      return withRecord(state, 'vaccination_certificate', event.data.recordId, event.data);
    case 'VaccineDoseRecorded':
      return withRecord(state, 'vaccine_dose', event.data.recordId, event.data);
    case 'PregnancyRegistered':
      return withRecord(state, 'pregnancy_registration', event.data.recordId, event.data);
    case 'AntenatalCheckRecorded':
      return withRecord(state, 'antenatal_check', event.data.recordId, event.data);
    case 'DeliveryRecorded':
      return withRecord(state, 'delivery', event.data.recordId, event.data);
    case 'PostpartumVisitRecorded':
      return withRecord(state, 'postpartum_visit', event.data.recordId, event.data);
    case 'PostpartumCheckRecorded':
      return withRecord(state, 'postpartum_check', event.data.recordId, event.data);
    case 'RecordVoided': {
      const r = state.records[event.data.recordId];
      return r
        ? { ...state, records: { ...state.records, [r.recordId]: { ...r, voided: true } } }
        : state;
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** A live record: present and not voided. Voided records stop counting everywhere. */
export const liveRecord = (state: ResidentState, recordId: string): ServiceRecord | undefined => {
  const r = state.records[recordId];
  return r && !r.voided ? r : undefined;
};

/** Contracts in force on a day: not voided, not terminated by then, and covering the day. */
export function activeContractsOn(state: ResidentState, day: string): ContractView[] {
  return Object.values(state.contracts).filter(
    (c) =>
      liveRecord(state, c.contractId) &&
      c.start <= day &&
      day <= c.end &&
      (c.terminatedOn === null || c.terminatedOn > day),
  );
}

/** Enrolled in a condition on a day, by a live enrolment record. */
export function enrolledOn(state: ResidentState, condition: Condition, day: string): boolean {
  const id = state.enrolments[condition];
  const record = id ? liveRecord(state, id) : undefined;
  return !!record && chinaDay(record.occurredAt) <= day;
}

/** The day of the resident's first live (not voided) record of a type, if any. */
function liveRecordOn(state: ResidentState, recordType: RecordType): string | null {
  const r = Object.values(state.records).find((x) => x.recordType === recordType && !x.voided);
  return r ? chinaDay(r.occurredAt) : null;
}

/**
 * The day the resident's health record was opened, if they have one: stated at registration or
 * opened since (and not voided). A resident has one health record.
 */
export const healthRecordOpenedOn = (state: ResidentState): string | null =>
  state.registeredHealthRecord?.openedOn ?? liveRecordOn(state, 'health_record');

/** The day the resident was registered as a severe mental disorder patient (not voided), if so. */
export const mentalHealthRegisteredOn = (state: ResidentState): string | null =>
  liveRecordOn(state, 'mental_health_registration');
