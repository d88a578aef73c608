import { registered, servingDoctor, specFor } from '../testing/fixtures';
import { tbEnded, tbNotified } from '../testing/tb-fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { recordTbFollowUp } from './record-tb-follow-up.action';

const given = specFor(recordTbFollowUp, servingDoctor());
const followUp = (over: Record<string, unknown> = {}) => ({
  type: 'RecordTbFollowUp',
  residentId: 'r1',
  recordId: 'tbf-1',
  doctorId: 'd1',
  mode: 'face_to_face_home',
  phase: 'intensive',
  adverseReaction: false,
  occurredAt: '2024-03-11',
  ...over,
});
const recorded = (over: Record<string, unknown> = {}): ResidentEvent[] => [
  {
    type: 'TbFollowUpRecorded',
    data: {
      residentId: 'r1',
      recordId: 'tbf-1',
      doctorId: 'd1',
      treatmentId: 'tb-1',
      mode: 'face_to_face_home',
      phase: 'intensive',
      adverseReaction: false,
      occurredAt: '2024-03-11',
      ...over,
    },
  } as ResidentEvent,
];

describe('RecordTbFollowUp', () => {
  it('records a follow-up in the intensive phase, under the current treatment', () => {
    given([registered(), tbNotified()]).when(followUp()).then(recorded());
  });

  it('names the treatment the day falls in: a relapse gets its own', () => {
    given([
      registered(),
      tbNotified('2023-06-01', { recordId: 'tb-0' }),
      tbEnded('2023-12-01', 'cured', 'tb-0'),
      tbNotified(),
    ])
      .when(followUp({ mode: 'face_to_face_clinic', phase: 'continuation', adverseReaction: true }))
      .then(
        recorded({ mode: 'face_to_face_clinic', phase: 'continuation', adverseReaction: true }),
      );
  });

  it('refuses a resident never notified, and a follow-up before the notification', () => {
    given([registered()]).when(followUp()).thenThrows('TB_NOT_A_PATIENT');
    given([registered(), tbNotified('2024-03-12')])
      .when(followUp())
      .thenThrows('TB_RECORD_BEFORE_NOTIFICATION');
  });

  it('refuses a follow-up after the end, and keeps it when migrated', () => {
    given([registered(), tbNotified(), tbEnded('2024-03-10', 'lost')])
      .when(followUp())
      .thenThrows('TB_RECORD_AFTER_TREATMENT_END');
    given([registered(), tbNotified(), tbEnded('2024-03-10', 'lost')])
      .when(followUp({ migrated: true }))
      .then(recorded());
  });
});
