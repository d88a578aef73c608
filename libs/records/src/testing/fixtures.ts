import { DeciderSpecification, type Then } from '@libs/ledger';
import type { Action, Decision } from '../commands/action';
import type { Facts } from '../commands/facts';
import type { Vitals } from '../rules/vitals';
import {
  evolveDoctor,
  initialDoctorState,
  type DoctorEvent,
  type DoctorState,
} from '../streams/doctor-events';
import {
  evolveOrgUnit,
  initialOrgUnitState,
  type OrgUnitEvent,
  type OrgUnitState,
} from '../streams/org-unit-events';
import type { ResidentEvent } from '../streams/resident-events';
import type { RecordType, UnitKind } from '../streams/vocabulary';

/** Ledger time of every spec: "today" is 2024-06-30 in China. */
export const NOW = '2024-06-30T04:00:00.000Z';

export function unit(
  unitId: string,
  kind: UnitKind = 'community_centre',
  openedOn = '2020-01-01',
  closedOn?: string,
  parentId: string | null = null,
): OrgUnitState {
  let s = evolveOrgUnit(initialOrgUnitState(), {
    type: 'OrgUnitRegistered',
    data: { unitId, name: unitId, kind, parentId, occurredAt: openedOn },
  });
  if (closedOn)
    s = evolveOrgUnit(s, { type: 'OrgUnitClosed', data: { unitId, occurredAt: closedOn } });
  return s;
}

export function doctor(doctorId = 'd1', unitId = 'u1', from = '2020-01-01'): DoctorState {
  return evolveDoctor(initialDoctorState(), {
    type: 'DoctorRegistered',
    data: { doctorId, unitId, teamId: null, occurredAt: from },
  });
}

/** A doctor of an open unit, as most service specs need. */
export const servingDoctor = (): Facts => ({ doctor: doctor(), doctorUnit: unit('u1') });

export const registered = (birthDate = '1950-04-01', residentId = 'r1'): ResidentEvent => ({
  type: 'ResidentRegistered',
  data: {
    residentId,
    birthDate,
    sex: 'female',
    unitId: 'u1',
    householdId: 'h1',
    tags: [],
    occurredAt: '2020-02-01',
  },
});

export const enrolled = (
  condition: 'hypertension' | 'diabetes' = 'hypertension',
  on = '2024-01-10',
  recordId = `enrol-${condition}`,
): ResidentEvent => ({
  type: 'ChronicCareEnrolled',
  data: { residentId: 'r1', recordId, condition, doctorId: null, occurredAt: on },
});

export const died = (on: string): ResidentEvent => ({
  type: 'ResidentDied',
  data: { residentId: 'r1', occurredAt: on },
});
export const movedOut = (on: string): ResidentEvent => ({
  type: 'ResidentMovedOut',
  data: { residentId: 'r1', destination: null, occurredAt: on },
});

/** given/when/then for one action, with ledger time and facts filled in. */
export function specFor<R>(a: Action, facts: Facts = {}) {
  const spec = DeciderSpecification.for(a.decider as unknown as Action['decider']);
  return (given: unknown[]) => ({
    when: (request: Partial<R> & Record<string, unknown>, extraFacts: Facts = {}): Then<unknown> =>
      spec(given as never[]).when({
        now: NOW,
        facts: { ...facts, ...extraFacts },
        commandId: 'cmd-1',
        ...request,
      } as unknown as Decision<never>) as Then<unknown>,
  });
}

/* ---------- Builders for the decide specs (history events and dates) ---------- */

/** "Today" in China at ledger time NOW, and the instants either side of its end. */
export const TODAY = '2024-06-30';
export const LAST_INSTANT_TODAY = '2024-06-30T15:59:59.999Z';
export const FIRST_INSTANT_TOMORROW = '2024-06-30T16:00:00.000Z';

export const contractSigned = (
  contractId = 'k1',
  start = '2024-01-01',
  end = '2024-12-31',
  over: Record<string, unknown> = {},
): ResidentEvent => ({
  type: 'ContractSigned',
  data: {
    residentId: 'r1',
    contractId,
    doctorId: 'd1',
    teamId: null,
    start,
    end,
    household: false,
    servicePackage: 'basic',
    occurredAt: start,
    ...over,
  },
});

export const contractRenewed = (
  contractId: string,
  previousEnd: string,
  newEnd: string,
  on: string,
): ResidentEvent => ({
  type: 'ContractRenewed',
  data: { residentId: 'r1', contractId, previousEnd, newEnd, occurredAt: on },
});

export const contractTerminated = (
  contractId: string,
  on: string,
  reason = 'resident asked',
): ResidentEvent => ({
  type: 'ContractTerminated',
  data: { residentId: 'r1', contractId, reason, occurredAt: on },
});

export const checkupRecorded = (
  recordId = 'ck-1',
  on = '2024-03-05',
  vitals: Vitals = { systolic: 130, diastolic: 85 },
): ResidentEvent => ({
  type: 'CheckupRecorded',
  data: {
    residentId: 'r1',
    recordId,
    doctorId: 'd1',
    kind: 'elderly_annual',
    complete: true,
    vitals,
    occurredAt: on,
  },
});

export const followUpRecorded = (
  recordId = 'fu-1',
  on = '2024-03-05',
  over: Record<string, unknown> = {},
): ResidentEvent => ({
  type: 'FollowUpRecorded',
  data: {
    residentId: 'r1',
    recordId,
    doctorId: 'd1',
    condition: 'hypertension',
    mode: 'face_to_face_clinic',
    systolic: 132,
    diastolic: 84,
    referral: false,
    occurredAt: on,
    ...over,
  },
});

export const tcmRecorded = (recordId = 'tcm-1', on = '2024-03-05'): ResidentEvent => ({
  type: 'TcmAssessmentRecorded',
  data: {
    residentId: 'r1',
    recordId,
    doctorId: 'd1',
    constitution: 'qi_deficiency',
    guidanceGiven: true,
    occurredAt: on,
  },
});

export const recordVoided = (
  recordId: string,
  recordType: RecordType,
  on = '2024-04-01',
  reason = 'entered in error',
): ResidentEvent => ({
  type: 'RecordVoided',
  data: { residentId: 'r1', recordId, recordType, reason, occurredAt: on },
});

export const recordCorrected = (
  recordId: string,
  recordType: RecordType,
  changes: Record<string, unknown>,
  on = '2024-04-01',
  reason = 'typo',
): ResidentEvent => ({
  type: 'RecordCorrected',
  data: { residentId: 'r1', recordId, recordType, changes, reason, occurredAt: on },
});

export const unitRegistered = (
  unitId = 'u1',
  kind: UnitKind = 'community_centre',
  parentId: string | null = null,
  on = '2020-01-01',
  name = unitId,
): OrgUnitEvent => ({
  type: 'OrgUnitRegistered',
  data: { unitId, name, kind, parentId, occurredAt: on },
});

export const unitRenamed = (
  unitId: string,
  name: string,
  previousName: string,
  on: string,
): OrgUnitEvent => ({
  type: 'OrgUnitRenamed',
  data: { unitId, name, previousName, occurredAt: on },
});

export const unitMoved = (
  unitId: string,
  parentId: string,
  previousParentId: string | null,
  on: string,
): OrgUnitEvent => ({
  type: 'OrgUnitMoved',
  data: { unitId, parentId, previousParentId, occurredAt: on },
});

export const unitClosed = (unitId: string, on: string): OrgUnitEvent => ({
  type: 'OrgUnitClosed',
  data: { unitId, occurredAt: on },
});

export const doctorRegistered = (
  doctorId = 'd1',
  unitId = 'u1',
  teamId: string | null = null,
  on = '2020-01-01',
): DoctorEvent => ({
  type: 'DoctorRegistered',
  data: { doctorId, unitId, teamId, occurredAt: on },
});

export const doctorAssigned = (
  doctorId: string,
  unitId: string,
  teamId: string | null,
  on: string,
): DoctorEvent => ({
  type: 'DoctorAssigned',
  data: { doctorId, unitId, teamId, occurredAt: on },
});
