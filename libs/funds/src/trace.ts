import {
  type EventRef,
  type LineageEntry,
  catalogForPeriod,
  lineage,
  periodOf,
  refOf,
} from '@libs/indicators';
import type { EventStore, RecordedEvent } from '@libs/ledger';
import { chinaDay } from '@libs/records';
import { forEachEvent, readPrefix } from '@libs/audit/seal/figures-at';
import type { FundBook } from './fund-book';
import { SEAL_EVENT_TYPE, type Seal, parseSealId, sealStreamId } from '@libs/audit/seal/seal';

export interface FundTrace {
  disbursement: EventRef & { data: Record<string, unknown> };
  /** Absent for a payment that rests on no seal (a pre-disbursement). */
  seal?: {
    sealId: string;
    event: EventRef;
    period: number;
    unitId: string;
    position: number;
    sealedAt: string;
    rootHash: string;
  };
  figure?: { unitId: string; indicator: string; numerator: number; denominator: number };
  /** The residents counted in the figure as the ledger knew them at the seal, with their events. */
  lineage?: { counted: number; matchesFigure: boolean; entries: LineageEntry[] };
  /** Every event behind the figure, in log order. */
  events?: EventRef[];
}

async function findEvent(store: EventStore, eventId: string): Promise<RecordedEvent | undefined> {
  let found: RecordedEvent | undefined;
  await forEachEvent(store, await store.headPosition(), (e) => {
    if (!found && e.eventId === eventId) found = e;
  });
  return found;
}

/** From a disbursement to the seal, the sealed figure, its lineage at the seal, and the events. */
export async function traceDisbursement(
  store: EventStore,
  eventId: string,
  /** The fund book, where the process keeps one caught up: finds the payment without a scan. */
  book?: FundBook,
): Promise<FundTrace | undefined> {
  const event = book ? book.find(eventId) : await findEvent(store, eventId);
  if (!event || event.type !== 'FundsDisbursed') return undefined;
  const d = event.data as Record<string, unknown>;
  const out: FundTrace = { disbursement: { ...refOf(event), data: d } };
  const basis = (d.basis ?? {}) as { sealId?: string; indicator?: string };
  const parsed = basis.sealId ? parseSealId(basis.sealId) : undefined;
  if (!basis.sealId || !parsed) return out;
  const sealEvent = (await store.readStream(sealStreamId(parsed.year, parsed.unitId))).find(
    (e) => e.type === SEAL_EVENT_TYPE && (e.data as unknown as Seal).sealId === basis.sealId,
  );
  if (!sealEvent) return out;
  const seal = sealEvent.data as unknown as Seal;
  out.seal = {
    sealId: seal.sealId,
    event: refOf(sealEvent),
    period: seal.period,
    unitId: seal.unitId,
    position: seal.position,
    sealedAt: seal.sealedAt,
    rootHash: seal.rootHash,
  };
  const toUnitId = d.toUnitId as string;
  const cell = basis.indicator
    ? seal.figures.find((r) => r.unitId === toUnitId)?.cells[basis.indicator]
    : undefined;
  if (!cell || !basis.indicator) return out;
  out.figure = {
    unitId: toUnitId,
    indicator: basis.indicator,
    numerator: cell.numerator,
    denominator: cell.denominator,
  };
  const def = catalogForPeriod(seal.period)?.indicators.find((x) => x.id === basis.indicator);
  if (!def) return out;
  // The ledger as sealed: events 1..position, known at sealedAt.
  const { model } = await readPrefix(store, seal.position);
  const period = periodOf(seal.period, seal.sealedAt, chinaDay(seal.sealedAt));
  const page = lineage(model, def, toUnitId, period, 0, Number.MAX_SAFE_INTEGER, 'counted');
  out.lineage = {
    counted: page.counted,
    matchesFigure: page.counted === cell.numerator,
    entries: page.entries,
  };
  const refs = new Map<string, EventRef>();
  for (const e of page.entries) for (const r of e.evidence) refs.set(r.eventId, r);
  out.events = [...refs.values()].sort((a, b) => a.position - b.position);
  return out;
}
