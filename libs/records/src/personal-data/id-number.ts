import type { Sex } from '../streams/vocabulary';

/** ISO 7064 MOD 11-2 weights of the first 17 characters (GB 11643-1999). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** The check character for each remainder 0–10. */
const CHECK_CHARACTERS = '10X98765432';

/**
 * The form an ID number is compared and hashed in: no surrounding spaces, the check character
 * X upper case. People and forms write it 'x' as often as 'X'; both are the same number.
 */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/** The GB 11643 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** One reason an ID number cannot be this resident's, in both languages. */
export interface IdNumberProblem {
  code:
    | 'ID_NUMBER_FORMAT'
    | 'ID_NUMBER_CHECK_DIGIT'
    | 'ID_NUMBER_BIRTH_DATE'
    | 'ID_NUMBER_BIRTH_DATE_MISMATCH'
    | 'ID_NUMBER_SEX_MISMATCH';
  zh: string;
  en: string;
}

/** YYYYMMDD as a real calendar day (no 30 February), or undefined. */
function calendarDay(yyyymmdd: string): string | undefined {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/**
 * Every reason a (normalised) 18-character resident ID number is wrong for a resident born on
 * `birthDate` (YYYY-MM-DD) of `sex`: its shape, its check character, a birth date that is no
 * calendar day or not the resident's, and the sequence digit's sex (odd: male). Empty: valid.
 * The person behind the number is not known to the ledger; these checks catch typing slips and
 * numbers copied onto the wrong resident, which is what a field team would otherwise meet.
 */
export function idNumberProblems(
  idNumber: string,
  birthDate: string,
  sex: Sex | null,
): IdNumberProblem[] {
  if (!/^\d{17}[\dX]$/.test(idNumber))
    return [
      {
        code: 'ID_NUMBER_FORMAT',
        zh: '身份证号须为18位：17位数字加1位数字或X',
        en: 'the ID number must be 18 characters: 17 digits and a digit or X',
      },
    ];
  const problems: IdNumberProblem[] = [];
  const expected = idCheckCharacter(idNumber.slice(0, 17));
  if (idNumber[17] !== expected)
    problems.push({
      code: 'ID_NUMBER_CHECK_DIGIT',
      zh: `身份证号校验位应为 ${expected}，而不是 ${idNumber[17]}`,
      en: `the ID number's check character should be ${expected}, not ${idNumber[17]}`,
    });
  const born = calendarDay(idNumber.slice(6, 14));
  if (!born)
    problems.push({
      code: 'ID_NUMBER_BIRTH_DATE',
      zh: `身份证号中的出生日期 ${idNumber.slice(6, 14)} 不是真实日期`,
      en: `the birth date in the ID number, ${idNumber.slice(6, 14)}, is not a calendar day`,
    });
  else if (born !== birthDate)
    problems.push({
      code: 'ID_NUMBER_BIRTH_DATE_MISMATCH',
      zh: `身份证号中的出生日期 ${born} 与出生日期（birthDate）${birthDate} 不符`,
      en: `the birth date in the ID number, ${born}, differs from birthDate ${birthDate}`,
    });
  const male = Number(idNumber[16]) % 2 === 1;
  if (sex && (sex === 'male') !== male)
    problems.push({
      code: 'ID_NUMBER_SEX_MISMATCH',
      zh: `身份证号第17位（${idNumber[16]}）表示${male ? '男性' : '女性'}，与性别（sex）不符`,
      en: `the ID number's 17th digit (${idNumber[16]}) means ${male ? 'male' : 'female'}, not sex ${sex}`,
    });
  return problems;
}
