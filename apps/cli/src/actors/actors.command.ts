import { Command, InvalidArgumentError, Option } from 'commander';
import { ActorAdmin, ROLES, type Role } from '@libs/access';
import { systemClock } from '@libs/ledger';
import { openStoreFrom, withStoreOption } from '../store-option';
import { principalFrom, withKeyOption } from '../principal-option';
import { messages } from '../text/lang';
import { renderTable } from '../text/table';

const collectRole = (value: string, previous: Role[] = []): Role[] => {
  if (!ROLES.includes(value as Role))
    throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')} / 须为其中之一`);
  return [...previous, value as Role];
};

/** Runs fn with an ActorAdmin acting as the operator or the --key actor, closing the store after. */
function withAdmin<T extends object>(fn: (admin: ActorAdmin, o: T) => Promise<void>) {
  return async (...args: unknown[]) => {
    const options = args[args.length - 2] as T & { store?: string; key?: string };
    const store = await openStoreFrom(options);
    try {
      await fn(new ActorAdmin(store, systemClock, await principalFrom(store, options)), options);
    } finally {
      await store.close();
    }
  };
}

const sub = (name: string) => withKeyOption(withStoreOption(new Command(name)));

export function actorsCommand(): Command {
  const T = messages({
    zh: {
      description: '管理谁可以使用账本：用户、角色、机构范围、密钥',
      add: '添加用户并打印其 API 密钥（只显示一次；账本只存其哈希）',
      name: '账户的显示名称',
      role: `角色（可重复给出多个）：${ROLES.join(', ')}`,
      unit: '可操作的机构子树的根（默认：整个账本）',
      id: '指定用户编号（默认：自动生成）',
      added: (id: string, roles: Role[], unit?: string) =>
        `已添加用户 ${id}（${roles.join(', ')}，${unit ? `范围 ${unit}` : '整个账本'}）`,
      key: (key: string) => `密钥（只显示这一次）：${key}`,
      revoke: '停用用户及其全部密钥，自其下一次请求起生效',
      reason: '原因（记入账本）',
      revoked: (id: string) => `已停用用户 ${id}`,
      rotate: '签发新密钥（只显示一次）并停用旧密钥',
      list: '列出用户及其角色、范围和密钥数',
      json: '以 JSON 输出',
      head: ['用户编号', '名称', '角色', '范围', '状态'],
      allUnits: '（全部机构）',
      revokedState: '已停用',
      keys: (n: number) => `${n} 个密钥`,
    },
    en: {
      description: 'manage who may use the ledger: actors, roles, unit scopes, keys',
      add: 'add an actor and print its API key (shown once; only its hash is stored)',
      name: 'display name of the account',
      role: `a role (repeat for several): ${ROLES.join(', ')}`,
      unit: 'root of the unit subtree it may act in (default: the whole ledger)',
      id: 'choose the actor id (default: generated)',
      added: (id: string, roles: Role[], unit?: string) =>
        `actor ${id} added (${roles.join(', ')}${unit ? ` in ${unit}` : ', whole ledger'})`,
      key: (key: string) => `key (shown only this once): ${key}`,
      revoke: 'revoke an actor and every key it holds, effective on its next request',
      reason: 'why (kept in the ledger)',
      revoked: (id: string) => `actor ${id} revoked`,
      rotate: 'issue a new key (printed once) and revoke the old ones',
      list: 'list actors with their roles, scope and number of keys',
      json: 'as JSON',
      head: ['actor', 'name', 'roles', 'scope', 'state'],
      allUnits: '(all units)',
      revokedState: 'REVOKED',
      keys: (n: number) => `${n} key(s)`,
    },
  });
  const actors = new Command('actors').description(T.description);
  actors.addCommand(
    sub('add')
      .description(T.add)
      .requiredOption('--name <name>', T.name)
      .addOption(new Option('--role <role>', T.role).argParser(collectRole).makeOptionMandatory())
      .option('--unit <unitId>', T.unit)
      .option('--id <actorId>', T.id)
      .action(
        withAdmin<{ name: string; role: Role[]; unit?: string; id?: string }>(async (admin, o) => {
          const { actorId, key } = await admin.add({
            actorId: o.id,
            name: o.name,
            roles: o.role,
            unitId: o.unit,
          });
          process.stdout.write(`${T.added(actorId, o.role, o.unit)}\n${T.key(key)}\n`);
        }),
      ),
  );
  actors.addCommand(
    sub('revoke')
      .description(T.revoke)
      .argument('<actorId>')
      .requiredOption('--reason <text>', T.reason)
      .action(async (actorId: string, ...rest: unknown[]) =>
        withAdmin<{ reason: string }>(async (admin, o) => {
          await admin.revoke(actorId, o.reason);
          process.stdout.write(`${T.revoked(actorId)}\n`);
        })(...rest),
      ),
  );
  actors.addCommand(
    sub('rotate-key')
      .description(T.rotate)
      .argument('<actorId>')
      .action(async (actorId: string, ...rest: unknown[]) =>
        withAdmin(async (admin) => {
          process.stdout.write(`${T.key(await admin.rotateKey(actorId))}\n`);
        })(...rest),
      ),
  );
  actors.addCommand(
    sub('list')
      .description(T.list)
      .option('--json', T.json)
      .action(
        withAdmin<{ json?: boolean }>(async (admin, o) => {
          const list = await admin.list();
          if (o.json)
            return void process.stdout.write(
              `${JSON.stringify(
                list.map(({ keys, ...a }) => ({ ...a, keyIds: Object.keys(keys) })),
                null,
                2,
              )}\n`,
            );
          const rows = list.map((a) => [
            a.actorId,
            a.name,
            a.roles.join(','),
            a.unitId ?? T.allUnits,
            a.revoked ? T.revokedState : T.keys(Object.keys(a.keys).length),
          ]);
          for (const line of renderTable([T.head, ...rows])) process.stdout.write(`${line}\n`);
        }),
      ),
  );
  return actors;
}
