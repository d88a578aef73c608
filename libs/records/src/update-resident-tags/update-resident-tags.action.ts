import { ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { KEY_POPULATION_TAGS, type KeyPopulationTag } from '../streams/vocabulary';
import { assertServiceAllowed } from '../rules/resident-guards';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

export class UpdateResidentTagsRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(KEY_POPULATION_TAGS, { each: true })
  add?: KeyPopulationTag[];
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(KEY_POPULATION_TAGS, { each: true })
  remove?: KeyPopulationTag[];
}

/** Only real changes are recorded; asking for what is already true appends nothing. */
export function decideUpdateResidentTags(
  c: Decision<UpdateResidentTagsRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  const added = (c.add ?? []).filter((t) => !state.tags.includes(t));
  const removed = (c.remove ?? []).filter((t) => state.tags.includes(t) && !added.includes(t));
  if (added.length === 0 && removed.length === 0) return [];
  return [
    {
      type: 'ResidentTagsUpdated',
      data: { residentId: c.residentId, added, removed, occurredAt: c.occurredAt },
    },
  ];
}

export const updateResidentTags = action({
  type: 'UpdateResidentTags',
  summary: { zh: '更新居民重点人群标签', en: "Update a resident's key-population tags" },
  request: UpdateResidentTagsRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideUpdateResidentTags },
  unitsTouched: residentUnit,
});
