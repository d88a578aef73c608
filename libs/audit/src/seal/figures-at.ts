import {
  LedgerModel,
  UnitTree,
  catalogForPeriod,
  evaluatePeriod,
  evaluationTable,
  periodOf,
} from '@libs/indicators';
import { type EventStore, type RecordedEvent, StoreConfigError, logPages } from '@libs/ledger';
import type { SealedFigures } from './seal';

const PAGE = 5000;

/** Reads the log in global order, page by page, handing over every event with position ≤ `upTo`. */
export async function forEachEvent(
  store: EventStore,
  upTo: number,
  visit: (event: RecordedEvent) => void,
): Promise<void> {
  for await (const page of logPages(store, { upTo, pageSize: PAGE }))
    for (const e of page) visit(e);
}

export interface PrefixOfLog {
  model: LedgerModel;
  /** The events' hashes in global order: the Merkle tree's leaves. */
  hashes: string[];
  /** The last position read (≤ upTo), 0 when empty. */
  lastPosition: number;
  lastRecordedAt: string | null;
}

/** The indicator model and the Merkle leaves of events 1..upTo, in one pass. */
export async function readPrefix(store: EventStore, upTo: number): Promise<PrefixOfLog> {
  const model = new LedgerModel();
  const hashes: string[] = [];
  let lastPosition = 0;
  let lastRecordedAt: string | null = null;
  await forEachEvent(store, upTo, (event) => {
    model.apply(event);
    hashes.push(event.hash);
    lastPosition = event.position;
    lastRecordedAt = event.recordedAt;
  });
  return { model, hashes, lastPosition, lastRecordedAt };
}

export interface FiguresQuery {
  year: number;
  /** Default: the top of the unit tree. */
  unitId?: string;
  /** "As known at" this instant (the seal's sealedAt): recordedAt ≤ asOf. */
  asOf: string;
  today: string;
}

/** The unit's evaluation table as the model knew it at `asOf`. */
export function figuresOf(
  model: LedgerModel,
  q: FiguresQuery,
): { unitId: string; catalog: { id: string; version: number }; figures: SealedFigures } {
  const catalog = catalogForPeriod(q.year);
  if (!catalog) throw new StoreConfigError(`no indicator catalog for ${q.year}`);
  const period = periodOf(q.year, q.asOf, q.today);
  const tree = new UnitTree(model, period);
  const unitId = q.unitId ?? tree.children(null)[0]?.unitId;
  if (!unitId || !tree.nodes.has(unitId))
    throw new StoreConfigError(
      unitId ? `unit ${unitId} does not exist in ${q.year}` : 'the ledger holds no units yet',
    );
  const result = evaluatePeriod(model, catalog, period, q.today);
  return {
    unitId,
    catalog: { id: catalog.id, version: catalog.version },
    figures: evaluationTable(result, catalog, tree, unitId).rows,
  };
}

export interface FigureDifference {
  unitId: string;
  indicatorId: string;
  sealed: { numerator: number; denominator: number } | null;
  now: { numerator: number; denominator: number } | null;
}

/** Numerators and denominators per row and indicator; rates and targets follow from them. */
export function compareFigures(sealed: SealedFigures, now: SealedFigures): FigureDifference[] {
  const key = (unitId: string, indicatorId: string) => `${unitId}\u0000${indicatorId}`;
  const index = (rows: SealedFigures) => {
    const m = new Map<
      string,
      { unitId: string; indicatorId: string; numerator: number; denominator: number }
    >();
    for (const row of rows) {
      for (const [indicatorId, cell] of Object.entries(row.cells)) {
        m.set(key(row.unitId, indicatorId), {
          unitId: row.unitId,
          indicatorId,
          numerator: cell.numerator,
          denominator: cell.denominator,
        });
      }
    }
    return m;
  };
  const a = index(sealed);
  const b = index(now);
  const differences: FigureDifference[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    if (x && y && x.numerator === y.numerator && x.denominator === y.denominator) continue;
    const { unitId, indicatorId } = (x ?? y)!;
    const pick = (v: typeof x) =>
      v ? { numerator: v.numerator, denominator: v.denominator } : null;
    differences.push({ unitId, indicatorId, sealed: pick(x), now: pick(y) });
  }
  return differences;
}
