import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A resident as a field team finds them: what the vault keeps, never the log. */
export interface Identity {
  name?: string;
  /** 居民身份证号, normalised (X upper case). */
  idNumber?: string;
  phone?: string;
  address?: string;
}

export const IDENTITY_FIELDS = ['name', 'idNumber', 'phone', 'address'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/**
 * The personal data a command may carry (RegisterResident, CorrectResidentIdentity). It is
 * written to the personal-data vault only; the events keep the resident id, which fields were
 * given and a keyed hash of the ID number. The ID number's rules (check character, birth date,
 * sex) are business rules checked by the decider, so a refusal names them with a rule code.
 */
export class IdentityInput implements Identity {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50) name?: string;
  @IsOptional() @IsString() @MaxLength(20) idNumber?: string;
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 -]{4,19}$/, {
    message: '$property must be a phone number (digits, spaces, "-") / $property 须为电话号码',
  })
  phone?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) address?: string;
}

/** The fields a command's identity gives, in a fixed order (what an event may say). */
export const givenFields = (identity: Identity): IdentityField[] =>
  IDENTITY_FIELDS.filter((f) => identity[f] !== undefined);

/**
 * Events and commands about personal data alone: they count in no figure, so a sealed period's
 * lock does not stop them (an erasure is owed whatever was sealed) and check-seal does not list
 * them as late records.
 */
export const PERSONAL_DATA_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ResidentIdentityCorrected',
  'ResidentIdentityErased',
]);
export const PERSONAL_DATA_COMMAND_TYPES: ReadonlySet<string> = new Set([
  'CorrectResidentIdentity',
  'EraseResidentIdentity',
]);
