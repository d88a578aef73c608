import { recordVoided, registered, servingDoctor, specFor } from '../testing/fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { recordChildTcmGuidance } from './record-child-tcm-guidance.action';

const given = specFor(recordChildTcmGuidance, servingDoctor());
// Born 15 September 2023: six months on 15 March 2024.
const child = () => registered('2023-09-15');
const guide = (over: Record<string, unknown> = {}) => ({
  type: 'RecordChildTcmGuidance',
  residentId: 'r1',
  recordId: 'ctcm-6',
  doctorId: 'd1',
  ageMonths: 6,
  occurredAt: '2024-03-15',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  {
    type: 'ChildTcmGuidanceRecorded',
    data: {
      residentId: 'r1',
      recordId: 'ctcm-6',
      doctorId: 'd1',
      ageMonths: 6,
      occurredAt: '2024-03-15',
      ...over,
    },
  } as ResidentEvent,
];

describe('RecordChildTcmGuidance', () => {
  it('records guidance on the day the child is six months old', () => {
    given([child()]).when(guide()).then(recorded());
  });

  describe('near the month age: from 30 days before to 60 days after', () => {
    it('refuses guidance 31 days early (CHILD_TCM_OUTSIDE_AGE)', () => {
      given([child()])
        .when(guide({ occurredAt: '2024-02-13' }))
        .thenThrows('CHILD_TCM_OUTSIDE_AGE');
    });
    it('near miss: accepts it 30 days early', () => {
      given([child()])
        .when(guide({ occurredAt: '2024-02-14' }))
        .then(recorded({ occurredAt: '2024-02-14' }));
    });
    it('refuses guidance 61 days late', () => {
      given([child()])
        .when(guide({ occurredAt: '2024-05-15' }))
        .thenThrows('CHILD_TCM_OUTSIDE_AGE');
    });
    it('near miss: accepts it 60 days late', () => {
      given([child()])
        .when(guide({ occurredAt: '2024-05-14' }))
        .then(recorded({ occurredAt: '2024-05-14' }));
    });
  });

  it('refuses a second guidance for the same month age (CHILD_TCM_AGE_DONE)', () => {
    given([child(), ...recorded()])
      .when(guide({ recordId: 'ctcm-6b', occurredAt: '2024-03-20' }))
      .thenThrows('CHILD_TCM_AGE_DONE');
  });

  it('near miss: a voided one may be given again', () => {
    given([child(), ...recorded(), recordVoided('ctcm-6', 'child_tcm_guidance')])
      .when(guide({ recordId: 'ctcm-6b' }))
      .then(recorded({ recordId: 'ctcm-6b' }));
  });
});
