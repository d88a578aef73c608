import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import {
  HEALTH_RECORD_FORMS,
  KEY_POPULATION_TAGS,
  SEXES,
  type HealthRecordForm,
  type KeyPopulationTag,
  type Sex,
} from '../streams/vocabulary';
import { assertNotBeforeBirth, assertNotInFuture, chinaDay } from '../rules/dates';
import { refuse } from '../rules/rule-error';
import { assertUnitOpen } from '../rules/unit-guards';
import { IdentityInput } from '../personal-data/identity';
import { personalDataOf } from '../personal-data/personal-data-rules';
import { birthOfDelivery } from './birth-of-delivery';
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
  /**
   * The health record the resident already has (a roll migrated from an EHR system states it):
   * its form. Absent: no health record yet (OpenHealthRecord opens one).
   */
  @IsOptional() @IsIn(HEALTH_RECORD_FORMS) healthRecord?: HealthRecordForm;
  /** That record was complete (standardised) as the system before kept it; default false. */
  @IsOptional() @IsBoolean() healthRecordComplete?: boolean;
  /** The day that record was opened; default the registration's day. */
  @IsOptional() @IsISO8601({ strict: true }) healthRecordOpenedOn?: string;
  /**
   * A child registered at birth: the mother's resident id and her delivery record, which must
   * name this child (RecordDelivery's liveBirths) on the birth date. Both or neither.
   */
  @IsOptional() @IsId() motherId?: string;
  @IsOptional() @IsId() deliveryRecordId?: string;
  /**
   * Name, ID-card number, phone and address for field teams. Kept only in the personal-data
   * vault beside the log (docs/decisions/0021); the event says which fields were given and
   * carries a keyed hash of the ID number, never the values.
   */
  @IsOptional() @ValidateNested() @Type(() => IdentityInput) identity?: IdentityInput;
}

/** The stated health record, opened between birth and the registration. */
function healthRecordOf(c: Decision<RegisterResidentRequest>, birthDate: string) {
  if (!c.healthRecord) {
    if (c.healthRecordComplete !== undefined || c.healthRecordOpenedOn !== undefined)
      refuse(
        'HEALTH_RECORD_FORM_MISSING',
        'unprocessable',
        '填写了健康档案的完整性或建档日期，但未说明档案形式（healthRecord：electronic 或 paper）',
        'health record completeness or opening day given without its form (healthRecord: electronic or paper)',
        {
          healthRecordComplete: c.healthRecordComplete,
          healthRecordOpenedOn: c.healthRecordOpenedOn,
        },
      );
    return undefined;
  }
  const registeredOn = chinaDay(c.occurredAt);
  const openedOn = c.healthRecordOpenedOn ? chinaDay(c.healthRecordOpenedOn) : registeredOn;
  assertNotBeforeBirth(openedOn, birthDate);
  if (openedOn > registeredOn)
    refuse(
      'HEALTH_RECORD_OPENED_AFTER_REGISTRATION',
      'unprocessable',
      `建档日期 ${openedOn} 晚于登记日期 ${registeredOn}：之后建立的档案用 OpenHealthRecord 记录`,
      `health record opened on ${openedOn}, after the registration on ${registeredOn}: a later one is recorded with OpenHealthRecord`,
      { healthRecordOpenedOn: openedOn, occurredAt: c.occurredAt },
    );
  return { form: c.healthRecord, complete: c.healthRecordComplete ?? false, openedOn };
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
  const healthRecord = healthRecordOf(c, birthDate);
  const birth = birthOfDelivery({ ...c, birthDate }, c.facts.mother);
  const personalData = c.identity
    ? personalDataOf(c.identity, birthDate, c.sex, c.facts.idNumberHash, {
        sameIdNumber: c.facts.sameIdNumber,
        migrated: c.migrated,
      })
    : undefined;
  const data = {
    residentId: c.residentId,
    birthDate,
    sex: c.sex,
    unitId: c.unitId,
    householdId: c.householdId ?? null,
    tags: c.tags ?? [],
    ...(healthRecord ? { healthRecord } : {}),
    ...(birth ? { birth } : {}),
    ...(personalData ? { personalData } : {}),
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
  facts: async (r, lookup) => ({
    unit: await lookup.unit(r.unitId),
    ...(r.motherId && lookup.resident ? { mother: await lookup.resident(r.motherId) } : {}),
  }),
});
