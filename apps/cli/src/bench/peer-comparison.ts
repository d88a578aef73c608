import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchPlan } from './bench-options';
import { type BenchRow, failedRow, grouped, perSecond, seconds } from './bench-row';
import {
  PEER_NAME,
  type Peer,
  peerBatchedAppends,
  peerSingleAppends,
  peerSynchronous,
} from './emmett-peer';
import type { Rate } from './raw-sqlite-limits';
import { ledgerBatchedAppends, ledgerSingleAppends } from './store-appends';

/**
 * The two stores take turns, a slice each, this many times. On a shared machine the disk's fsync
 * rate can change several-fold within minutes; running one store's whole workload and then the
 * other's would put that change into the ratio. Alternating slices spread it over both.
 */
const ROUNDS = 3;

const section = 'Appends through the store' as const;

interface Side {
  measure: string;
  unit: string;
  /** One slice of the workload on this side's own store file. */
  slice(path: string, round: number): Promise<Rate & { failed?: number; firstError?: string }>;
  note(total: Rate): string;
}

/** Ledger and peer on the same workloads, alternating; the peer absent says why in its row. */
export async function comparedAppendRows(
  plan: BenchPlan,
  scratch: string,
  peer: Peer | { skipped: string } | { failed: unknown },
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const available = 'getSQLiteEventStore' in peer ? peer : undefined;
  const rows: BenchRow[] = [];
  const sliceSeconds = plan.timedSeconds / ROUNDS;
  const sliceEvents = Math.max(
    plan.batch,
    Math.round(plan.events / ROUNDS / plan.batch) * plan.batch,
  );
  const turns = `in ${ROUNDS} slices taking turns with ${available ? 'the peer' : 'nothing (no peer)'}`;
  let durability = '?';

  log(`bench: single appends, ledger${available ? ` and ${PEER_NAME} taking turns` : ''}…`);
  rows.push(
    ...(await compare(
      scratch,
      'single',
      {
        measure: 'ledger: single appends, one at a time',
        unit: 'appends',
        slice: (path, round) => ledgerSingleAppends(path, sliceSeconds, `single${round}`),
        note: (t) =>
          `${grouped(t.count)} appends of 1 event to a new stream, each its own durable commit, with a commandId; ${turns}`,
      },
      available && {
        measure: `${PEER_NAME}: single appends, one at a time`,
        unit: 'appends',
        slice: async (path, round) => {
          const rate = await peerSingleAppends(available, path, sliceSeconds, `single${round}`);
          if (round === 0) durability = await peerSynchronous(available, path);
          return rate;
        },
        note: (t) =>
          `${grouped(t.count)} appends of the same events; its defaults: WAL, synchronous=${durability}, a connection opened per call`,
      },
    )),
  );

  log(`bench: batched appends, ledger${available ? ` and ${PEER_NAME} taking turns` : ''}…`);
  const batched = `batched appends (${plan.batch} events per append)`;
  rows.push(
    ...(await compare(
      scratch,
      'batched',
      {
        measure: `ledger: ${batched}`,
        unit: 'events',
        slice: (path, round) =>
          ledgerBatchedAppends(path, sliceEvents, plan.batch, `batch${round}`),
        note: (t) => `${grouped(t.count)} events in ${seconds(t.seconds)}, ${turns}`,
      },
      available && {
        measure: `${PEER_NAME}: ${batched}`,
        unit: 'events',
        slice: (path, round) =>
          peerBatchedAppends(available, path, sliceEvents, plan.batch, `batch${round}`),
        note: (t) => `${grouped(t.count)} events in ${seconds(t.seconds)}`,
      },
    )),
  );

  if (!available) {
    const result = 'skipped' in peer ? `skipped: ${peer.skipped}` : undefined;
    rows.push(
      result
        ? { section, measure: `${PEER_NAME}: peer`, result }
        : failedRow(
            section,
            `${PEER_NAME}: could not be loaded`,
            (peer as { failed: unknown }).failed,
          ),
    );
  }
  return rows;
}

/** Runs both sides slice by slice and gives their rows and, when both have a figure, the ratio. */
async function compare(
  scratch: string,
  workload: string,
  ledger: Side,
  peer: Side | undefined,
): Promise<BenchRow[]> {
  const sides = [ledger, ...(peer ? [peer] : [])];
  const totals = sides.map(() => ({ count: 0, seconds: 0, failed: 0, firstError: '' }));
  const failures: unknown[] = sides.map(() => undefined);
  const paths = sides.map((_, i) => join(scratch, `${workload}-${i}.sqlite`));
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [i, side] of sides.entries()) {
        if (failures[i] !== undefined) continue;
        try {
          const r = await side.slice(paths[i], round);
          totals[i].count += r.count;
          totals[i].seconds += r.seconds;
          totals[i].failed += r.failed ?? 0;
          totals[i].firstError ||= r.firstError ?? '';
        } catch (error) {
          failures[i] = error;
        }
      }
    }
  } finally {
    for (const path of paths)
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
  const rates = totals.map((t) => ({ ...t, perSecond: t.count / t.seconds }));
  rates.forEach((r, i) => {
    if (failures[i] === undefined && r.count === 0)
      failures[i] = new Error(`every append failed (${r.failed}): ${r.firstError}`);
  });
  const rows = sides.map((side, i): BenchRow => {
    if (failures[i] !== undefined) return failedRow(section, side.measure, failures[i]);
    const r = rates[i];
    const failed =
      r.failed > 0
        ? `; ${grouped(r.failed)} append${r.failed === 1 ? '' : 's'} FAILED, not counted (first: ${r.firstError})`
        : '';
    return {
      section,
      measure: side.measure,
      result: perSecond(r.perSecond, side.unit),
      note: `${side.note(r)}${failed}`,
    };
  });
  if (peer) {
    const measure = `ratio ledger / peer, ${workload} appends`;
    rows.push(
      failures.some((f) => f !== undefined)
        ? { section, measure, result: '—', note: 'one side has no figure (see its row)' }
        : { section, measure, result: `${(rates[0].perSecond / rates[1].perSecond).toFixed(2)}×` },
    );
  }
  return rows;
}
