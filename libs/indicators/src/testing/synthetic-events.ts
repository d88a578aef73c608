import type { RecordedEvent } from '@libs/ledger';
import type { DoctorEvent, OrgUnitEvent, ResidentEvent, TargetEvent } from '@libs/records';
import { streamIds } from '@libs/records';

/**
 * Envelopes without a store, for fixtures too large to push through the command path in a unit
 * test (a whole district: hundreds of thousands of residents). The indicators read an envelope's
 * fields only (stream, revision, position, both clocks, data), so these envelopes carry dense
 * positions and per-stream revisions, a monotonic recordedAt and a placeholder hash; nothing
 * checks the chain. The deciders that make real events are exercised by the fixture built through
 * commands (testing/ledger-fixture.ts, e.g. evaluate/quanxiu-pace.spec.ts); the data shapes here are
 * the event types of @libs/records, so the compiler keeps them the same.
 */
export const PLACEHOLDER_HASH = '0'.repeat(64);

type DataOf<E extends { type: string; data: unknown }, T extends E['type']> = Extract<
  E,
  { type: T }
>['data'];

interface Pending {
  streamId: string;
  type: string;
  data: Record<string, unknown> & { occurredAt: string };
}

const DAY_MS = 86_400_000;
/** 2010–2030 as a table: fixtures shift millions of days, and Date round trips add up. */
const CALENDAR: string[] = [];
const CALENDAR_INDEX = new Map<string, number>();
for (let t = Date.UTC(2010, 0, 1); t < Date.UTC(2031, 0, 1); t += DAY_MS) {
  CALENDAR_INDEX.set(new Date(t).toISOString().slice(0, 10), CALENDAR.length);
  CALENDAR.push(new Date(t).toISOString().slice(0, 10));
}

/** Calendar arithmetic on YYYY-MM-DD days. */
export function addDays(day: string, days: number): string {
  const i = CALENDAR_INDEX.get(day);
  const shifted = i === undefined ? undefined : CALENDAR[i + days];
  return (
    shifted ?? new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
  );
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** `day`T10:00:00.000Z plus `ms` milliseconds, formatted without a Date while it stays within the day. */
function instantOf(day: string, ms: number): string {
  const t = 36_000_000 + ms;
  if (t >= DAY_MS) return new Date(Date.parse(`${day}T00:00:00Z`) + t).toISOString();
  const milli = t % 1000;
  return `${day}T${two(Math.floor(t / 3_600_000))}:${two(Math.floor(t / 60_000) % 60)}:${two(Math.floor(t / 1000) % 60)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/**
 * Collects events by the day the ledger learned of them, then replays them in ledger-time order:
 * within a day in the order they were scheduled, so a stream's events keep their order.
 */
export class SyntheticLedger {
  private readonly byDay = new Map<string, Pending[]>();
  private scheduled = 0;

  constructor(private readonly actor = 'synthetic-import') {}

  get size(): number {
    return this.scheduled;
  }

  /** `recordedOn` is the ledger day; the event's own occurredAt may be earlier (a back-dated batch). */
  private add(
    recordedOn: string,
    streamId: string,
    type: string,
    data: { occurredAt: string },
  ): void {
    if (data.occurredAt.slice(0, 10) > recordedOn)
      throw new Error(
        `${type} on ${data.occurredAt} cannot be recorded before it happened (${recordedOn})`,
      );
    const list = this.byDay.get(recordedOn) ?? [];
    list.push({ streamId, type, data: data as unknown as Pending['data'] });
    this.byDay.set(recordedOn, list);
    this.scheduled += 1;
  }

  resident<T extends ResidentEvent['type']>(
    recordedOn: string,
    type: T,
    data: DataOf<ResidentEvent, T>,
  ): void {
    this.add(recordedOn, streamIds.resident(data.residentId), type, data);
  }

  orgUnit<T extends OrgUnitEvent['type']>(
    recordedOn: string,
    type: T,
    data: DataOf<OrgUnitEvent, T>,
  ): void {
    this.add(recordedOn, streamIds.orgUnit(data.unitId), type, data);
  }

  doctor<T extends DoctorEvent['type']>(
    recordedOn: string,
    type: T,
    data: DataOf<DoctorEvent, T>,
  ): void {
    this.add(recordedOn, streamIds.doctor(data.doctorId), type, data);
  }

  targets(recordedOn: string, data: TargetEvent['data']): void {
    this.add(recordedOn, streamIds.targets(data.unitId, data.year), 'TargetsAssigned', data);
  }

  /**
   * Seals every scheduled event into an envelope, in ledger-time order, and hands it to `sink`;
   * nothing is kept (the schedule is consumed), so a model can be built from a million events
   * without holding them twice. A ledger replays once.
   * recordedAt is 10:00 UTC (18:00 China time) of the ledger day plus one millisecond per event.
   */
  replay(sink: (e: RecordedEvent) => void): number {
    const revisions = new Map<string, number>();
    let position = 0;
    for (const day of [...this.byDay.keys()].sort()) {
      const pending = this.byDay.get(day)!;
      // Consumed as it goes, so what was scheduled can be collected while the model grows.
      this.byDay.delete(day);
      pending.forEach((p, i) => {
        const revision = (revisions.get(p.streamId) ?? -1) + 1;
        revisions.set(p.streamId, revision);
        position += 1;
        sink({
          eventId: `syn-${position}`,
          type: p.type,
          schemaVersion: 1,
          streamId: p.streamId,
          revision,
          position,
          recordedAt: instantOf(day, i),
          occurredAt: p.data.occurredAt,
          actor: this.actor,
          correlationId: null,
          causationId: null,
          commandId: null,
          data: p.data,
          hash: PLACEHOLDER_HASH,
        });
      });
    }
    return position;
  }
}
