import { ForbiddenError } from './access-errors';
import { authorize } from './authorize';
import type { Principal } from './principal';
import { treeLookup } from './testing/tree-lookup';

const auditor = (unitId: string | null): Principal => ({
  actorId: `auditor-${unitId ?? 'root'}`,
  name: 'auditor',
  roles: ['auditor'],
  unitId,
  operator: false,
});
const read = (p: Principal, units: string[]) =>
  authorize(p, { permission: 'audit:read', units, read: true }, treeLookup, '2024-06-30').then(
    () => 'allowed',
    (e: unknown) => (e instanceof ForbiddenError ? e.why : e),
  );

describe('authorize: an auditor reads its own subtree', () => {
  it('a district auditor reads the district and every unit below it', async () => {
    for (const unit of ['district', 'centre-a', 'station-a1', 'centre-b'])
      expect(await read(auditor('district'), [unit])).toBe('allowed');
  });

  it('a centre auditor does not read its neighbour, its parent or across the whole log', async () => {
    expect(await read(auditor('centre-a'), ['station-a1'])).toBe('allowed');
    for (const units of [['centre-b'], ['district'], []])
      expect(await read(auditor('centre-a'), units)).toBe('scope');
  });

  it('the auditor scoped at the root reads everything, the whole log included', async () => {
    for (const units of [['centre-b'], ['district'], []])
      expect(await read(auditor(null), units)).toBe('allowed');
  });
});
