import type { DoctorState } from '../streams/doctor-events';
import type { OrgUnitState } from '../streams/org-unit-events';
import type { ResidentState } from '../streams/resident-state';

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
  /** A child registered at birth: the mother's stream, whose delivery names the child. */
  mother?: ResidentState;
  /**
   * The keyed hash of the command's ID number (identity.idNumber), computed by the handler with
   * the ledger secret: the decider stays pure and never sees the secret.
   */
  idNumberHash?: string;
  /**
   * Other residents the vault holds under the same ID-number hash, with their streams: a second
   * registration of one person (重复建档) is refused while the first is alive and still here.
   */
  sameIdNumber?: Record<string, ResidentState>;
}

/** What every decision gets besides the request: ledger time and the facts. */
export interface DecisionContext {
  now: string;
  facts: Facts;
  /**
   * Set when the command comes from a historical migration (it carries the source system's
   * time). A migrated record happened in the old system already: a timing rule that would refuse
   * it at the door (a dose before its minimum age, a visit before the birth) keeps it instead, so
   * history is not lost, and the read side does not count it while the detectors show it.
   */
  migrated?: true;
}

/** The port through which facts are read; implemented over the event store. */
export interface FactLookup {
  unit(unitId: string): Promise<OrgUnitState>;
  doctor(doctorId: string): Promise<DoctorState>;
  /**
   * Another resident's folded stream (a child's registration reads the mother's delivery).
   * Optional: lookups that serve only unit scope (access control) have no residents.
   */
  resident?(residentId: string): Promise<ResidentState>;
}
