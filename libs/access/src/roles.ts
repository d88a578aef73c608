/** What an actor may do; a request needs one permission, checked against the actor's roles. */
export const ROLES = [
  'recorder',
  'supervisor',
  'auditor',
  'finance',
  'admin',
  'field_team',
] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'records:write' // service records of residents
  | 'residents:read' // a resident's personal timeline
  | 'identity:read' // a resident's name, ID number, phone and address (the personal-data vault)
  | 'identity:erase' // destroy a resident's personal data (its data key)
  | 'identity:sample' // name, address and phone of the residents of a sample, in its field sheet
  | 'targets:write'
  | 'units:write' // org units and doctors
  | 'actors:manage'
  | 'audit:read' // lineage, trails, the log of who read what
  | 'funds:write'
  | 'funds:read'
  | 'rates:read'
  | 'locks:grant' // exceptions to a sealed period's lock
  | 'audit:write' // samples for home visits and their results
  | 'periods:seal' // sign a unit's figures for a year and lock the period
  | 'alerts:handle' // acknowledge, confirm or dismiss a fabrication alert
  | 'alerts:raise'; // granted to no role: only the detection run (the operator) raises alerts

const GRANTS: Record<Role, Permission[]> = {
  // Auditors see residents by id only: verifying figures needs no name (decision 0021).
  recorder: ['records:write', 'residents:read', 'identity:read', 'rates:read'],
  supervisor: [
    'residents:read',
    'identity:read',
    'targets:write',
    'rates:read',
    'audit:read',
    'locks:grant',
    'audit:write',
    'alerts:handle',
  ],
  auditor: [
    'residents:read',
    'audit:read',
    'rates:read',
    'funds:read',
    'audit:write',
    'periods:seal',
  ],
  finance: ['funds:write', 'funds:read', 'rates:read'],
  admin: ['units:write', 'actors:manage', 'rates:read', 'identity:erase'],
  // A home-visit team (入户核查组) finds the people a sample names and nothing else: the sheets
  // of the samples in its scope, with names, addresses and phones. Granted to an auditor as a
  // second role, it is how an auditor is allowed to see the people of a sample.
  field_team: ['identity:sample'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => GRANTS[r]));
}
