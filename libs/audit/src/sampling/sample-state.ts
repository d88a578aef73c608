/** The stream of one draw and the field results recorded against it. */
export const sampleStream = (sampleId: string) => `sample-${sampleId}`;

export const VISIT_RESULTS = ['confirmed', 'not_found', 'service_denied'] as const;
export type VisitResult = (typeof VISIT_RESULTS)[number];

export interface SampledResident {
  residentId: string;
  unitId: string;
  householdId: string | null;
  /** Position in the sorted population. */
  index: number;
  counted: boolean;
}

export interface SampleDrawnData {
  sampleId: string;
  indicator: string;
  unitId: string;
  period: number;
  /** Ledger time the population was taken at: a redraw from the same asOf and seed gives the same residents. */
  asOf: string;
  population: 'counted' | 'all';
  populationSize: number;
  populationDigest: string;
  size: number;
  interval: number;
  start: number;
  seed: string;
  residents: SampledResident[];
  occurredAt: string;
}

export type SampleEvent =
  | { type: 'SampleDrawn'; data: SampleDrawnData }
  | {
      type: 'VerificationVisitRecorded';
      data: {
        sampleId: string;
        residentId: string;
        result: VisitResult;
        note: string | null;
        occurredAt: string;
      };
    };

export interface SampleState {
  drawn: SampleDrawnData | null;
  visits: Record<string, { result: VisitResult; note: string | null; occurredAt: string }>;
}

export const initialSampleState = (): SampleState => ({ drawn: null, visits: {} });

export function evolveSample(state: SampleState, event: SampleEvent): SampleState {
  switch (event.type) {
    case 'SampleDrawn':
      return { ...state, drawn: event.data };
    case 'VerificationVisitRecorded': {
      const { residentId, result, note, occurredAt } = event.data;
      return { ...state, visits: { ...state.visits, [residentId]: { result, note, occurredAt } } };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export interface VisitTally {
  unitId: string;
  drawn: number;
  visited: number;
  confirmed: number;
  /** Confirmed of those visited; null before any visit. */
  confirmedRate: number | null;
  notFound: number;
  denied: number;
}

/** Per unit of the sampled residents, and a total row (unitId '*'). */
export function sampleSummary(state: SampleState): VisitTally[] {
  const rows = new Map<string, VisitTally>();
  const tally = (unitId: string) =>
    rows.get(unitId) ?? {
      unitId,
      drawn: 0,
      visited: 0,
      confirmed: 0,
      confirmedRate: null,
      notFound: 0,
      denied: 0,
    };
  for (const r of state.drawn?.residents ?? []) {
    for (const unitId of [r.unitId, '*']) {
      const t = tally(unitId);
      t.drawn += 1;
      const visit = state.visits[r.residentId];
      if (visit) {
        t.visited += 1;
        if (visit.result === 'confirmed') t.confirmed += 1;
        if (visit.result === 'not_found') t.notFound += 1;
        if (visit.result === 'service_denied') t.denied += 1;
      }
      t.confirmedRate = t.visited > 0 ? t.confirmed / t.visited : null;
      rows.set(unitId, t);
    }
  }
  return [...rows.values()].sort((a, b) =>
    a.unitId === '*' ? 1 : b.unitId === '*' ? -1 : a.unitId < b.unitId ? -1 : 1,
  );
}
