/**
 * A historical migration: one file of another system's records brought into the ledger. Its
 * stream (one per file, named by the file's SHA-256) says who brought it (the events' actor),
 * from which system, and what became of its lines. The records themselves go to their own
 * streams, each carrying the source system's recording time beside the ledger's.
 */
export type MigrationEvent = MigrationStarted | MigrationCompleted;

export interface MigrationStarted {
  type: 'MigrationStarted';
  data: {
    fileSha256: string;
    sourceSystem: string;
    /** The file's name without its folder, for people; the hash is what identifies it. */
    fileName: string;
    fileBytes: number;
    occurredAt: string;
  };
}

/** What became of the lines; read = accepted + duplicates + refused. */
export interface MigrationLineCounts {
  read: number;
  /** Appended now, or accepted with nothing to append. */
  accepted: number;
  /** Already in the ledger (an earlier, interrupted run of this file, or an earlier import). */
  duplicates: number;
  /** Refused by validation or a rule: listed with their reasons in the rejects file. */
  refused: number;
}

export interface MigrationCompleted {
  type: 'MigrationCompleted';
  data: {
    fileSha256: string;
    lines: MigrationLineCounts;
    eventsAppended: number;
    occurredAt: string;
  };
}

export interface MigrationState {
  started: boolean;
  completed: boolean;
  sourceSystem: string | null;
}

export const initialMigrationState = (): MigrationState => ({
  started: false,
  completed: false,
  sourceSystem: null,
});

export function evolveMigration(state: MigrationState, event: MigrationEvent): MigrationState {
  switch (event.type) {
    case 'MigrationStarted':
      return { ...state, started: true, sourceSystem: event.data.sourceSystem };
    case 'MigrationCompleted':
      return { ...state, completed: true };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const migrationStream = { initialState: initialMigrationState, evolve: evolveMigration };
