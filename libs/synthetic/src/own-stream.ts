import { Random } from './random';

/** FNV-1a over the string: a stable 32-bit seed. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * A resident's own random stream for one kind of service, seeded by the run (its command-id
 * prefix), the resident and the kind: what it draws cannot shift any other draw of the district,
 * so a category added to the synthetic district leaves every existing record as it was.
 */
export const ownStream = (prefix: string, residentId: string, kind: string): Random =>
  Random.seeded(hashOf(kind === '' ? `${prefix}${residentId}` : `${prefix}${residentId}#${kind}`));
