import type { ResidentEvent } from '../streams/resident-events';

/** History events of a tuberculosis treatment `tb-1` of resident r1, for the decide specs. */
export const tbNotified = (on = '2024-03-01', over: Record<string, unknown> = {}): ResidentEvent =>
  ({
    type: 'TuberculosisPatientRegistered',
    data: {
      residentId: 'r1',
      recordId: 'tb-1',
      doctorId: 'd1',
      treatmentStart: '2024-02-26',
      regimen: 'initial',
      dosing: 'daily',
      occurredAt: on,
      ...over,
    },
  }) as ResidentEvent;

export const tbFirstVisited = (on = '2024-03-03', recordId = 'tbv-1'): ResidentEvent => ({
  type: 'TbFirstVisitRecorded',
  data: {
    residentId: 'r1',
    recordId,
    doctorId: 'd1',
    treatmentId: 'tb-1',
    supervisor: 'family_member',
    occurredAt: on,
  },
});

export const tbMedicationRecorded = (
  month = '2024-03',
  on = '2024-03-31',
  recordId = `tbm-${month}`,
  treatmentId = 'tb-1',
): ResidentEvent => ({
  type: 'TbMedicationRecorded',
  data: {
    residentId: 'r1',
    recordId,
    doctorId: 'd1',
    treatmentId,
    month,
    dosesDue: 31,
    dosesTaken: 30,
    occurredAt: on,
  },
});

export const tbEnded = (
  on = '2024-06-20',
  outcome = 'completed',
  treatmentId = 'tb-1',
  recordId = `tbe-${treatmentId}`,
): ResidentEvent =>
  ({
    type: 'TbTreatmentEnded',
    data: { residentId: 'r1', recordId, doctorId: 'd1', treatmentId, outcome, occurredAt: on },
  }) as ResidentEvent;
