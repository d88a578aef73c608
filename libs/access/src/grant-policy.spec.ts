import { ForbiddenError } from './access-errors';
import { type Grant, assertMayGrant } from './grant-policy';
import { OPERATOR, type Principal } from './principal';
import { ROLES, type Role } from './roles';
import { treeLookup } from './testing/tree-lookup';

const TODAY = '2024-06-30';
const admin = (unitId: string | null, roles: Role[] = ['admin']): Principal => ({
  actorId: `admin-${unitId ?? 'all'}`,
  name: 'admin',
  roles,
  unitId,
  operator: false,
});
const refusal = async (by: Principal, grant: Grant) =>
  assertMayGrant(by, grant, treeLookup, TODAY).then(
    () => undefined,
    (error: unknown) => {
      if (!(error instanceof ForbiddenError)) throw error;
      return error;
    },
  );

describe('assertMayGrant: nobody grants more than they hold', () => {
  it('lets an admin hand out its own roles in its own subtree', async () => {
    const by = admin('centre-a', ['admin', 'recorder']);
    for (const unitId of ['centre-a', 'station-a1'])
      expect(await refusal(by, { roles: ['recorder', 'admin'], unitId })).toBeUndefined();
  });

  it.each(ROLES.filter((r) => r !== 'admin'))(
    'refuses role %s to an admin that does not hold it, naming the role',
    async (role) => {
      const error = await refusal(admin('centre-a'), {
        roles: ['admin', role],
        unitId: 'centre-a',
      });
      expect(error).toMatchObject({ why: 'grant', details: { refused: { roles: [role] } } });
      expect(error!.messageEn).toContain(role);
      expect(error!.messageZh).toContain(role);
    },
  );

  it('refuses those roles to an all-units admin too: scope does not stand in for roles', async () => {
    const error = await refusal(admin(null), { roles: ['auditor'], unitId: null });
    expect(error?.details).toMatchObject({ refused: { roles: ['auditor'] } });
  });

  it.each([
    ['a neighbour', 'centre-b'],
    ['the parent', 'district'],
    ['an unknown unit', 'nowhere'],
  ])('refuses a scope in %s of a centre admin', async (_what, unitId) => {
    const error = await refusal(admin('centre-a'), { roles: ['admin'], unitId });
    expect(error).toMatchObject({
      why: 'grant',
      details: { scope: 'centre-a', refused: { scope: unitId } },
    });
    expect(error!.messageEn).toContain(unitId);
    expect(error!.messageZh).toContain(unitId);
  });

  it('grants the all-units scope only from an all-units admin', async () => {
    for (const scoped of ['district', 'centre-a']) {
      const error = await refusal(admin(scoped), { roles: ['admin'], unitId: null });
      expect(error).toMatchObject({ why: 'grant', details: { refused: { scope: null } } });
      expect(error!.messageEn).toContain('all units');
      expect(error!.messageZh).toContain('全部机构');
    }
    expect(await refusal(admin(null), { roles: ['admin'], unitId: null })).toBeUndefined();
  });

  it('a district admin grants anywhere below the district', async () => {
    for (const unitId of ['district', 'centre-a', 'centre-b', 'station-a1'])
      expect(await refusal(admin('district'), { roles: ['admin'], unitId })).toBeUndefined();
  });

  it('leaves the local operator unrestricted', async () => {
    expect(await refusal(OPERATOR, { roles: [...ROLES], unitId: null })).toBeUndefined();
  });
});
