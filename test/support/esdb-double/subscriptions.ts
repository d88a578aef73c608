/**
 * Catch-up subscriptions as the server runs them: confirmation, the events already in the log,
 * `caught_up` once everything that existed at subscribe time has gone out, then live events;
 * filtered `$all` subscriptions also send checkpoints. The registry lets tests drop them.
 */
import { randomUUID } from 'node:crypto';
import { type ServerErrorResponse, type ServerWritableStream, status } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { Controls } from './controls';
import type { InMemoryLog, StoredEvent } from './in-memory-log';
import { type UuidFormat, checkpointResponse, eventResponse } from './messages';
import { endWithStatus, isOpen, send, statusError } from './streaming';

export interface SubscriptionPlan {
  /** Index into the log where scanning starts. */
  startIndex: number;
  matches(event: StoredEvent): boolean;
  /** Events scanned between checkpoints; null for subscriptions that send none. */
  checkpointInterval: number | null;
  uuidFormat: UuidFormat;
}

class Subscription {
  readonly id = randomUUID();
  private next: number;
  /** The log's length at subscribe time: `caught_up` goes out once these have been sent. */
  private readonly caughtUpAt: number;
  private caughtUpSent = false;
  private scanned = 0;
  private pumping = false;
  private closed = false;
  /** Events still to send before an armed drop fires; null when none is armed. */
  private dropCountdown: number | null = null;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly call: ServerWritableStream<ReadReq, ReadResp>,
    private readonly log: InMemoryLog,
    private readonly plan: SubscriptionPlan,
    private readonly onDropFired: () => void,
  ) {
    this.next = plan.startIndex;
    this.caughtUpAt = log.all.length;
  }

  start(onClose: () => void, controls: Controls): void {
    this.cleanups.push(onClose, controls.track({ end: (error) => this.end(error) }));
    this.cleanups.push(this.log.onAppended(() => this.pump()));
    const closed = (): void => this.close();
    this.call.on('cancelled', closed);
    this.call.on('close', closed);
    void send(this.call, confirmation(this.id)).then(() => this.pump());
  }

  get isOpen(): boolean {
    return !this.closed && isOpen(this.call);
  }

  /** Arms a drop after `events` more events; 0 drops at once. */
  dropAfter(events: number): void {
    this.dropCountdown = Math.max(0, events);
    if (this.dropCountdown === 0) this.fireDrop();
  }

  end(error: ServerErrorResponse): void {
    if (this.closed) return;
    this.close();
    endWithStatus(this.call, error);
  }

  private fireDrop(): void {
    this.onDropFired();
    this.end(
      statusError(status.UNAVAILABLE, 'Subscription dropped by the EventStoreDB test double'),
    );
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  /**
   * One loop serves catch-up and live alike: it sends whatever the log holds past `next`, and a
   * new append restarts it. The length check and clearing `pumping` happen in the same tick, so
   * an append can never slip between them unseen.
   */
  private async pump(): Promise<void> {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      while (this.isOpen) {
        if (!this.caughtUpSent && this.next >= this.caughtUpAt) {
          this.caughtUpSent = true;
          if (!(await send(this.call, new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return;
        }
        const event = this.log.all[this.next];
        if (!event) return;
        this.next += 1;
        this.scanned += 1;
        if (this.plan.matches(event)) {
          if (!(await send(this.call, eventResponse(event, this.plan.uuidFormat)))) return;
          if (this.dropCountdown !== null && --this.dropCountdown <= 0) return this.fireDrop();
        }
        const interval = this.plan.checkpointInterval;
        if (interval !== null && this.scanned % interval === 0) {
          if (!(await send(this.call, checkpointResponse(event.position)))) return;
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}

function confirmation(id: string): ReadResp {
  return new ReadResp().setConfirmation(
    new ReadResp.SubscriptionConfirmation().setSubscriptionId(id),
  );
}

export class SubscriptionRegistry {
  private readonly open = new Set<Subscription>();
  /** Pending dropSubscriptionsAfter() count for subscriptions opened before it first fires. */
  private armed: number | null = null;

  constructor(
    private readonly log: InMemoryLog,
    private readonly controls: Controls,
  ) {}

  subscribe(call: ServerWritableStream<ReadReq, ReadResp>, plan: SubscriptionPlan): void {
    const subscription = new Subscription(call, this.log, plan, () => {
      this.armed = null; // the arming is spent: resubscriptions after this drop run undisturbed
    });
    this.open.add(subscription);
    subscription.start(() => this.open.delete(subscription), this.controls);
    if (this.armed !== null) subscription.dropAfter(this.armed);
  }

  dropAll(): number {
    const open = [...this.open].filter((s) => s.isOpen);
    const error = statusError(
      status.UNAVAILABLE,
      'Subscription dropped by the EventStoreDB test double',
    );
    for (const subscription of open) subscription.end(error);
    return open.length;
  }

  dropAfter(events: number): void {
    this.armed = events;
    for (const subscription of [...this.open]) subscription.dropAfter(events);
  }
}
