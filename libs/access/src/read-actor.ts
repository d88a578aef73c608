import { type EventStore, foldEvents } from '@libs/ledger';
import {
  type ActorEvent,
  type ActorState,
  actorStream,
  evolveActor,
  initialActorState,
} from './actor-events';

/** An actor as its stream says now: read on every use, never cached, so revocations bite at once. */
export async function readActor(store: EventStore, actorId: string): Promise<ActorState> {
  return foldEvents(
    { evolve: evolveActor, initialState: initialActorState },
    (await store.readStream(actorStream(actorId))) as unknown as ActorEvent[],
  );
}
