import type { ResidentEvent } from '../streams/resident-events';

/** A woman born in 1995 (the spec resident r1), for the maternal care specs. */
export const woman = (): ResidentEvent => ({
  type: 'ResidentRegistered',
  data: {
    residentId: 'r1',
    birthDate: '1995-04-01',
    sex: 'female',
    unitId: 'u1',
    householdId: 'h1',
    tags: [],
    occurredAt: '2020-02-01',
  },
});

export const pregnancyRegistered = (
  recordId = 'preg-1',
  on = '2024-01-10',
  gestationalWeek = 8,
  expectedDeliveryDate = '2024-08-21',
): ResidentEvent => ({
  type: 'PregnancyRegistered',
  data: {
    residentId: 'r1',
    recordId,
    doctorId: 'd1',
    gestationalWeek,
    expectedDeliveryDate,
    occurredAt: on,
  },
});

export const deliveryRecorded = (
  recordId = 'del-1',
  on = '2024-05-01',
  over: Record<string, unknown> = {},
): ResidentEvent =>
  ({
    type: 'DeliveryRecorded',
    data: {
      residentId: 'r1',
      recordId,
      doctorId: 'd1',
      place: 'hospital',
      liveBirths: [{ childId: 'baby-1', sex: 'female', birthWeightGrams: 3200 }],
      stillbirths: 0,
      dischargeDate: on,
      pregnancyRecordId: 'preg-1',
      occurredAt: on,
      ...over,
    },
  }) as ResidentEvent;
