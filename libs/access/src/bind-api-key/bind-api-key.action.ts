import { Matches } from 'class-validator';
import { action, CommandRequest, type Decision, IsId, refuse } from '@libs/records';
import { apiKeyStream } from '../actor-events';

export type ApiKeyBindingEvent = {
  type: 'ApiKeyBound';
  data: { keyId: string; actorId: string; occurredAt: string };
};
export interface BindingState {
  actorId: string | null;
}

/** The key-id → actor index: written before the key is issued, so a key never points nowhere. */
export class BindApiKeyRequest extends CommandRequest {
  @Matches(/^[0-9a-f]{16}$/) keyId!: string;
  @IsId() actorId!: string;
}

export function decideBindApiKey(
  c: Decision<BindApiKeyRequest>,
  state: BindingState,
): ApiKeyBindingEvent[] {
  if (state.actorId)
    refuse('KEY_ID_TAKEN', 'conflict', '密钥编号重复', 'key id already bound', { keyId: c.keyId });
  return [
    { type: 'ApiKeyBound', data: { keyId: c.keyId, actorId: c.actorId, occurredAt: c.occurredAt } },
  ];
}

export const evolveBinding = (_s: BindingState, e: ApiKeyBindingEvent): BindingState => ({
  actorId: e.data.actorId,
});

export const bindApiKey = action({
  type: 'BindApiKey',
  summary: { zh: '登记密钥编号', en: 'Bind a key id to its actor' },
  request: BindApiKeyRequest,
  stream: (r) => apiKeyStream(r.keyId),
  decider: {
    evolve: evolveBinding,
    initialState: (): BindingState => ({ actorId: null }),
    decide: decideBindApiKey,
  },
  unitsTouched: () => null,
});
