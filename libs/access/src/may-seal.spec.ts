import { ForbiddenError } from './access-errors';
import { assertMaySeal } from './may-seal';
import { OPERATOR, type Principal } from './principal';
import { ROLES, type Role } from './roles';
import { treeLookup } from './testing/tree-lookup';

const TODAY = '2024-06-30';
const actor = (roles: Role[], unitId: string | null): Principal => ({
  actorId: 'a1',
  name: 'a1',
  roles,
  unitId,
  operator: false,
});
const refusal = (p: Principal, unitId: string | undefined) =>
  assertMaySeal(p, unitId, treeLookup, TODAY).then(
    () => undefined,
    (error: unknown) => {
      if (!(error instanceof ForbiddenError)) throw error;
      return error;
    },
  );

describe('assertMaySeal: one rule for who seals which unit', () => {
  it.each(ROLES.filter((r) => r !== 'auditor'))('refuses a %s, even unscoped', async (role) => {
    const error = await refusal(actor([role], null), 'centre-a');
    expect(error).toMatchObject({ why: 'role', details: { permission: 'periods:seal' } });
    expect(error!.messageZh).toMatch(/审计员/);
  });

  it('lets an auditor seal its scope root and any unit below it', async () => {
    for (const unitId of ['centre-a', 'station-a1'])
      expect(await refusal(actor(['auditor'], 'centre-a'), unitId)).toBeUndefined();
  });

  it.each([
    ['a neighbour', 'centre-b'],
    ['its parent', 'district'],
    ['an unknown unit', 'nowhere'],
  ])('refuses a centre auditor sealing %s, naming the unit', async (_what, unitId) => {
    const error = await refusal(actor(['auditor'], 'centre-a'), unitId);
    expect(error).toMatchObject({
      why: 'scope',
      details: { scope: 'centre-a', outside: [unitId] },
    });
    expect(error!.messageEn).toContain(unitId);
    expect(error!.messageZh).toContain(unitId);
  });

  it('refuses a scoped auditor the top of the tree (no unit named)', async () => {
    const error = await refusal(actor(['auditor'], 'district'), undefined);
    expect(error).toMatchObject({ why: 'scope', details: { scope: 'district' } });
    expect(error!.messageEn).toMatch(/top of the tree/);
  });

  it('lets an auditor scoped at the root seal anything, and the operator too', async () => {
    for (const unitId of [undefined, 'district', 'centre-b']) {
      expect(await refusal(actor(['auditor'], null), unitId)).toBeUndefined();
      expect(await refusal(OPERATOR, unitId)).toBeUndefined();
    }
  });
});
