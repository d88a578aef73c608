import type { RecordedEvent } from '@libs/ledger';
import { knownAt, knownBy, refOf } from './event-ref';

const envelope = (recordedAt: string, sourceRecordedAt?: string): RecordedEvent => ({
  eventId: 'e1',
  type: 'FollowUpRecorded',
  schemaVersion: 1,
  streamId: 'resident-r1',
  revision: 0,
  position: 1,
  recordedAt,
  occurredAt: '2024-03-05',
  actor: 'operator',
  correlationId: null,
  causationId: null,
  commandId: 'c1',
  ...(sourceRecordedAt ? { sourceRecordedAt } : {}),
  data: {},
  hash: '0'.repeat(64),
});

describe('as-of by ledger time or by source time', () => {
  // Recorded in the old system in March, brought into the ledger in December.
  const migrated = { ref: refOf(envelope('2024-12-01T02:00:00.000Z', '2024-03-05T02:00:00.000Z')) };
  const native = { ref: refOf(envelope('2024-04-01T02:00:00.000Z')) };
  const april = '2024-04-30T15:59:59.999Z';

  it('by ledger time (the default): known once the ledger recorded it', () => {
    expect(knownBy(april)(migrated)).toBe(false);
    expect(knownBy(april, 'ledger')(native)).toBe(true);
  });

  it('by source time: a migrated record counts from its source time, others from recordedAt', () => {
    expect(knownBy(april, 'source')(migrated)).toBe(true);
    expect(knownBy('2024-03-01T00:00:00.000Z', 'source')(migrated)).toBe(false);
    expect(knownBy(april, 'source')(native)).toBe(true);
    expect(knownAt(native.ref, 'source')).toBe(native.ref.recordedAt);
  });

  it('null asOf is everything known now, on either basis', () => {
    expect(knownBy(null, 'source')(migrated)).toBe(true);
    expect(knownBy(null)(migrated)).toBe(true);
  });

  it('the reference carries the source time only where there is one', () => {
    expect(migrated.ref.sourceRecordedAt).toBe('2024-03-05T02:00:00.000Z');
    expect('sourceRecordedAt' in native.ref).toBe(false);
  });
});
