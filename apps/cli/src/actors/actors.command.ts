import { Command, InvalidArgumentError, Option } from 'commander';
import { ActorAdmin, ROLES, type Role } from '@libs/access';
import { systemClock } from '@libs/ledger';
import { openStoreFrom, withStoreOption } from '../store-option';
import { principalFrom, withKeyOption } from '../principal-option';

const collectRole = (value: string, previous: Role[] = []): Role[] => {
  if (!ROLES.includes(value as Role))
    throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
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
  const actors = new Command('actors').description(
    'manage who may use the ledger: actors, roles, unit scopes, keys',
  );
  actors.addCommand(
    sub('add')
      .description('add an actor and print its API key (shown once; only its hash is stored)')
      .requiredOption('--name <name>', 'display name of the account')
      .addOption(
        new Option('--role <role>', `a role (repeat for several): ${ROLES.join(', ')}`)
          .argParser(collectRole)
          .makeOptionMandatory(),
      )
      .option(
        '--unit <unitId>',
        'root of the unit subtree it may act in (default: the whole ledger)',
      )
      .option('--id <actorId>', 'choose the actor id (default: generated)')
      .action(
        withAdmin<{ name: string; role: Role[]; unit?: string; id?: string }>(async (admin, o) => {
          const { actorId, key } = await admin.add({
            actorId: o.id,
            name: o.name,
            roles: o.role,
            unitId: o.unit,
          });
          process.stdout.write(
            `actor ${actorId} added (${o.role.join(', ')}${o.unit ? ` in ${o.unit}` : ', whole ledger'})\nkey: ${key}\n`,
          );
        }),
      ),
  );
  actors.addCommand(
    sub('revoke')
      .description('revoke an actor and every key it holds, effective on its next request')
      .argument('<actorId>')
      .requiredOption('--reason <text>', 'why (kept in the ledger)')
      .action(async (actorId: string, ...rest: unknown[]) =>
        withAdmin<{ reason: string }>(async (admin, o) => {
          await admin.revoke(actorId, o.reason);
          process.stdout.write(`actor ${actorId} revoked\n`);
        })(...rest),
      ),
  );
  actors.addCommand(
    sub('rotate-key')
      .description('issue a new key (printed once) and revoke the old ones')
      .argument('<actorId>')
      .action(async (actorId: string, ...rest: unknown[]) =>
        withAdmin(async (admin) => {
          process.stdout.write(`key: ${await admin.rotateKey(actorId)}\n`);
        })(...rest),
      ),
  );
  actors.addCommand(
    sub('list')
      .description('list actors with their roles, scope and key ids')
      .option('--json', 'as JSON')
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
          for (const a of list) {
            process.stdout.write(
              `${a.actorId}\t${a.name}\t${a.roles.join(',')}\t${a.unitId ?? '(all units)'}\t${a.revoked ? 'REVOKED' : `${Object.keys(a.keys).length} key(s)`}\n`,
            );
          }
        }),
      ),
  );
  return actors;
}
