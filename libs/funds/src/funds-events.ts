import { FUNDS_STREAM_PREFIX } from '@libs/records';

/**
 * Fund events. One stream per unit and year, `funds-<unitId>-<year>`: what was allocated to the
 * unit, what it disbursed (a disbursement from A to B is appended to A's stream, where A's
 * balance is checked, and counts as received by B in the fund table), its settlements and the
 * money it recovered. Amounts are integer fen (1 yuan = 100 fen; 1 万元 = 1,000,000 fen).
 */
export const SOURCE_LEVELS = ['central', 'provincial', 'municipal', 'district'] as const;
export type SourceLevel = (typeof SOURCE_LEVELS)[number];

export const DISBURSEMENT_KINDS = [
  'pre_disbursement',
  'settlement',
  'contract_package',
  'disabled_checkup',
  'reward',
  'penalty',
] as const;
export type DisbursementKind = (typeof DISBURSEMENT_KINDS)[number];

/** Kinds that rest on an evaluation result: they must cite a seal and a figure in it. */
export const SEALED_KINDS: readonly DisbursementKind[] = [
  'settlement',
  'reward',
  'penalty',
  'contract_package',
  'disabled_checkup',
];

/** Earned by performance (as the payee): everything but pre-disbursement; a penalty subtracts. */
export const PERFORMANCE_KINDS: readonly DisbursementKind[] = [
  'settlement',
  'reward',
  'contract_package',
  'disabled_checkup',
];

/** Contract service package: 30 yuan per signed key-population resident (Huancui 2024). */
export const CONTRACT_PACKAGE_FEN = 3000;
/** Disabled residents' checkup: 100 yuan per person. */
export const DISABLED_CHECKUP_FEN = 10000;

/**
 * The figures a contract-package payment may rest on. The catalog has no single "signed
 * key-population residents" count (signing_household_key counts household-unit contracts, not
 * residents), so the payment cites one key-population group's signing figure — its sealed
 * numerator is the count of signed residents of that group. One payment per group; a resident
 * in two groups would be paid twice, which the supervisor sees in the trace.
 */
export const CONTRACT_PACKAGE_INDICATORS: readonly string[] = [
  'signing_elderly',
  'signing_hypertension',
  'signing_diabetes',
  'signing_children',
  'signing_pregnant',
  'signing_poverty_special',
  'signing_disabled',
  'signing_smd',
  'signing_tb',
];
/** Disabled checkups rest on the sealed numerator of signing_disabled: signed certified disabled residents. */
export const DISABLED_CHECKUP_INDICATORS: readonly string[] = ['signing_disabled'];

/** Every fund stream begins so: the period lock and check-seal's late records know them by it. */
export { FUNDS_STREAM_PREFIX };
export const fundsStream = (unitId: string, year: number): string =>
  `${FUNDS_STREAM_PREFIX}${unitId}-${year}`;

export interface DisbursementBasis {
  sealId?: string;
  indicator?: string;
  /** The sealed count the amount was computed from (contract package, disabled checkup). */
  count?: number;
  /** Fen per counted resident. */
  rateFen?: number;
  note: string;
}

export type FundsEvent =
  | {
      type: 'FundsAllocated';
      data: {
        allocationId: string;
        year: number;
        unitId: string;
        sourceLevel: SourceLevel;
        amountFen: number;
        perCapitaFen?: number;
        populationBasis?: number;
        occurredAt: string;
      };
    }
  | {
      type: 'FundsDisbursed';
      data: {
        disbursementId: string;
        year: number;
        fromUnitId: string;
        toUnitId: string;
        kind: DisbursementKind;
        amountFen: number;
        basis: DisbursementBasis;
        occurredAt: string;
      };
    }
  | {
      type: 'FundsSettled';
      data: {
        settlementId: string;
        year: number;
        unitId: string;
        toUnitId: string;
        sealId: string;
        preDisbursedFen: number;
        performanceFen: number;
        penaltyFen: number;
        recoveredFen: number;
        /** pre-disbursed + performance − recovered: what the payee kept for the year. */
        netFen: number;
        note: string;
        occurredAt: string;
      };
    }
  | {
      type: 'FundsRecovered';
      data: {
        recoveryId: string;
        year: number;
        /** The unit that takes the money back (the payer of the original disbursement). */
        unitId: string;
        /** The unit that pays it back. */
        fromUnitId: string;
        amountFen: number;
        reason: string;
        occurredAt: string;
      };
    };

/** The state of one unit's fund stream for one year. */
export interface FundsState {
  allocatedFen: number;
  /** Money out: every disbursement except penalties (a penalty is a deduction, no money moves). */
  disbursedFen: number;
  /** Money back in: recoveries this unit made from its payees. */
  recoveredFen: number;
  /** Per payee: paid (money out), recovered, penalties, and whether the year is settled. */
  payees: Record<string, { paidFen: number; recoveredFen: number; settled: boolean }>;
  ids: string[];
  events: FundsEvent[];
}

export const initialFundsState = (): FundsState => ({
  allocatedFen: 0,
  disbursedFen: 0,
  recoveredFen: 0,
  payees: {},
  ids: [],
  events: [],
});

const payee = (s: FundsState, id: string) =>
  s.payees[id] ?? { paidFen: 0, recoveredFen: 0, settled: false };

export function evolveFunds(s: FundsState, e: FundsEvent): FundsState {
  const next: FundsState = { ...s, payees: { ...s.payees }, events: [...s.events, e] };
  switch (e.type) {
    case 'FundsAllocated':
      next.allocatedFen += e.data.amountFen;
      next.ids = [...s.ids, e.data.allocationId];
      return next;
    case 'FundsDisbursed': {
      next.ids = [...s.ids, e.data.disbursementId];
      if (e.data.kind === 'penalty') return next;
      next.disbursedFen += e.data.amountFen;
      const p = payee(s, e.data.toUnitId);
      next.payees[e.data.toUnitId] = { ...p, paidFen: p.paidFen + e.data.amountFen };
      return next;
    }
    case 'FundsSettled': {
      next.ids = [...s.ids, e.data.settlementId];
      next.payees[e.data.toUnitId] = { ...payee(s, e.data.toUnitId), settled: true };
      return next;
    }
    case 'FundsRecovered': {
      next.ids = [...s.ids, e.data.recoveryId];
      next.recoveredFen += e.data.amountFen;
      const p = payee(s, e.data.fromUnitId);
      next.payees[e.data.fromUnitId] = { ...p, recoveredFen: p.recoveredFen + e.data.amountFen };
      return next;
    }
  }
}
