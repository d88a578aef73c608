import { action, CommandRequest, type Decision, IsId } from '@libs/records';

export const ACTOR_DIRECTORY_STREAM = 'actor-directory';
export type DirectoryEvent = { type: 'ActorListed'; data: { actorId: string; occurredAt: string } };

export class ListActorRequest extends CommandRequest {
  @IsId() actorId!: string;
}

/** The directory stream lets `actors list` read one stream instead of scanning the whole log. */
export function decideListActor(c: Decision<ListActorRequest>, state: string[]): DirectoryEvent[] {
  return state.includes(c.actorId)
    ? []
    : [{ type: 'ActorListed', data: { actorId: c.actorId, occurredAt: c.occurredAt } }];
}

export const listActor = action({
  type: 'ListActor',
  summary: { zh: '列入用户目录', en: 'List an actor in the directory' },
  request: ListActorRequest,
  stream: () => ACTOR_DIRECTORY_STREAM,
  decider: {
    evolve: (s: string[], e: DirectoryEvent) => [...s, e.data.actorId],
    initialState: (): string[] => [],
    decide: decideListActor,
  },
  unitsTouched: () => null,
});
