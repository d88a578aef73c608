import type { EventStore } from '@libs/ledger';
import { apiKeyStream } from './actor-events';
import { parseApiKey, secretMatches } from './api-key';
import { UnauthenticatedError } from './access-errors';
import type { Principal } from './principal';
import { readActor } from './read-actor';

/**
 * Reads the key's binding and the actor's stream on every request, not a cached projection, so
 * a revocation (from the API or another process) is refused on the very next request.
 */
export async function authenticate(
  store: EventStore,
  authorization: string | undefined,
): Promise<Principal> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!bearer)
    throw new UnauthenticatedError(
      'an API key is required: Authorization: Bearer <key>',
      '需要密钥：Authorization: Bearer <密钥>',
    );
  const parsed = parseApiKey(bearer);
  // Built only when refusing: an error captures a stack, and this runs on every request.
  const invalid = () =>
    new UnauthenticatedError('the API key is not valid or has been revoked', '密钥无效或已被吊销');
  if (!parsed) throw invalid();
  const binding = await store.readStream(apiKeyStream(parsed.keyId));
  const actorId = binding[0]?.data.actorId as string | undefined;
  if (!actorId) throw invalid();
  const actor = await readActor(store, actorId);
  const secretHash = actor.keys[parsed.keyId];
  if (
    !actor.registered ||
    actor.revoked ||
    !secretHash ||
    !secretMatches(parsed.secret, secretHash)
  )
    throw invalid();
  return { actorId, name: actor.name, roles: actor.roles, unitId: actor.unitId, operator: false };
}
