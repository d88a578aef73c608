import { type Clock, type EventStore, type RecordedEvent, systemClock } from '@libs/ledger';
import { chinaDay } from '@libs/records';
import { MerkleTree } from '../merkle/merkle-tree';
import { figuresOf, readPrefix } from './figures-at';
import type { LedgerKey } from './ledger-key';
import {
  SEAL_EVENT_TYPE,
  SEAL_VERSION,
  type Seal,
  type SealFile,
  sealIdOf,
  sealStreamId,
} from './seal';
import { sealFileOf } from './seal-event-receipt';
import { signSeal } from './sign-seal';

export interface SealRequest {
  year: number;
  /** Default: the top of the unit tree. */
  unitId?: string;
  /** Who seals: the auditor's actor id, or `operator`. */
  actor: string;
  clock?: Clock;
}

export interface SealResult {
  seal: Seal;
  /** The PeriodSealed event appended after the sealed position. */
  event: RecordedEvent;
  /** The seal with its event's signed receipt: the file the auditor keeps. */
  file: SealFile;
}

/**
 * Closes a period: the figures and the Merkle root of every event up to the head, signed with
 * the ledger's key, appended as a PeriodSealed event (which itself lies outside the tree).
 */
export async function sealPeriod(
  store: EventStore,
  key: LedgerKey,
  request: SealRequest,
): Promise<SealResult> {
  const clock = request.clock ?? systemClock;
  const head = await store.headPosition();
  const prefix = await readPrefix(store, head);
  const now = clock().toISOString();
  // Every sealed event must be "known at sealedAt", even if the wall clock went backwards.
  const sealedAt =
    prefix.lastRecordedAt && prefix.lastRecordedAt > now ? prefix.lastRecordedAt : now;
  const { unitId, catalog, figures } = figuresOf(prefix.model, {
    year: request.year,
    unitId: request.unitId,
    asOf: sealedAt,
    today: chinaDay(now),
  });
  const tree = MerkleTree.fromEventHashes(prefix.hashes);
  const seal = signSeal(
    {
      version: SEAL_VERSION,
      sealId: sealIdOf(request.year, unitId, prefix.lastPosition),
      period: request.year,
      unitId,
      catalog,
      figures,
      position: prefix.lastPosition,
      treeSize: tree.size,
      rootHash: tree.rootHex(),
      sealedAt,
      sealedBy: request.actor,
    },
    key,
  );
  const streamId = sealStreamId(request.year, unitId);
  const existing = await store.readStream(streamId);
  const appended = await store.append(
    streamId,
    [
      {
        type: SEAL_EVENT_TYPE,
        occurredAt: sealedAt,
        data: seal as unknown as Record<string, unknown>,
      },
    ],
    {
      expectedRevision: existing.length === 0 ? 'no_stream' : existing.length - 1,
      actor: request.actor,
      correlationId: seal.sealId,
    },
  );
  const event = appended.events[0];
  return { seal, event, file: sealFileOf(seal, event, key) };
}

/** The seal with this id and the event that carries it, read back from its stream. */
export async function findSealEvent(
  store: EventStore,
  year: number,
  unitId: string,
  sealId: string,
): Promise<{ seal: Seal; event: RecordedEvent } | undefined> {
  const events = await store.readStream(sealStreamId(year, unitId));
  const event = events.find(
    (e) => e.type === SEAL_EVENT_TYPE && (e.data as { sealId?: unknown }).sealId === sealId,
  );
  return event ? { seal: event.data as unknown as Seal, event } : undefined;
}

/** The seal with this id, read back from its stream. */
export async function findSeal(
  store: EventStore,
  year: number,
  unitId: string,
  sealId: string,
): Promise<Seal | undefined> {
  return (await findSealEvent(store, year, unitId, sealId))?.seal;
}
