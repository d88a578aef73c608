import stringWidth from 'string-width';
import 'reflect-metadata';
import { SqliteEventStore } from '@libs/ledger';
import { registerUnits } from '@libs/records/testing/register-units';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/** The operator's actor commands act on the store file directly, and every event says so. */
describe('ledger actors', () => {
  const dir = tempDir('ledger-actors');
  const env = { LEDGER_STORE: `sqlite:${dir.file('ledger.sqlite')}`, LEDGER_KEY: '' };
  afterAll(() => dir.remove());

  it('adds, lists, rotates and revokes, as the local operator', async () => {
    const added = await runCli(
      [
        'actors',
        'add',
        '--name',
        '鲸园中心录入员',
        '--role',
        'recorder',
        '--role',
        'auditor',
        '--id',
        'rec-1',
      ],
      env,
    );
    expect(added.code).toBe(0);
    const key = /(phl_\S+)/.exec(added.stdout)?.[1];
    expect(key).toMatch(/^phl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);

    const listed = await runCli(['actors', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        actorId: 'rec-1',
        name: '鲸园中心录入员',
        roles: ['recorder', 'auditor'],
        unitId: null,
        revoked: false,
      }),
    ]);

    // The table: a Chinese name and an ASCII one, and the roles column starts at one display column.
    expect((await runCli(['actors', 'add', '--name', 'ops', '--role', 'admin'], env)).code).toBe(0);
    const table = (await runCli(['actors', 'list'], env)).stdout.trimEnd().split('\n');
    expect(table[0]).toMatch(/^用户编号 +名称 +角色 +范围 +状态$/);
    expect(
      table
        .slice(1)
        .map((l) => l.split(/ {2,}/)[1])
        .sort(),
    ).toEqual(['ops', '鲸园中心录入员']);
    const rolesAt = (line: string) =>
      stringWidth(line.slice(0, line.search(/角色|recorder|admin/)));
    expect(new Set(table.map(rolesAt)).size).toBe(1);
    expect((await runCli(['actors', 'list', '--lang', 'en'], env)).stdout).toMatch(
      /^actor +name +roles +scope +state\n/,
    );

    const rotated = await runCli(['actors', 'rotate-key', 'rec-1'], env);
    expect(rotated.stdout).toMatch(/密钥（只显示这一次）：phl_/);
    expect((await runCli(['actors', 'revoke', 'rec-1', '--reason', 'left'], env)).code).toBe(0);
    expect(
      JSON.parse((await runCli(['actors', 'list', '--json'], env)).stdout).find(
        (a: { actorId: string }) => a.actorId === 'rec-1',
      ),
    ).toMatchObject({
      revoked: true,
      keyIds: [],
    });

    const store = new SqliteEventStore({ path: dir.file('ledger.sqlite') });
    const events = await store.readAll();
    await store.close();
    expect(events.length).toBeGreaterThan(5);
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set(['operator']));
    // Only the hash of a key is stored, never the key. The secret is base64url and may itself
    // hold "_", so it is everything after the key id (splitting at every "_" made this check
    // compare against an empty string whenever the secret began with one: one run in 64).
    const secret = key!.split('_').slice(2).join('_');
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('with --key runs as that actor and is held to its role', async () => {
    const added = await runCli(
      ['actors', 'add', '--name', 'a recorder', '--role', 'recorder'],
      env,
    );
    const key = /(phl_\S+)/.exec(added.stdout)![1];
    const refused = await runCli(
      ['actors', 'add', '--name', 'x', '--role', 'admin', '--key', key],
      env,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/lacks permission actors:manage/);
    const badKey = await runCli(['actors', 'list', '--key', 'phl_nonsense'], env);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/not valid or has been revoked/);
  });

  it('with a scoped admin key, hands out only roles the admin holds, inside its subtree', async () => {
    const store = new SqliteEventStore({ path: dir.file('ledger.sqlite') });
    await registerUnits(store, [
      ['dist', undefined],
      ['ca', 'dist'],
      ['cb', 'dist'],
    ]);
    await store.close();
    const keyOf = (stdout: string) => /(phl_\S+)/.exec(stdout)![1];
    const add = (role: string, unit: string | undefined, key?: string) =>
      runCli(
        [
          ...['actors', 'add', '--name', `${role} of ${unit ?? 'all'}`, '--role', role],
          ...(unit ? ['--unit', unit] : []),
          ...(key ? ['--key', key] : []),
        ],
        env,
      );
    const admin = keyOf(
      (
        await runCli(
          [
            'actors',
            'add',
            '--name',
            'ca admin',
            '--role',
            'admin',
            '--role',
            'recorder',
            '--unit',
            'ca',
          ],
          env,
        )
      ).stdout,
    );

    const granted = await add('recorder', 'ca', admin);
    expect({ code: granted.code, stderr: granted.stderr }).toEqual({ code: 0, stderr: '' });
    for (const [role, unit, refusal] of [
      ['auditor', 'ca', /may not grant role auditor: it does not hold it/],
      ['recorder', 'cb', /unit cb is outside the scope/],
      ['recorder', 'dist', /unit dist is outside the scope/],
      ['recorder', undefined, /all units is outside the scope/],
    ] as const) {
      const refused = await add(role, unit, admin);
      expect({ code: refused.code, stderr: refused.stderr }).toEqual({
        code: 2,
        stderr: expect.stringMatching(refusal),
      });
    }
    // A new key for a stronger actor would hand out its roles: refused, its key left alone.
    const auditor = await add('auditor', 'ca');
    const auditorId = /已添加用户 (\S+)（/.exec(auditor.stdout)![1];
    const rotated = await runCli(['actors', 'rotate-key', auditorId, '--key', admin], env);
    expect({ code: rotated.code, stderr: rotated.stderr }).toEqual({
      code: 2,
      stderr: expect.stringMatching(/may not grant role auditor/),
    });
    const listed = JSON.parse((await runCli(['actors', 'list', '--json'], env)).stdout);
    expect(listed.find((a: { actorId: string }) => a.actorId === auditorId).keyIds).toHaveLength(1);

    // Listing, like the API: an admin sees the actors of its subtree, others see none.
    const own = await runCli(['actors', 'list', '--json', '--key', admin], env);
    const scopes = JSON.parse(own.stdout).map((a: { unitId: string | null }) => a.unitId);
    expect(new Set(scopes)).toEqual(new Set(['ca']));
    expect(listed.length).toBeGreaterThan(scopes.length);
    const recorder = keyOf(granted.stdout);
    const nosy = await runCli(['actors', 'list', '--key', recorder], env);
    expect({ code: nosy.code, stderr: nosy.stderr }).toEqual({
      code: 2,
      stderr: expect.stringMatching(/lacks permission actors:manage/),
    });
  });

  it('refuses an unknown role with a clear message', async () => {
    const result = await runCli(['actors', 'add', '--name', 'x', '--role', 'nurse'], env);
    expect(result.code).toBe(1);
    // Commander's words in Chinese by default; the option's own reason is in both languages.
    expect(result.stderr).toMatch(
      /选项 '--role <role>' 的取值 'nurse' 无效：must be one of recorder/,
    );
  });
});
