import { ownStream } from './own-stream';

/** Surnames common in Shandong (one character each): plausible, not a census. */
const SURNAMES = [...'王张李刘陈杨赵孙于徐高马郭林曲丛姜宋鞠毕'];

/** Given names of the generations now working as doctors. */
const GIVEN_NAMES =
  '建国 海燕 丽华 志强 红梅 永刚 秀英 晓东 春燕 立新 文静 国庆 明亮 雪梅 振华 桂芝 伟 静 磊 敏'.split(
    ' ',
  );

/**
 * A doctor's display name (王建国), drawn from the doctor's own stream of the run: the same seed
 * names the same doctor the same way, and naming draws nothing from the district's other streams,
 * so every other command of a seed stays as it was before doctors had names.
 */
export function doctorName(prefix: string, doctorId: string): string {
  const rng = ownStream(prefix, doctorId, 'name');
  return `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;
}
