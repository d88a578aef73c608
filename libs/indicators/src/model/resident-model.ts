import type { Fact } from './event-ref';
import { NONE } from './shared-lists';

export type RecordKind =
  | 'contract'
  | 'checkup'
  | 'tcm_assessment'
  | 'enrolment'
  | 'follow_up'
  | 'health_record'
  | 'health_record_review'
  | 'mental_health_registration'
  | 'mental_health_follow_up'
  | 'child_tcm_guidance'
  | 'tb_registration'
  | 'tb_first_visit'
  | 'tb_medication'
  | 'tb_follow_up'
  | 'tb_treatment_end'
  | 'newborn_visit'
  | 'child_checkup'
  | 'vaccination_certificate'
  | 'vaccine_dose'
  | 'pregnancy_registration'
  | 'antenatal_check'
  | 'delivery'
  | 'postpartum_visit'
  | 'postpartum_check';

/** One service record with everything that later happened to it. */
export interface RecordModel {
  recordId: string;
  kind: RecordKind;
  created: Fact<Record<string, unknown>>;
  corrections: Fact<Record<string, unknown>>[];
  voids: Fact<{ reason: string }>[];
  /** Contracts only. */
  renewals: Fact<{ newEnd: string }>[];
  terminations: Fact<{ reason: string }>[];
}

export interface RegisteredHealthRecord {
  form: string;
  complete: boolean;
  openedOn: string;
}

export interface ResidentModel {
  residentId: string;
  revision: number;
  registered?: Fact<{
    birthDate: string;
    sex: string;
    unitId: string;
    householdId: string | null;
    tags: string[];
    /** The health record stated at registration (ResidentRegistered.healthRecord). */
    healthRecord?: RegisteredHealthRecord;
    /** A child registered at birth: the mother and her delivery (ResidentRegistered.birth). */
    birth?: { motherId: string; deliveryRecordId: string };
  }>;
  tagChanges: Fact<{ added: string[]; removed: string[] }>[];
  reassignments: Fact<{ toUnitId: string }>[];
  movedOut: Fact<Record<string, unknown>>[];
  died: Fact<Record<string, unknown>>[];
  /**
   * The keyed hash of the national ID number each identity event left (registration, correction,
   * erasure), in log order; null: none from then on. The EHR indicators count a person once by it.
   */
  identity: Fact<{ idNumberHash: string | null }>[];
  records: Map<string, RecordModel>;
}

export const newResident = (residentId: string): ResidentModel => ({
  residentId,
  revision: -1,
  tagChanges: NONE,
  reassignments: NONE,
  movedOut: NONE,
  died: NONE,
  identity: NONE,
  records: new Map(),
});
