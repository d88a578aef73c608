import { statfsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import Database from 'better-sqlite3';

/**
 * What the figures were measured on. Deliberately no host name, user or path: the report is
 * committed, and the machine is described by what bounds the figures, not by who owns it.
 */
export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  diskFreeGiB: number;
  node: string;
  sqlite: string;
  date: string;
  loadBefore: string;
  loadAfter?: string;
}

export function describeMachine(scratch: string): Machine {
  const disk = statfsSync(scratch);
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    ramGiB: totalmem() / 2 ** 30,
    diskFreeGiB: (disk.bavail * disk.bsize) / 2 ** 30,
    node: process.version,
    sqlite,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadBefore: load(),
  };
}

/** 1, 5 and 15-minute load averages: on a shared machine they say how quiet the run was. */
export const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
