import { NOW, died, servingDoctor, specFor } from '../testing/fixtures';
import { deliveryRecorded, pregnancyRegistered, woman } from '../testing/maternal-fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { recordDelivery } from './record-delivery.action';

const given = specFor(recordDelivery, servingDoctor());
const twins = [
  { childId: 'baby-1', sex: 'female', birthWeightGrams: 2600 },
  { childId: 'baby-2', sex: 'male', birthWeightGrams: 2450 },
];
const deliver = (over: Record<string, unknown> = {}) => ({
  type: 'RecordDelivery',
  residentId: 'r1',
  recordId: 'del-1',
  doctorId: 'd1',
  place: 'hospital',
  liveBirths: [{ childId: 'baby-1', sex: 'female', birthWeightGrams: 3200 }],
  dischargeDate: '2024-05-04',
  occurredAt: '2024-05-01',
  ...over,
});
const delivered = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  deliveryRecorded('del-1', '2024-05-01', { dischargeDate: '2024-05-04', ...over }),
];

describe('RecordDelivery', () => {
  it('ends the open pregnancy and names the live-born child', () => {
    given([woman(), pregnancyRegistered()]).when(deliver()).then(delivered());
  });

  it('records twins as two live births', () => {
    given([woman(), pregnancyRegistered()])
      .when(deliver({ liveBirths: twins }))
      .then(delivered({ liveBirths: twins }));
  });

  it('near miss: a woman who never registered the pregnancy delivers all the same', () => {
    given([woman()])
      .when(deliver())
      .then(delivered({ pregnancyRecordId: null }));
  });

  it('near miss: a stillbirth alone is a delivery with no live birth', () => {
    given([woman(), pregnancyRegistered()])
      .when(deliver({ liveBirths: [], stillbirths: 1 }))
      .then(delivered({ liveBirths: [], stillbirths: 1 }));
  });

  it('refuses a delivery with no birth at all (DELIVERY_WITHOUT_BIRTH)', () => {
    given([woman()])
      .when(deliver({ liveBirths: [] }))
      .thenThrows('DELIVERY_WITHOUT_BIRTH');
  });

  it('refuses a child id named twice, by an earlier delivery, or the mother as her own child (CHILD_ID_REPEATED)', () => {
    given([woman(), deliveryRecorded('del-0', '2022-05-01', { pregnancyRecordId: null })])
      .when(deliver())
      .thenThrows('CHILD_ID_REPEATED');
    given([woman()])
      .when(deliver({ liveBirths: [twins[0], { ...twins[1], childId: 'baby-1' }] }))
      .thenThrows('CHILD_ID_REPEATED');
    given([woman()])
      .when(deliver({ liveBirths: [{ ...twins[0], childId: 'r1' }] }))
      .thenThrows('CHILD_ID_REPEATED');
  });

  describe('discharge', () => {
    it('defaults to the delivery day (a home delivery)', () => {
      given([woman(), pregnancyRegistered()])
        .when(deliver({ place: 'home', dischargeDate: undefined }))
        .then(delivered({ place: 'home', dischargeDate: '2024-05-01' }));
    });
    it('refuses a discharge before the delivery (DISCHARGE_BEFORE_DELIVERY)', () => {
      given([woman()])
        .when(deliver({ dischargeDate: '2024-04-30' }))
        .thenThrows('DISCHARGE_BEFORE_DELIVERY');
    });
    it('refuses a discharge in the future', () => {
      given([woman()])
        .when(deliver({ occurredAt: NOW, dischargeDate: '2024-07-01' }))
        .thenThrows('OCCURRED_IN_FUTURE');
    });
  });

  describe('one delivery per pregnancy', () => {
    it('refuses a second delivery less than 28 weeks after one (DELIVERY_ALREADY_RECORDED)', () => {
      given([
        woman(),
        deliveryRecorded('del-0', '2023-10-19', { pregnancyRecordId: null, liveBirths: [] }),
      ])
        .when(deliver())
        .thenThrows('DELIVERY_ALREADY_RECORDED');
    });
    it('…even when migrated: a kept duplicate would count its births twice', () => {
      given([
        woman(),
        deliveryRecorded('del-0', '2023-10-19', { pregnancyRecordId: null, liveBirths: [] }),
      ])
        .when(deliver({ migrated: true }))
        .thenThrows('DELIVERY_ALREADY_RECORDED');
    });
    it('near miss: 28 weeks (196 days) after the last one is a new delivery', () => {
      given([
        woman(),
        deliveryRecorded('del-0', '2023-10-18', { pregnancyRecordId: null, liveBirths: [] }),
      ])
        .when(deliver())
        .then(delivered({ pregnancyRecordId: null }));
    });
  });

  it('refuses a delivery after the mother died', () => {
    given([woman(), died('2024-04-30')])
      .when(deliver())
      .thenThrows('SERVICE_AFTER_DEATH');
  });
});
