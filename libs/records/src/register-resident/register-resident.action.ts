import { ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { KEY_POPULATION_TAGS, SEXES, type KeyPopulationTag, type Sex } from '../streams/vocabulary';
import { assertNotBeforeBirth, assertNotInFuture, chinaDay } from '../rules/dates';
import { refuse } from '../rules/rule-error';
import { assertUnitOpen } from '../rules/unit-guards';
import { residentStream } from './resident-stream';

export class RegisterResidentRequest extends CommandRequest {
  /** Pseudonymous id issued by the clinic system; never an ID-card number. */
  @IsId() residentId!: string;
  @IsISO8601({ strict: true }) birthDate!: string;
  @IsIn(SEXES) sex!: Sex;
  /** The unit that manages the resident (station, clinic or centre). */
  @IsId() unitId!: string;
  @IsOptional() @IsId() householdId?: string;
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(KEY_POPULATION_TAGS, { each: true })
  tags?: KeyPopulationTag[];
}

export function decideRegisterResident(
  c: Decision<RegisterResidentRequest>,
  state: ResidentState,
): ResidentEvent[] {
  if (state.registered) {
    refuse(
      'RESIDENT_ALREADY_REGISTERED',
      'conflict',
      `居民 ${c.residentId} 已登记`,
      `resident ${c.residentId} is already registered`,
      {
        residentId: c.residentId,
      },
    );
  }
  // A timestamp means the day it falls on in China, as occurredAt does.
  const birthDate = chinaDay(c.birthDate);
  assertNotInFuture(birthDate, c.now);
  assertNotInFuture(c.occurredAt, c.now);
  assertNotBeforeBirth(c.occurredAt, birthDate);
  assertUnitOpen(c.facts.unit, c.unitId, chinaDay(c.occurredAt));
  const data = {
    residentId: c.residentId,
    birthDate,
    sex: c.sex,
    unitId: c.unitId,
    householdId: c.householdId ?? null,
    tags: c.tags ?? [],
    occurredAt: c.occurredAt,
  };
  return [{ type: 'ResidentRegistered', data }];
}

export const registerResident = action({
  type: 'RegisterResident',
  summary: {
    zh: '登记常住居民（匿名编号）',
    en: 'Register a permanent resident under a pseudonymous id',
  },
  request: RegisterResidentRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRegisterResident },
  unitsTouched: (r) => [r.unitId],
  facts: async (r, lookup) => ({ unit: await lookup.unit(r.unitId) }),
});
