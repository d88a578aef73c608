import type { EventStore } from '@libs/ledger';
import { type Facts, refuse } from '@libs/records';
import { forEachEvent } from '@libs/audit/seal/figures-at';
import {
  SEAL_EVENT_TYPE,
  type Seal,
  type SealedFigures,
  parseSealId,
  sealStreamId,
} from '@libs/audit/seal/seal';
import type { FundBook } from './fund-book';
import type { FundsState } from './funds-events';

/** What the fund actions read besides their own stream: the store. */
export interface FundsPorts {
  store: EventStore;
  /**
   * The funds read model, caught up with the log, where the process keeps one (the API);
   * undefined when it cannot say it is caught up. Without it the flows are read from the log.
   */
  fundBook?: () => Promise<FundBook | undefined>;
}

/** Read by the handler before deciding, so the deciders stay pure. */
export interface FundsFacts extends Facts {
  /** Money moved by other units' streams for this unit and year. */
  flows?: {
    /** Disbursements to this unit (penalties excluded): received. */
    receivedFen: number;
    /** Recoveries other units made from this unit: paid back. */
    paidBackFen: number;
  };
  /** The seal the request cites, as read from its stream; absent when none was cited. */
  seal?:
    | { sealId: string; found: false }
    | { sealId: string; found: true; figures: SealedFigures; period: number };
}

/**
 * Available = allocated + received − disbursed + recovered − paid back. Received are the
 * disbursements other units made to this unit (from their streams), paid back what other units
 * recovered from it; allocated, disbursed and recovered are in the unit's own stream.
 * Penalties move no money and count in none of these.
 */
export function availableFen(state: FundsState, facts: FundsFacts): number {
  const f = facts.flows ?? { receivedFen: 0, paidBackFen: 0 };
  return (
    state.allocatedFen + f.receivedFen - state.disbursedFen + state.recoveredFen - f.paidBackFen
  );
}

/** Scans the log for other units' fund events about `unitId` in `year` (a full read; see the decision record). */
export async function loadFlows(
  store: EventStore,
  unitId: string,
  year: number,
): Promise<NonNullable<FundsFacts['flows']>> {
  const flows = { receivedFen: 0, paidBackFen: 0 };
  await forEachEvent(store, await store.headPosition(), (e) => {
    const d = e.data as Record<string, unknown>;
    if (d.year !== year || typeof d.amountFen !== 'number') return;
    if (e.type === 'FundsDisbursed' && d.toUnitId === unitId && d.kind !== 'penalty')
      flows.receivedFen += d.amountFen;
    if (e.type === 'FundsRecovered' && d.fromUnitId === unitId) flows.paidBackFen += d.amountFen;
  });
  return flows;
}

/** The seal with this id, read back from its stream `seal-<year>-<unitId>`. */
export async function loadSeal(store: EventStore, sealId: string): Promise<Seal | undefined> {
  const parsed = parseSealId(sealId);
  if (!parsed) return undefined;
  const events = await store.readStream(sealStreamId(parsed.year, parsed.unitId));
  return events
    .filter((e) => e.type === SEAL_EVENT_TYPE)
    .map((e) => e.data as unknown as Seal)
    .find((s) => s.sealId === sealId);
}

export async function loadSealFact(
  store: EventStore,
  sealId: string | undefined,
): Promise<FundsFacts['seal']> {
  if (!sealId) return undefined;
  const seal = await loadSeal(store, sealId);
  return seal
    ? { sealId, found: true, figures: seal.figures, period: seal.period }
    : { sealId, found: false };
}

/** The sealed cell of `indicator` in `unitId`'s row, or a refusal. */
export function sealedFigure(
  facts: FundsFacts,
  sealId: string,
  unitId: string,
  indicator: string,
): { numerator: number; denominator: number } {
  const seal = facts.seal;
  if (!seal || seal.sealId !== sealId || !seal.found)
    return refuse(
      'SEAL_NOT_FOUND',
      'not_found',
      `封存 ${sealId} 不存在`,
      `seal ${sealId} does not exist`,
      {
        sealId,
      },
    );
  const cell = seal.figures.find((r) => r.unitId === unitId)?.cells[indicator];
  if (!cell)
    return refuse(
      'FIGURE_NOT_IN_SEAL',
      'unprocessable',
      `封存 ${sealId} 中没有 ${unitId} 的指标 ${indicator}`,
      `seal ${sealId} holds no figure ${indicator} for ${unitId}`,
      { sealId, unitId, indicator },
    );
  return cell;
}

export const fen = (n: number): string => (n / 100).toFixed(2);
