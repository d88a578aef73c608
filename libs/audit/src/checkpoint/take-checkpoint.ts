import { type Clock, type EventStore, systemClock } from '@libs/ledger';
import type { LedgerKey } from '../seal/ledger-key';
import { type Checkpoint, signCheckpoint } from './checkpoint';
import { LogFrontier } from './log-frontier';

/** A checkpoint of the log as it stands: read once, from the first event to the head. */
export async function takeCheckpoint(
  store: EventStore,
  key: LedgerKey,
  clock: Clock = systemClock,
  frontier: LogFrontier = new LogFrontier(),
): Promise<Checkpoint> {
  await frontier.catchUp(store);
  return checkpointOf(frontier, key, clock);
}

export function checkpointOf(frontier: LogFrontier, key: LedgerKey, clock: Clock): Checkpoint {
  return signCheckpoint(
    {
      position: frontier.position,
      treeSize: frontier.treeSize,
      rootHash: frontier.rootHex(),
      time: clock().toISOString(),
    },
    key,
  );
}
