import { SqliteEventStore } from '@libs/ledger';
import { ACTIONS_BY_TYPE } from '../commands/catalog';
import { executeCommand, type ExecuteContext } from '../commands/execute-command';

/**
 * "A live birth creates the child's resident record": a delivery registers each live-born child
 * through the whole command path, on a real ledger (in-memory SQLite, the real deciders).
 */
describe('RecordDelivery registers its live-born children', () => {
  let now = new Date('2024-01-01T00:00:00Z');
  const clock = () => now;
  let store: SqliteEventStore;
  let ctx: ExecuteContext;
  const run = (
    at: string,
    command: Record<string, unknown>,
    over: Partial<ExecuteContext> = {},
  ) => {
    now = new Date(at);
    return executeCommand(command, { ...ctx, ...over });
  };
  const delivery = (commandId: string, mother: string, children: string[], extra = {}) => ({
    type: 'RecordDelivery',
    commandId,
    residentId: mother,
    recordId: `${mother}-d`,
    doctorId: 'd1',
    place: 'hospital',
    liveBirths: children.map((childId) => ({ childId, sex: 'female', birthWeightGrams: 3200 })),
    dischargeDate: '2024-05-12',
    occurredAt: '2024-05-10',
    ...extra,
  });

  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:', clock });
    ctx = { store, clock, actor: 'recorder' };
    const setup = [
      { type: 'RegisterOrgUnit', unitId: 'dist', name: '区', kind: 'district' },
      {
        type: 'RegisterOrgUnit',
        unitId: 'c1',
        name: '中心',
        kind: 'community_centre',
        parentId: 'dist',
      },
      { type: 'RegisterDoctor', doctorId: 'd1', unitId: 'c1' },
      ...['m1', 'm2', 'm3'].map((residentId) => ({
        type: 'RegisterResident',
        residentId,
        birthDate: '1995-02-02',
        sex: 'female',
        unitId: 'c1',
        householdId: `h-${residentId}`,
      })),
    ];
    for (const [i, c] of setup.entries())
      await run('2024-01-01T00:00:00Z', { commandId: `s${i}`, occurredAt: '2020-01-01', ...c });
  });
  afterEach(() => store.close());

  const registration = async (childId: string) =>
    (await store.readStream(`resident-${childId}`)).filter((e) => e.type === 'ResidentRegistered');

  it('registers twins in the mother’s unit and household, born on the delivery day, naming both', async () => {
    const result = await run('2024-05-12T04:00:00Z', delivery('del-1', 'm1', ['m1-a', 'm1-b']));
    expect(result.followUps?.map((f) => [f.type, f.streamId])).toEqual([
      ['RegisterResident', 'resident-m1-a'],
      ['RegisterResident', 'resident-m1-b'],
    ]);
    const [reg] = await registration('m1-a');
    expect(reg.data).toMatchObject({
      residentId: 'm1-a',
      birthDate: '2024-05-10',
      sex: 'female',
      unitId: 'c1',
      householdId: 'h-m1',
      birth: { motherId: 'm1', deliveryRecordId: 'm1-d' },
    });
    expect(reg.actor).toBe('recorder');
    expect(await registration('m1-b')).toHaveLength(1);
  });

  it('a repeat of the delivery registers nobody twice', async () => {
    await run('2024-05-12T04:00:00Z', delivery('del-1', 'm1', ['m1-a']));
    const again = await run('2024-05-12T05:00:00Z', delivery('del-1', 'm1', ['m1-a']));
    expect(again.duplicate).toBe(true);
    expect(again.followUps?.[0].duplicate).toBe(true);
    expect(await registration('m1-a')).toHaveLength(1);
  });

  it('a registration that failed after the delivery is completed by re-sending the delivery', async () => {
    // The first time the follow-up cannot run (a catalog without RegisterResident): the delivery
    // stands, the error reaches the sender, who sends it again.
    const withoutRegistration = new Map(
      [...ACTIONS_BY_TYPE].filter(([type]) => type !== 'RegisterResident'),
    );
    await expect(
      run('2024-05-12T04:00:00Z', delivery('del-2', 'm2', ['m2-a']), {
        catalog: withoutRegistration,
      }),
    ).rejects.toThrow();
    expect(await registration('m2-a')).toHaveLength(0);
    const again = await run('2024-05-12T05:00:00Z', delivery('del-2', 'm2', ['m2-a']));
    expect(again.duplicate).toBe(true);
    expect(await registration('m2-a')).toHaveLength(1);
  });

  it('registers nobody when the clinic registers the children itself (registerChildren false)', async () => {
    const result = await run(
      '2024-05-12T04:00:00Z',
      delivery('del-3', 'm3', ['m3-a'], { registerChildren: false }),
    );
    expect(result.followUps).toBeUndefined();
    expect(await registration('m3-a')).toHaveLength(0);
    await run('2024-05-13T04:00:00Z', {
      type: 'RegisterResident',
      commandId: 'child-by-hand',
      residentId: 'm3-a',
      birthDate: '2024-05-10',
      sex: 'female',
      unitId: 'c1',
      motherId: 'm3',
      deliveryRecordId: 'm3-d',
      occurredAt: '2024-05-13',
    });
    expect(await registration('m3-a')).toHaveLength(1);
  });
});
