import type { DiseaseClass, EducationActivityKind, SupervisionReportKind } from './vocabulary';

/**
 * A unit's public-health activities of one year (stream activities-<unit>-<year>): what the
 * centre or station did itself, not a service to a resident, so no resident is named.
 */
export type UnitActivityEvent =
  | {
      type: 'HealthEducationActivityRecorded';
      data: {
        unitId: string;
        recordId: string;
        kind: EducationActivityKind;
        /** The lecture's topic, the material's or video's title, the board's theme. */
        title: string;
        /** People who attended, or copies handed out; null when not counted (a board). */
        audience: number | null;
        doctorId: string;
        occurredAt: string;
      };
    }
  | {
      type: 'InfectiousDiseaseCaseRecorded';
      data: {
        unitId: string;
        recordId: string;
        disease: string;
        diseaseClass: DiseaseClass;
        /** A class B disease the law has managed as class A (乙类甲管): reported within 2 hours. */
        managedAsClassA: boolean;
        /** When the case card was reported online; null: found but not reported. */
        reportedAt: string | null;
        doctorId: string;
        /** When the case was found (diagnosed): the instant the reporting clock starts. */
        occurredAt: string;
      };
    }
  | {
      type: 'HealthSupervisionReportRecorded';
      data: {
        unitId: string;
        recordId: string;
        kind: SupervisionReportKind;
        doctorId: string;
        occurredAt: string;
      };
    };

export interface UnitActivityState {
  /** Record ids used in this stream, so a sender's id names one record. */
  recordIds: Record<string, UnitActivityEvent['type']>;
}

export const initialUnitActivityState = (): UnitActivityState => ({ recordIds: {} });

export function evolveUnitActivity(
  state: UnitActivityState,
  event: UnitActivityEvent,
): UnitActivityState {
  switch (event.type) {
    case 'HealthEducationActivityRecorded':
    case 'InfectiousDiseaseCaseRecorded':
    case 'HealthSupervisionReportRecorded':
      return { recordIds: { ...state.recordIds, [event.data.recordId]: event.type } };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
