import { IsIn, IsInt, Max, Min } from 'class-validator';
import { CommandRequest, IsId, action, type Decision } from '@libs/records';
import { DETECTORS, type DetectorId } from '../../alert';
import { ALERT_DIRECTORY_STREAM } from '../alert-id';

export type AlertListed = {
  type: 'AlertListed';
  data: {
    alertId: string;
    unitId: string;
    detector: DetectorId;
    severity: 'low' | 'medium' | 'high';
    period: number;
    occurredAt: string;
  };
};

/** Internal, like ListActor: the directory lets a list read one stream instead of the log. */
export class ListAlertRequest extends CommandRequest {
  @IsId() alertId!: string;
  @IsId() unitId!: string;
  @IsIn(DETECTORS) detector!: DetectorId;
  @IsIn(['low', 'medium', 'high']) severity!: 'low' | 'medium' | 'high';
  @IsInt() @Min(2000) @Max(2100) period!: number;
}

export function decideListAlert(c: Decision<ListAlertRequest>, listed: Set<string>): AlertListed[] {
  if (listed.has(c.alertId)) return [];
  const { alertId, unitId, detector, severity, period, occurredAt } = c;
  return [
    { type: 'AlertListed', data: { alertId, unitId, detector, severity, period, occurredAt } },
  ];
}

export const listAlert = action({
  type: 'ListAlert',
  summary: { zh: '列入预警目录', en: 'List an alert in the directory' },
  request: ListAlertRequest,
  stream: () => ALERT_DIRECTORY_STREAM,
  decider: {
    initialState: (): Set<string> => new Set(),
    // The fold starts from a fresh set each time, so adding in place is safe (and linear).
    evolve: (s: Set<string>, e: AlertListed) => s.add(e.data.alertId),
    decide: decideListAlert,
  },
  unitsTouched: (r) => [r.unitId],
});
