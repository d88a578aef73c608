import type { Role } from './roles';

/** Actors, their roles and keys are ledger events too, so every grant and revocation is audited. */
export type ActorEvent =
  | {
      type: 'ActorRegistered';
      data: {
        actorId: string;
        name: string;
        roles: Role[];
        unitId: string | null;
        occurredAt: string;
      };
    }
  | { type: 'RolesGranted'; data: { actorId: string; roles: Role[]; occurredAt: string } }
  | { type: 'RolesRevoked'; data: { actorId: string; roles: Role[]; occurredAt: string } }
  | { type: 'ActorRevoked'; data: { actorId: string; reason: string; occurredAt: string } }
  | {
      type: 'ApiKeyIssued';
      data: { actorId: string; keyId: string; secretHash: string; occurredAt: string };
    }
  | {
      type: 'ApiKeyRevoked';
      data: { actorId: string; keyId: string; reason: string; occurredAt: string };
    };

export interface ActorState {
  registered: boolean;
  actorId: string;
  name: string;
  roles: Role[];
  /** Root of the actor's unit scope; null means the whole ledger. */
  unitId: string | null;
  revoked: boolean;
  /** keyId → secret hash of keys not revoked. */
  keys: Record<string, string>;
}

export const initialActorState = (): ActorState => ({
  registered: false,
  actorId: '',
  name: '',
  roles: [],
  unitId: null,
  revoked: false,
  keys: {},
});

export function evolveActor(state: ActorState, event: ActorEvent): ActorState {
  switch (event.type) {
    case 'ActorRegistered': {
      const d = event.data;
      return {
        ...state,
        registered: true,
        actorId: d.actorId,
        name: d.name,
        roles: [...d.roles],
        unitId: d.unitId,
      };
    }
    case 'RolesGranted':
      return {
        ...state,
        roles: [...state.roles, ...event.data.roles.filter((r) => !state.roles.includes(r))],
      };
    case 'RolesRevoked':
      return { ...state, roles: state.roles.filter((r) => !event.data.roles.includes(r)) };
    case 'ActorRevoked':
      return { ...state, revoked: true, keys: {} };
    case 'ApiKeyIssued':
      return { ...state, keys: { ...state.keys, [event.data.keyId]: event.data.secretHash } };
    case 'ApiKeyRevoked': {
      const { [event.data.keyId]: _gone, ...keys } = state.keys;
      return { ...state, keys };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const actorStream = (actorId: string): string => `actor-${actorId}`;
/** Maps a key id to its actor, so authentication reads two short streams and no projection. */
export const apiKeyStream = (keyId: string): string => `apikey-${keyId}`;
