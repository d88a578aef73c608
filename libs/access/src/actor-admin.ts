import { randomUUID } from 'node:crypto';
import { type Clock, type EventStore } from '@libs/ledger';
import { chinaDay, executeCommand, storeFactLookup } from '@libs/records';
import { ACCESS_ACTIONS } from './access-catalog';
import type { ActorState } from './actor-events';
import { generateApiKey } from './api-key';
import { commandAuthorizer } from './command-authorizer';
import { grantGuard } from './grant-guard';
import { ACTOR_DIRECTORY_STREAM } from './list-actor/list-actor.action';
import type { Principal } from './principal';
import { readActor } from './read-actor';
import type { Role } from './roles';
import { actorsVisibleTo } from './visible-actors';

export interface NewActor {
  actorId?: string;
  name: string;
  roles: Role[];
  unitId?: string;
}

/**
 * Actor administration over the same command path as everything else (validation, rules,
 * access control, events). Keys are generated here and returned once; only hashes are stored.
 * Every command is held to the granter's subtree (authorize) and to what it holds (grantGuard):
 * this class is the only way actor commands are run, so the rules cannot be bypassed.
 */
export class ActorAdmin {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly by: Principal,
  ) {}

  private run(command: Record<string, unknown>) {
    const lookup = storeFactLookup(this.store);
    return executeCommand(
      { commandId: randomUUID(), occurredAt: this.clock().toISOString(), ...command },
      {
        store: this.store,
        clock: this.clock,
        actor: this.by.actorId,
        catalog: ACCESS_ACTIONS,
        authorize: commandAuthorizer(this.by, lookup, this.clock),
        guard: grantGuard(this.by, this.store, lookup),
      },
    );
  }

  async add(actor: NewActor): Promise<{ actorId: string; key: string }> {
    const actorId = actor.actorId ?? `a-${randomUUID().slice(0, 8)}`;
    await this.run({
      type: 'RegisterActor',
      actorId,
      name: actor.name,
      roles: actor.roles,
      unitId: actor.unitId,
    });
    await this.run({ type: 'ListActor', actorId });
    return { actorId, key: await this.issueKey(actorId) };
  }

  async issueKey(actorId: string): Promise<string> {
    const key = generateApiKey();
    await this.run({ type: 'BindApiKey', keyId: key.keyId, actorId });
    await this.run({ type: 'IssueApiKey', actorId, keyId: key.keyId, secretHash: key.secretHash });
    return key.key;
  }

  /** A new key first, then the old ones revoked, so the actor is never left without one. */
  async rotateKey(actorId: string): Promise<string> {
    const before = await this.state(actorId);
    const key = await this.issueKey(actorId);
    for (const keyId of Object.keys(before.keys))
      await this.run({ type: 'RevokeApiKey', actorId, keyId, reason: 'rotated' });
    return key;
  }

  /** Adds roles to an actor, never more than this admin holds itself (the grant guard). */
  async grantRoles(actorId: string, roles: Role[]): Promise<void> {
    await this.run({ type: 'GrantRoles', actorId, roles });
  }

  async revoke(actorId: string, reason: string): Promise<void> {
    await this.run({ type: 'RevokeActor', actorId, reason });
  }

  async state(actorId: string): Promise<ActorState> {
    return readActor(this.store, actorId);
  }

  /** The actors this admin may see (all of them for the operator). */
  async list(): Promise<ActorState[]> {
    const directory = await this.store.readStream(ACTOR_DIRECTORY_STREAM);
    const actors = await Promise.all(directory.map((e) => this.state(e.data.actorId as string)));
    const today = chinaDay(this.clock().toISOString());
    return actorsVisibleTo(this.by, actors, storeFactLookup(this.store), today);
  }
}
