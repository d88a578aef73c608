import type { RecordedEvent } from '@libs/ledger';
import { type LedgerView, ledgerView } from '../ledger-view';

/**
 * Hand-made envelopes for the detectors' specs. The detectors read type, data, both clocks,
 * eventId, actor and position only; the hash is a placeholder and nothing checks the chain.
 * Every builder returns the event id, so a spec can name the evidence it expects.
 */
export class EventLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();
  private seq = 0;

  /** The log as the detectors read it, as it stands now. */
  view(): LedgerView {
    return ledgerView(this.events);
  }

  add(
    streamId: string,
    type: string,
    data: Record<string, unknown>,
    occurredAt: string,
    recordedAt?: string,
    actor = 'tester',
  ): string {
    this.seq += 1;
    const eventId = `ev-${this.seq}`;
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    this.events.push({
      eventId,
      type,
      schemaVersion: 1,
      streamId,
      revision,
      position: this.seq,
      recordedAt: recordedAt ?? at(occurredAt),
      occurredAt,
      actor,
      correlationId: null,
      causationId: null,
      commandId: null,
      data: { ...data, occurredAt },
      hash: '0'.repeat(64),
    });
    return eventId;
  }

  unit(unitId: string, parentId: string | null = null): string {
    return this.add(
      `orgunit-${unitId}`,
      'OrgUnitRegistered',
      { unitId, name: unitId, kind: parentId ? 'community_centre' : 'district', parentId },
      '2020-01-01',
    );
  }

  resident(residentId: string, unitId = 'c1'): string {
    return this.add(
      `resident-${residentId}`,
      'ResidentRegistered',
      { residentId, birthDate: '1950-01-01', sex: 'female', unitId, householdId: null, tags: [] },
      '2020-01-01',
    );
  }

  died(residentId: string, day: string, recordedAt?: string): string {
    return this.add(`resident-${residentId}`, 'ResidentDied', { residentId }, day, recordedAt);
  }

  movedOut(residentId: string, day: string, recordedAt?: string): string {
    return this.add(
      `resident-${residentId}`,
      'ResidentMovedOut',
      { residentId, destination: null },
      day,
      recordedAt,
    );
  }

  followUp(
    residentId: string,
    day: string,
    o: {
      doctorId?: string;
      condition?: 'hypertension' | 'diabetes';
      mode?: 'face_to_face_clinic' | 'face_to_face_home' | 'phone';
      systolic?: number;
      diastolic?: number;
      fastingGlucose?: number;
      weightKg?: number;
      recordedAt?: string;
      recordId?: string;
    } = {},
  ): string {
    const recordId = o.recordId ?? `fu-${this.seq + 1}`;
    return this.add(
      `resident-${residentId}`,
      'FollowUpRecorded',
      {
        residentId,
        recordId,
        doctorId: o.doctorId ?? 'd1',
        condition: o.condition ?? 'hypertension',
        mode: o.mode ?? 'face_to_face_clinic',
        referral: false,
        systolic: o.systolic ?? 132,
        diastolic: o.diastolic ?? 84,
        fastingGlucose: o.fastingGlucose,
        weightKg: o.weightKg,
      },
      day,
      o.recordedAt,
    );
  }

  checkup(
    residentId: string,
    day: string,
    o: {
      doctorId?: string;
      vitals?: Record<string, number>;
      recordedAt?: string;
      recordId?: string;
    } = {},
  ): string {
    return this.add(
      `resident-${residentId}`,
      'CheckupRecorded',
      {
        residentId,
        recordId: o.recordId ?? `ck-${this.seq + 1}`,
        doctorId: o.doctorId ?? 'd1',
        kind: 'elderly_annual',
        complete: true,
        vitals: o.vitals ?? { systolic: 128, diastolic: 78 },
      },
      day,
      o.recordedAt,
    );
  }

  tcm(residentId: string, day: string, doctorId = 'd1', recordedAt?: string): string {
    return this.add(
      `resident-${residentId}`,
      'TcmAssessmentRecorded',
      {
        residentId,
        recordId: `tcm-${this.seq + 1}`,
        doctorId,
        constitution: 'balanced',
        guidanceGiven: true,
      },
      day,
      recordedAt,
    );
  }

  contract(residentId: string, day: string, doctorId = 'd1', recordedAt?: string): string {
    const year = Number(day.slice(0, 4));
    return this.add(
      `resident-${residentId}`,
      'ContractSigned',
      {
        residentId,
        contractId: `ct-${this.seq + 1}`,
        doctorId,
        teamId: null,
        start: day.slice(0, 10),
        end: `${year}-12-31`,
        household: false,
        servicePackage: 'basic',
      },
      day,
      recordedAt,
    );
  }

  correct(residentId: string, recordId: string, changes: Record<string, unknown>, day: string) {
    return this.add(
      `resident-${residentId}`,
      'RecordCorrected',
      { residentId, recordId, recordType: 'follow_up', changes, reason: 'typo' },
      day,
    );
  }

  void(residentId: string, recordId: string, day: string): string {
    return this.add(
      `resident-${residentId}`,
      'RecordVoided',
      { residentId, recordId, recordType: 'follow_up', reason: 'duplicate' },
      day,
    );
  }

  funds(fromUnitId: string, toUnitId: string, amountFen: number, day: string): string {
    return this.add(
      `funds-${fromUnitId}`,
      'FundsDisbursed',
      { fromUnitId, toUnitId, amountFen },
      day,
    );
  }

  /** The record id a builder gave the event (data.recordId or data.contractId). */
  recordIdOf(eventId: string): string {
    const e = this.events.find((x) => x.eventId === eventId)!;
    return (e.data.recordId ?? e.data.contractId) as string;
  }

  /**
   * A migration of another system's records, as `import --migration` writes it: MigrationStarted
   * in its own stream, recorded on `day` (the migration's day), and its correlation id, which the
   * migrated events carry (see migrated()).
   */
  migrationStarted(day: string, sha = 'ab'.repeat(32)): string {
    const streamId = `migration-${sha}`;
    this.add(
      streamId,
      'MigrationStarted',
      { fileSha256: sha, sourceSystem: 'old', fileName: 'f.ndjson', fileBytes: 1 },
      day,
      at(day),
      'operator',
    );
    return streamId;
  }

  /** Marks an event as migrated: the migration's correlation id, and the source time if given. */
  migrated(eventId: string, correlationId: string, sourceRecordedAt?: string): string {
    const e = this.events.find((x) => x.eventId === eventId)!;
    e.correlationId = correlationId;
    if (sourceRecordedAt !== undefined) e.sourceRecordedAt = sourceRecordedAt;
    return eventId;
  }
}

/** A plain day becomes 10:00 China time that day (02:00Z); instants pass through. */
export function at(occurredAt: string, plusDays = 0): string {
  const base = /^\d{4}-\d{2}-\d{2}$/.test(occurredAt)
    ? Date.parse(`${occurredAt}T02:00:00Z`)
    : Date.parse(occurredAt);
  return new Date(base + plusDays * 86_400_000).toISOString();
}

/** Consecutive calendar days from `start`. */
export function days(start: string, n: number): string[] {
  const t = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) =>
    new Date(t + i * 86_400_000).toISOString().slice(0, 10),
  );
}
