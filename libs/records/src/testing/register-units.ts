import type { Clock, EventStore } from '@libs/ledger';
import { executeCommand } from '../commands/execute-command';

/**
 * Registers a unit tree for a test, as the operator: [unitId, parentId] pairs, parents first.
 * A unit without a parent is a district, any other a community centre.
 */
export async function registerUnits(
  store: EventStore,
  units: readonly (readonly [string, string | undefined])[],
  clock: Clock = () => new Date(),
): Promise<void> {
  for (const [unitId, parentId] of units)
    await executeCommand(
      {
        type: 'RegisterOrgUnit',
        commandId: `unit-${unitId}`,
        occurredAt: '2020-01-01',
        unitId,
        name: unitId,
        kind: parentId ? 'community_centre' : 'district',
        parentId,
      },
      { store, clock, actor: 'operator' },
    );
}
