/** Where and how often the API writes signed checkpoints; absent when it does not. */
export interface CheckpointConfig {
  dir: string;
  everyMinutes: number;
}

export const DEFAULT_CHECKPOINT_MINUTES = 60;

/**
 * LEDGER_CHECKPOINT_DIR turns the writer on; LEDGER_CHECKPOINT_MINUTES (default 60) sets its
 * period. A bad value stops the start with a sentence: an operator who asked for checkpoints
 * must not believe they are being written when they are not.
 */
export function loadCheckpointConfig(env: NodeJS.ProcessEnv): CheckpointConfig | undefined {
  const dir = env.LEDGER_CHECKPOINT_DIR?.trim();
  const minutesText = env.LEDGER_CHECKPOINT_MINUTES?.trim();
  if (!dir) {
    if (minutesText)
      throw new Error(
        'LEDGER_CHECKPOINT_MINUTES is set but LEDGER_CHECKPOINT_DIR is not: name the witness folder the checkpoints go to',
      );
    return undefined;
  }
  const everyMinutes = minutesText ? Number(minutesText) : DEFAULT_CHECKPOINT_MINUTES;
  if (!/^\d+(\.\d+)?$/.test(minutesText ?? '60') || !(everyMinutes > 0) || everyMinutes > 10_080)
    throw new Error(
      `LEDGER_CHECKPOINT_MINUTES "${minutesText}" must be a number of minutes above 0 and at most 10080 (a week)`,
    );
  return { dir, everyMinutes };
}
