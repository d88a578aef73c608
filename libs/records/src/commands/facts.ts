import type { DoctorState } from '../streams/doctor-events';
import type { OrgUnitState } from '../streams/org-unit-events';

/**
 * Reference data a decision needs from other streams, loaded by the handler before deciding
 * (design.md: "through a named port"), so the decider itself stays pure.
 */
export interface Facts {
  unit?: OrgUnitState;
  parent?: OrgUnitState;
  team?: OrgUnitState;
  doctor?: DoctorState;
  /** The unit the doctor belonged to on the service day. */
  doctorUnit?: OrgUnitState;
}

/** What every decision gets besides the request: ledger time and the facts. */
export interface DecisionContext {
  now: string;
  facts: Facts;
}

/** The port through which facts are read; implemented over the event store. */
export interface FactLookup {
  unit(unitId: string): Promise<OrgUnitState>;
  doctor(doctorId: string): Promise<DoctorState>;
}
