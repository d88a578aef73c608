import { refuse } from '../rules/rule-error';
import type { PersonalDataNote } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import type { Sex } from '../streams/vocabulary';
import { idNumberProblems, normaliseIdNumber } from './id-number';
import { type Identity, givenFields } from './identity';

/**
 * The note an event keeps of a command's personal data, after the ID number's rules: a number
 * that cannot be this resident's (shape, check character, birth date, sex) is refused naming the
 * field and every reason. The hash comes from the handler (facts.idNumberHash).
 */
export function personalDataOf(
  identity: Identity,
  birthDate: string,
  sex: Sex | null,
  idNumberHash: string | undefined,
  duplicates: { sameIdNumber?: Record<string, ResidentState>; migrated?: true } = {},
): PersonalDataNote {
  const fields = givenFields(identity);
  if (fields.length === 0)
    refuse(
      'IDENTITY_EMPTY',
      'unprocessable',
      '个人信息（identity）须至少填写姓名、身份证号、电话或住址之一',
      'identity must give at least one of name, idNumber, phone, address',
      { field: 'identity' },
    );
  if (identity.idNumber === undefined) return { fields };
  const problems = idNumberProblems(normaliseIdNumber(identity.idNumber), birthDate, sex);
  if (problems.length > 0)
    refuse(
      'ID_NUMBER_INVALID',
      'unprocessable',
      `身份证号（identity.idNumber）有误：${problems.map((p) => p.zh).join('；')}`,
      `identity.idNumber (ID-card number) is wrong: ${problems.map((p) => p.en).join('; ')}`,
      { field: 'identity.idNumber', problems: problems.map((p) => p.code) },
    );
  if (!idNumberHash)
    // The handler hashes every ID number it lets through; none means no vault was wired in.
    refuse(
      'PERSONAL_DATA_VAULT_UNAVAILABLE',
      'unprocessable',
      '此入口未配置个人信息库，不能接收身份证号',
      'this entry point has no personal-data vault and cannot take an ID number',
      { field: 'identity.idNumber' },
    );
  assertNotRegisteredElsewhere(duplicates.sameIdNumber ?? {}, duplicates.migrated);
  return { fields, idNumberHash };
}

/**
 * One person, one health record: an ID number already held by another resident who is alive and
 * has not moved away is a second registration (重复建档), refused naming the first. A migration
 * keeps it (the old system had both; history is not lost at the door) and the duplicate-
 * registration detector shows it. A holder who died, moved out or was erased is no clash.
 */
function assertNotRegisteredElsewhere(
  holders: Record<string, ResidentState>,
  migrated: true | undefined,
): void {
  if (migrated) return;
  const living = Object.entries(holders)
    .filter(([, s]) => s.registered && !s.diedOn && !s.movedOutOn && !s.identityErased)
    .map(([id]) => id);
  if (living.length > 0)
    refuse(
      'DUPLICATE_ID_NUMBER',
      'conflict',
      `该身份证号（identity.idNumber）已登记为居民 ${living.join('、')}：重复建档`,
      `identity.idNumber is already registered as resident ${living.join(', ')}: a duplicate registration`,
      { field: 'identity.idNumber', existingResidentIds: living },
    );
}
