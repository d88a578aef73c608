import { idCheckCharacter } from '../personal-data/id-number';

/**
 * A synthetic but valid ID number for tests: region 110101, the birth date, a sequence whose
 * last digit gives the sex (odd: male), and the computed check character.
 */
export function syntheticIdNumber(
  birthDate: string,
  sex: 'male' | 'female',
  sequence = 12,
): string {
  const seq = String(sequence * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `110101${birthDate.replaceAll('-', '')}${seq}`;
  return `${first17}${idCheckCharacter(first17)}`;
}
