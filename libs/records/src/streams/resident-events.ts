import type {
  CheckupKind,
  ChildCheckupAge,
  ChildTcmAge,
  Condition,
  DoseSite,
  DeliveryPlace,
  FollowUpMode,
  HealthRecordForm,
  HealthRecordItem,
  MentalStatus,
  PatientLiving,
  SevereMentalDisorder,
  KeyPopulationTag,
  RecordType,
  Sex,
  TbDosing,
  TbOutcome,
  TbPhase,
  TbRegimen,
  TbSupervisor,
  TcmConstitution,
} from './vocabulary';
import type { Vitals } from '../rules/vitals';
import type { Vaccine } from '../rules/immunisation-schedule';

/** A health record as a registration states it. */
export interface HealthRecordState {
  form: HealthRecordForm;
  complete: boolean;
  /** The day it was opened (on or before the registration). */
  openedOn: string;
}

/** A child born alive at a delivery, named by the resident id the child is registered under. */
export interface LiveBirth {
  childId: string;
  sex: Sex;
  birthWeightGrams: number;
}

/** A resident registered at birth: the mother and the delivery that names the child. */
export interface BirthOfResident {
  motherId: string;
  deliveryRecordId: string;
}

/**
 * What the log says of personal data kept in the vault: which fields, and for matching a keyed
 * hash (HMAC-SHA256 with the ledger secret) of the normalised ID number. Never a value.
 */
export interface PersonalDataNote {
  fields: ('name' | 'idNumber' | 'phone' | 'address')[];
  idNumberHash?: string;
}

interface Base {
  residentId: string;
  occurredAt: string;
}

/** Everything that can happen to one resident; no names, ID-card or phone numbers, ever. */
export type ResidentEvent =
  | {
      type: 'ResidentRegistered';
      data: Base & {
        birthDate: string;
        sex: Sex;
        unitId: string;
        householdId: string | null;
        tags: KeyPopulationTag[];
        /**
         * The health record the resident came with, as the system before kept it: present only
         * when the registration states one (a roll migrated from an EHR system does).
         */
        healthRecord?: HealthRecordState;
        /** Present when the resident was registered as a child of a delivery on the mother's stream. */
        birth?: BirthOfResident;
        /** Personal data given with the registration, kept in the vault (never here). */
        personalData?: PersonalDataNote;
      };
    }
  | {
      type: 'ResidentIdentityCorrected';
      data: Base & { personalData: PersonalDataNote; reason?: string };
    }
  | {
      type: 'ResidentIdentityErased';
      data: Base & { reason: string };
    }
  | {
      type: 'ResidentTagsUpdated';
      data: Base & { added: KeyPopulationTag[]; removed: KeyPopulationTag[] };
    }
  | { type: 'ResidentReassigned'; data: Base & { fromUnitId: string; toUnitId: string } }
  | { type: 'ResidentMovedOut'; data: Base & { destination: string | null } }
  | { type: 'ResidentDied'; data: Base }
  | {
      type: 'ContractSigned';
      data: Base & {
        contractId: string;
        doctorId: string;
        teamId: string | null;
        start: string;
        end: string;
        household: boolean;
        servicePackage: string;
      };
    }
  | {
      type: 'ContractRenewed';
      data: Base & { contractId: string; previousEnd: string; newEnd: string };
    }
  | { type: 'ContractTerminated'; data: Base & { contractId: string; reason: string } }
  | {
      type: 'CheckupRecorded';
      data: Base & {
        recordId: string;
        doctorId: string;
        kind: CheckupKind;
        complete: boolean;
        vitals: Vitals;
      };
    }
  | {
      type: 'TcmAssessmentRecorded';
      data: Base & {
        recordId: string;
        doctorId: string;
        constitution: TcmConstitution;
        guidanceGiven: boolean;
      };
    }
  | {
      type: 'ChronicCareEnrolled';
      data: Base & { recordId: string; condition: Condition; doctorId: string | null };
    }
  | {
      type: 'FollowUpRecorded';
      data: Base &
        Vitals & {
          recordId: string;
          doctorId: string;
          condition: Condition;
          mode: FollowUpMode;
          referral: boolean;
        };
    }
  | {
      type: 'HealthRecordOpened';
      data: Base & {
        recordId: string;
        doctorId: string;
        form: HealthRecordForm;
        complete: boolean;
      };
    }
  | {
      type: 'HealthRecordReviewed';
      data: Base & {
        recordId: string;
        doctorId: string;
        /** The record's form after the review (a paper record is digitised at review). */
        form: HealthRecordForm;
        /** Nothing missing: the record is standardised (规范化). */
        complete: boolean;
        missing: HealthRecordItem[];
      };
    }
  | {
      type: 'MentalDisorderPatientRegistered';
      data: Base & {
        recordId: string;
        doctorId: string;
        diagnosis: SevereMentalDisorder;
        /** The patient (or guardian) agreed to be managed (知情同意). */
        consent: boolean;
        livingAt: PatientLiving;
      };
    }
  | {
      type: 'MentalHealthFollowUpRecorded';
      data: Base & {
        recordId: string;
        doctorId: string;
        mode: FollowUpMode;
        status: MentalStatus;
        onMedication: boolean;
      };
    }
  | {
      type: 'ChildTcmGuidanceRecorded';
      data: Base & { recordId: string; doctorId: string; ageMonths: ChildTcmAge };
    }
  | {
      /** The centre received the designated hospital's notification of a patient (occurredAt). */
      type: 'TuberculosisPatientRegistered';
      data: Base & {
        /** The treatment's id: every later record of the treatment names it. */
        recordId: string;
        doctorId: string;
        /** The day the hospital started the treatment. */
        treatmentStart: string;
        regimen: TbRegimen;
        dosing: TbDosing;
      };
    }
  | {
      type: 'TbFirstVisitRecorded';
      data: Base & {
        recordId: string;
        doctorId: string;
        treatmentId: string;
        supervisor: TbSupervisor;
      };
    }
  | {
      /** A month of the medication card (服药卡): the doses due and those taken under supervision. */
      type: 'TbMedicationRecorded';
      data: Base & {
        recordId: string;
        doctorId: string;
        treatmentId: string;
        /** The month the doses were due (YYYY-MM). */
        month: string;
        dosesDue: number;
        dosesTaken: number;
      };
    }
  | {
      type: 'TbFollowUpRecorded';
      data: Base & {
        recordId: string;
        doctorId: string;
        treatmentId: string;
        mode: FollowUpMode;
        phase: TbPhase;
        adverseReaction: boolean;
      };
    }
  | {
      type: 'TbTreatmentEnded';
      data: Base & { recordId: string; doctorId: string; treatmentId: string; outcome: TbOutcome };
    }
  | {
      type: 'NewbornVisitRecorded';
      /** occurredAt is the visit's day; dischargedOn the day the newborn left hospital. */
      data: Base & {
        recordId: string;
        doctorId: string;
        dischargedOn: string;
        eyeExamined: boolean;
      };
    }
  | {
      type: 'ChildCheckupRecorded';
      data: Base & {
        recordId: string;
        doctorId: string;
        ageMonths: ChildCheckupAge;
        eyeExamined: boolean;
        /** Visual acuity, five-point notation, when tested (from 4 years). */
        visionLeft?: number;
        visionRight?: number;
      };
    }
  | {
      type: 'VaccinationCertificateIssued';
      /** The doctor who issued it; none for a certificate issued before the ledger or elsewhere. */
      data: Base & { recordId: string; doctorId: string | null };
    }
  | {
      type: 'VaccineDoseRecorded';
      /**
       * A dose of the national schedule. Lot, manufacturer, site and the vaccinator may be
       * missing (a dose copied from an old certificate): such a record is incomplete.
       */
      data: Base & {
        recordId: string;
        vaccine: Vaccine;
        dose: number;
        doctorId: string | null;
        lotNumber: string | null;
        manufacturer: string | null;
        site: DoseSite | null;
      };
    }
  | {
      type: 'PregnancyRegistered';
      data: Base & {
        recordId: string;
        doctorId: string;
        /** Completed weeks of gestation on the registration day (孕周). */
        gestationalWeek: number;
        expectedDeliveryDate: string;
      };
    }
  | {
      type: 'AntenatalCheckRecorded';
      data: Base & {
        recordId: string;
        doctorId: string;
        gestationalWeek: number;
        /** The pregnancy the check belongs to (the one registered and open on its day). */
        pregnancyRecordId: string;
      };
    }
  | {
      type: 'DeliveryRecorded';
      data: Base & {
        recordId: string;
        doctorId: string;
        place: DeliveryPlace;
        liveBirths: LiveBirth[];
        stillbirths: number;
        dischargeDate: string;
        /** The registered pregnancy it ends; null for a woman who never registered one. */
        pregnancyRecordId: string | null;
      };
    }
  | {
      type: 'PostpartumVisitRecorded';
      data: Base & { recordId: string; doctorId: string; deliveryRecordId: string };
    }
  | {
      type: 'PostpartumCheckRecorded';
      data: Base & { recordId: string; doctorId: string; deliveryRecordId: string };
    }
  | {
      type: 'RecordCorrected';
      data: Base & {
        recordId: string;
        recordType: RecordType;
        changes: Record<string, unknown>;
        reason: string;
      };
    }
  | {
      type: 'RecordVoided';
      data: Base & { recordId: string; recordType: RecordType; reason: string };
    };

export type ResidentEventType = ResidentEvent['type'];
