import type { Action } from './action';
import { completeMigration } from '../complete-migration/complete-migration.action';
import { startMigration } from '../start-migration/start-migration.action';

/**
 * The migration's own commands, by type. Kept out of ACTIONS: no HTTP body and no import line
 * may start or complete a migration; only `import --migration` sends them, around the file.
 */
export const MIGRATION_ACTIONS: ReadonlyMap<string, Action> = new Map(
  [startMigration, completeMigration].map((a) => [a.type, a]),
);
