import 'reflect-metadata';
import { SqliteEventStore } from '@libs/ledger';
import { executeCommand, storeFactLookup } from '@libs/records';
import { registerUnits } from '@libs/records/testing/register-units';
import { ACCESS_ACTIONS } from './access-catalog';
import { ForbiddenError } from './access-errors';
import { ActorAdmin } from './actor-admin';
import { authenticate } from './authenticate';
import { commandAuthorizer } from './command-authorizer';
import { grantGuard } from './grant-guard';
import { OPERATOR, type Principal } from './principal';
import type { Role } from './roles';

/**
 * Actor administration by a centre admin, on a real (in-memory) store: what it may hand out, and
 * that a refused grant leaves nothing behind in the log.
 */
describe('ActorAdmin held to what the admin holds', () => {
  const clock = () => new Date('2024-06-30T04:00:00.000Z');
  const store = new SqliteEventStore({ path: ':memory:', clock });
  const operator = new ActorAdmin(store, clock, OPERATOR);
  let centreAdmin: Principal;
  const as = (p: Principal) => new ActorAdmin(store, clock, p);
  const head = async () => (await store.readAll()).length;
  /** The refusal, checking that nothing was appended on the way. */
  const refused = async (attempt: () => Promise<unknown>) => {
    const before = await head();
    const error = await attempt().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await head()).toBe(before);
    return error as ForbiddenError;
  };
  const actorIn = (roles: Role[], unitId?: string) =>
    operator.add({ name: roles.join('+'), roles, unitId });

  beforeAll(async () => {
    await registerUnits(
      store,
      [
        ['district', undefined],
        ['centre-a', 'district'],
        ['centre-b', 'district'],
      ],
      clock,
    );
    const { key } = await actorIn(['admin', 'recorder'], 'centre-a');
    centreAdmin = await authenticate(store, `Bearer ${key}`);
  });
  afterAll(() => store.close());

  it('adds an actor with roles it holds, in its subtree, and the key works', async () => {
    const { key } = await as(centreAdmin).add({
      name: 'new recorder',
      roles: ['recorder', 'admin'],
      unitId: 'centre-a',
    });
    expect(await authenticate(store, `Bearer ${key}`)).toMatchObject({
      roles: ['recorder', 'admin'],
      unitId: 'centre-a',
    });
  });

  it('refuses a role it does not hold', async () => {
    const error = await refused(() =>
      as(centreAdmin).add({ name: 'x', roles: ['recorder', 'auditor'], unitId: 'centre-a' }),
    );
    expect(error).toMatchObject({ why: 'grant', details: { refused: { roles: ['auditor'] } } });
  });

  it('refuses a scope outside its subtree, and the all-units scope', async () => {
    for (const unitId of ['centre-b', 'district', undefined]) {
      const error = await refused(() =>
        as(centreAdmin).add({ name: 'x', roles: ['recorder'], unitId }),
      );
      expect(error.why).toBe('scope');
    }
  });

  it('will not rotate the key of an actor holding more than the admin: that hands out its roles', async () => {
    const { actorId } = await actorIn(['auditor'], 'centre-a');
    const error = await refused(() => as(centreAdmin).rotateKey(actorId));
    expect(error).toMatchObject({ why: 'grant', details: { refused: { roles: ['auditor'] } } });
  });

  it('will not issue a key for, or revoke, an actor outside its subtree', async () => {
    const { actorId } = await actorIn(['recorder'], 'centre-b');
    await refused(() => as(centreAdmin).rotateKey(actorId));
    await refused(() => as(centreAdmin).issueKey(actorId));
    await refused(() => as(centreAdmin).revoke(actorId, 'not mine'));
  });

  it('may revoke an actor of its subtree holding more than it: taking away grants nothing', async () => {
    const { actorId } = await actorIn(['auditor'], 'centre-a');
    await as(centreAdmin).revoke(actorId, 'left');
    expect((await operator.state(actorId)).revoked).toBe(true);
  });

  it('lists only the actors of its subtree; an actor without actors:manage lists none', async () => {
    await actorIn(['recorder'], 'centre-b');
    const all = await operator.list();
    const mine = await as(centreAdmin).list();
    expect(new Set(mine.map((a) => a.unitId))).toEqual(new Set(['centre-a']));
    expect(all.length).toBeGreaterThan(mine.length);
    const recorder = await authenticate(
      store,
      `Bearer ${(await actorIn(['recorder'], 'centre-a')).key}`,
    );
    await expect(as(recorder).list()).rejects.toMatchObject({ why: 'role' });
  });

  it('the guard refuses GrantRoles of a role not held, though the actor is in scope', async () => {
    const { actorId } = await actorIn(['recorder'], 'centre-a');
    const lookup = storeFactLookup(store);
    const grant = (roles: Role[]) =>
      executeCommand(
        {
          type: 'GrantRoles',
          commandId: `g-${roles.join()}`,
          occurredAt: '2024-06-30',
          actorId,
          roles,
        },
        {
          store,
          clock,
          actor: centreAdmin.actorId,
          catalog: ACCESS_ACTIONS,
          authorize: commandAuthorizer(centreAdmin, lookup, clock),
          guard: grantGuard(centreAdmin, store, lookup),
        },
      );
    const error = await refused(() => grant(['finance']));
    expect(error.details).toMatchObject({ refused: { roles: ['finance'] } });
    await grant(['admin']);
    expect((await operator.state(actorId)).roles).toEqual(['recorder', 'admin']);
  });
});
