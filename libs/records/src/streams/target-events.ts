import type { TargetKey } from './vocabulary';

/** A later assignment for the same unit and year replaces the earlier one in full. */
export type TargetEvent = {
  type: 'TargetsAssigned';
  data: {
    unitId: string;
    year: number;
    targets: Partial<Record<TargetKey, number>>;
    occurredAt: string;
  };
};

export interface TargetState {
  assigned: boolean;
  targets: Partial<Record<TargetKey, number>>;
}

export const initialTargetState = (): TargetState => ({ assigned: false, targets: {} });

export function evolveTargets(_state: TargetState, event: TargetEvent): TargetState {
  switch (event.type) {
    case 'TargetsAssigned':
      return { assigned: true, targets: { ...event.data.targets } };
    default: {
      const unknown: never = event.type;
      return unknown;
    }
  }
}
