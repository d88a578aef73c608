import type { Role } from './roles';

/** Who is asking: an authenticated actor, or the local operator of the CLI. */
export interface Principal {
  actorId: string;
  name: string;
  roles: Role[];
  /** Root of the scope; null: the whole ledger. */
  unitId: string | null;
  /** The CLI's operator acts on the store file directly and is not limited by roles. */
  operator: boolean;
}

export const OPERATOR: Principal = {
  actorId: 'operator',
  name: 'local operator',
  roles: [],
  unitId: null,
  operator: true,
};
