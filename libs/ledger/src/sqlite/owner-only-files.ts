import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

/** The files SQLite keeps for one store in WAL mode. */
const COMPANIONS = ['', '-wal', '-shm', '-journal'];

/**
 * A store holds residents' health records and the actors' key hashes: only its owner may read it.
 * SQLite creates the WAL and SHM files with the mode of the database file, so creating that file
 * 0600 before SQLite opens it is enough for new stores; files of an older store are tightened.
 */
export function ensureOwnerOnly(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  for (const suffix of COMPANIONS) {
    const file = `${path}${suffix}`;
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}
