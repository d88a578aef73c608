import type { ResidentEvent } from './resident-events';
import {
  type ResidentState,
  evolveResident,
  foldResident,
  initialResidentState,
} from './resident-state';

/** Only the fields the fold reads; the deciders' own specs hold the events' full shapes. */
const event = (type: string, data: Record<string, unknown>) =>
  ({ type, data: { residentId: 'r1', ...data } }) as unknown as ResidentEvent;

const stream: ResidentEvent[] = [
  event('ResidentRegistered', {
    occurredAt: '2024-01-03',
    birthDate: '1950-02-01',
    sex: 'female',
    unitId: 'hc-jy',
    householdId: null,
    tags: ['elderly'],
  }),
  event('CheckupRecorded', { recordId: 'c1', occurredAt: '2024-03-01', doctorId: 'd1' }),
  event('ChronicCareEnrolled', {
    recordId: 'e1',
    occurredAt: '2024-03-02',
    condition: 'hypertension',
  }),
  event('FollowUpRecorded', { recordId: 'f1', occurredAt: '2024-04-02', systolic: 150 }),
  // A correction and a void make maps of their own; records added after them must still land.
  event('RecordCorrected', {
    recordId: 'f1',
    occurredAt: '2024-05-01',
    changes: { systolic: 130 },
  }),
  event('FollowUpRecorded', { recordId: 'f2', occurredAt: '2024-07-02', systolic: 128 }),
  event('RecordVoided', { recordId: 'c1', occurredAt: '2024-07-03', reason: 'entered twice' }),
  event('FollowUpRecorded', { recordId: 'f3', occurredAt: '2024-10-02', systolic: 126 }),
  event('CheckupRecorded', { recordId: 'c2', occurredAt: '2024-10-05', doctorId: 'd1' }),
];

describe('foldResident', () => {
  it('gives the state evolveResident gives, event by event, from the start', () => {
    for (let n = 0; n <= stream.length; n += 1) {
      const slice = stream.slice(0, n);
      expect(foldResident(initialResidentState(), slice)).toEqual(
        slice.reduce(evolveResident, initialResidentState()),
      );
    }
  });

  it('folds onward from a kept state without changing it (a cached state is shared)', () => {
    const kept: ResidentState = stream.slice(0, 3).reduce(evolveResident, initialResidentState());
    const before = structuredClone(kept);
    const onward = foldResident(kept, stream.slice(3));
    expect(kept).toEqual(before);
    expect(onward).toEqual(stream.reduce(evolveResident, initialResidentState()));
    expect(Object.keys(onward.records).sort()).toEqual(['c1', 'c2', 'e1', 'f1', 'f2', 'f3']);
  });

  it('leaves evolving one event pure after a fold (the fold lets go of its map)', () => {
    const folded = foldResident(initialResidentState(), stream);
    const next = evolveResident(
      folded,
      event('FollowUpRecorded', { recordId: 'f4', occurredAt: '2024-12-02', systolic: 125 }),
    );
    expect(folded.records.f4).toBeUndefined();
    expect(next.records.f4?.occurredAt).toBe('2024-12-02');
  });
});
