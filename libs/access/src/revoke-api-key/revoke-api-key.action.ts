import { IsString, Length, Matches } from 'class-validator';
import { action, CommandRequest, type Decision, IsId, refuse } from '@libs/records';
import { type ActorEvent, type ActorState, actorStream } from '../actor-events';
import { actorStreamDecider, assertActive } from '../actor-decider';

export class RevokeApiKeyRequest extends CommandRequest {
  @IsId() actorId!: string;
  @Matches(/^[0-9a-f]{16}$/) keyId!: string;
  @IsString() @Length(1, 500) reason!: string;
}

export function decideRevokeApiKey(
  c: Decision<RevokeApiKeyRequest>,
  state: ActorState,
): ActorEvent[] {
  assertActive(state, c.actorId);
  if (!state.keys[c.keyId])
    refuse(
      'KEY_NOT_FOUND',
      'not_found',
      `用户没有有效密钥 ${c.keyId}`,
      `the actor has no active key ${c.keyId}`,
      { keyId: c.keyId },
    );
  return [
    {
      type: 'ApiKeyRevoked',
      data: { actorId: c.actorId, keyId: c.keyId, reason: c.reason, occurredAt: c.occurredAt },
    },
  ];
}

export const revokeApiKey = action({
  type: 'RevokeApiKey',
  summary: { zh: '吊销密钥', en: 'Revoke an API key' },
  request: RevokeApiKeyRequest,
  stream: (r) => actorStream(r.actorId),
  decider: { ...actorStreamDecider, decide: decideRevokeApiKey },
  unitsTouched: (_r, s) => ((s as ActorState).unitId ? [(s as ActorState).unitId!] : []),
});
