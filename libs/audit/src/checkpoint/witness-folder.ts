import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Checkpoint, CheckpointFormatError, parseCheckpoint } from './checkpoint';

/** `checkpoint-<size, 12 digits>-<time>.json`: sorted by name is sorted by size, then time. */
export function checkpointFileName(checkpoint: Checkpoint): string {
  const size = String(checkpoint.treeSize).padStart(12, '0');
  const time = checkpoint.time.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `checkpoint-${size}-${time}.json`;
}

/**
 * Writes a checkpoint into the witness folder, creating it. Never overwrites: a witness keeps
 * every head it was given. The file is public (it holds hashes and a signature only).
 */
export function writeCheckpointFile(dir: string, checkpoint: Checkpoint): string {
  mkdirSync(dir, { recursive: true });
  const base = checkpointFileName(checkpoint);
  for (let n = 0; ; n += 1) {
    const path = join(dir, n === 0 ? base : base.replace(/\.json$/, `-${n}.json`));
    try {
      writeFileSync(path, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'wx', mode: 0o644 });
      return path;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
}

export interface WitnessedCheckpoint {
  file: string;
  checkpoint: Checkpoint;
}

/** Every `*.json` of the folder, each of which must be a checkpoint. */
export function readWitnessFolder(dir: string): WitnessedCheckpoint[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch (error) {
    throw new CheckpointFormatError(
      `cannot read the witness folder ${dir}: ${(error as Error).message}`,
    );
  }
  if (names.length === 0)
    throw new CheckpointFormatError(
      `the witness folder ${dir} holds no checkpoint (write one with: ledger checkpoint --out ${dir})`,
    );
  return names.sort().map((name) => {
    const file = join(dir, name);
    return { file, checkpoint: parseCheckpoint(readFileSync(file, 'utf8'), file) };
  });
}
