import { idCheckCharacter, idNumberProblems, normaliseIdNumber } from './id-number';
import { syntheticIdNumber } from '../testing/id-numbers';

const codes = (id: string, birthDate: string, sex: 'male' | 'female') =>
  idNumberProblems(normaliseIdNumber(id), birthDate, sex).map((p) => p.code);

describe('resident ID numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('computes the check character of the standard example', () => {
    // The example number of GB 11643-1999: 11010519491231002X.
    expect(idCheckCharacter('11010519491231002')).toBe('X');
  });

  it('accepts a valid number agreeing with birth date and sex', () => {
    expect(codes(syntheticIdNumber('1950-04-01', 'female'), '1950-04-01', 'female')).toEqual([]);
    expect(codes(syntheticIdNumber('1988-12-31', 'male'), '1988-12-31', 'male')).toEqual([]);
  });

  it("near miss: a lower-case 'x' is the check character X", () => {
    expect(codes('11010519491231002x', '1949-12-31', 'female')).toEqual([]);
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('refuses a wrong check character, naming the right one', () => {
    const problems = idNumberProblems('110105194912310021', '1949-12-31', 'female');
    expect(problems.map((p) => p.code)).toEqual(['ID_NUMBER_CHECK_DIGIT']);
    expect(problems[0].en).toContain('should be X');
    expect(problems[0].zh).toContain('校验位应为 X');
  });

  it('refuses a birth date that is no calendar day (30 February)', () => {
    const first17 = '11010119500230001';
    expect(codes(`${first17}${idCheckCharacter(first17)}`, '1950-02-28', 'male')).toEqual([
      'ID_NUMBER_BIRTH_DATE',
    ]);
  });

  it("refuses a birth date other than the resident's", () => {
    expect(codes(syntheticIdNumber('1950-04-01', 'female'), '1950-04-02', 'female')).toEqual([
      'ID_NUMBER_BIRTH_DATE_MISMATCH',
    ]);
  });

  it('refuses a sequence digit of the other sex (odd: male)', () => {
    expect(codes(syntheticIdNumber('1950-04-01', 'female'), '1950-04-01', 'male')).toEqual([
      'ID_NUMBER_SEX_MISMATCH',
    ]);
  });

  it('refuses the wrong length or letters, and reports every other problem at once', () => {
    expect(codes('1101051949123100', '1949-12-31', 'female')).toEqual(['ID_NUMBER_FORMAT']);
    expect(codes('11010519491231002Y', '1949-12-31', 'female')).toEqual(['ID_NUMBER_FORMAT']);
    const first17 = '11010119500230001';
    expect(codes(`${first17}0`, '1950-02-28', 'female')).toEqual([
      'ID_NUMBER_CHECK_DIGIT',
      'ID_NUMBER_BIRTH_DATE',
      'ID_NUMBER_SEX_MISMATCH',
    ]);
  });
});
