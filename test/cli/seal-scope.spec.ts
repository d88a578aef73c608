import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ActorAdmin, OPERATOR, type Role } from '@libs/access';
import { SqliteEventStore } from '@libs/ledger';
import { registerUnits } from '@libs/records/testing/register-units';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * `ledger seal --key` obeys the same rule as `POST /api/v1/seals`: an auditor seals units inside
 * its scope only, and only an auditor scoped at the root seals the top of the tree.
 */
describe('ledger seal --key: sealing needs the unit inside the caller’s scope', () => {
  const dir = tempDir('ledger-seal-scope');
  const path = dir.file('ledger.sqlite');
  const env = { LEDGER_STORE: `sqlite:${path}`, LEDGER_KEY: '' };
  const keys: Record<string, string> = {};
  let n = 0;
  const seal = (key: string, unit?: string) => {
    const out = dir.file(`seal-${(n += 1)}.json`);
    const args = ['seal', '--period', '2022', '--out', out, '--key', key];
    return runCli(unit ? [...args, '--unit', unit] : args, env).then((r) => ({ ...r, out }));
  };

  beforeAll(async () => {
    const store = new SqliteEventStore({ path });
    await registerUnits(store, [
      ['dist', undefined],
      ['ca', 'dist'],
      ['cb', 'dist'],
    ]);
    const admin = new ActorAdmin(store, () => new Date(), OPERATOR);
    const actors: [string, Role, string | undefined][] = [
      ['auditor@ca', 'auditor', 'ca'],
      ['auditor@all', 'auditor', undefined],
      ['supervisor@ca', 'supervisor', 'ca'],
    ];
    for (const [who, role, unitId] of actors)
      keys[who] = (await admin.add({ name: who, roles: [role], unitId })).key;
    await store.close();
  });
  afterAll(() => dir.remove());
  const head = async () => {
    const store = new SqliteEventStore({ path });
    try {
      return await store.headPosition();
    } finally {
      await store.close();
    }
  };

  it.each([
    ['auditor@ca', 'cb', /may not seal unit cb: it is outside its scope \(ca and below\)/],
    ['auditor@ca', 'dist', /may not seal unit dist/],
    ['auditor@ca', undefined, /may not seal the top of the tree/],
    ['supervisor@ca', 'ca', /is not an auditor: only auditors seal a period/],
  ])('refuses %s sealing %s, writing nothing', async (who, unit, refusal) => {
    const before = await head();
    const result = await seal(keys[who], unit);
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 2,
      stderr: expect.stringMatching(refusal),
    });
    expect(existsSync(result.out)).toBe(false);
    expect(await head()).toBe(before);
  });

  it.each([
    ['auditor@ca', 'ca'],
    ['auditor@all', 'cb'],
    ['auditor@all', undefined],
  ])('lets %s seal %s', async (who, unit) => {
    const result = await seal(keys[who], unit);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(existsSync(result.out)).toBe(true);
  });
});
