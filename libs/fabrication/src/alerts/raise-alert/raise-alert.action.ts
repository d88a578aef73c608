import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { CommandRequest, IsId, action, refuse, type Decision } from '@libs/records';
import { DETECTORS, type DetectorId, type SubjectKind } from '../../alert';
import { alertId, alertStream } from '../alert-id';
import {
  type AlertEvent,
  type AlertRaised,
  type AlertState,
  evolveAlert,
  initialAlertState,
} from '../alert-state';

const SUBJECT_KINDS: SubjectKind[] = ['doctor', 'team', 'unit', 'resident', 'report'];
const text = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;

/*
 * The nested shapes are checked by property validators, not nested DTO classes: a nested class
 * would be listed among the public schema's shapes, and RaiseAlert is internal.
 */
const IsAlertSubject = () =>
  ValidateBy({
    name: 'isAlertSubject',
    validator: {
      validate: (v: unknown) =>
        typeof v === 'object' &&
        v !== null &&
        SUBJECT_KINDS.includes((v as { kind: SubjectKind }).kind) &&
        text((v as { id: unknown }).id, 200),
      defaultMessage: () =>
        `$property must be { kind: ${SUBJECT_KINDS.join('|')}, id } / $property 须为 { kind, id }`,
    },
  });
const IsExplanation = () =>
  ValidateBy({
    name: 'isExplanation',
    validator: {
      validate: (v: unknown) =>
        typeof v === 'object' &&
        v !== null &&
        text((v as { zh: unknown }).zh, 2000) &&
        text((v as { en: unknown }).en, 2000),
      defaultMessage: () => '$property must be { zh, en } / $property 须为 { zh, en }',
    },
  });

/** Internal: raised by the detection run (the operator), never submitted over HTTP. */
export class RaiseAlertRequest extends CommandRequest {
  @IsIn(DETECTORS) detector!: DetectorId;
  @IsAlertSubject() subject!: { kind: SubjectKind; id: string };
  @IsInt() @Min(2000) @Max(2100) period!: number;
  @IsNumber() score!: number;
  @IsIn(['low', 'medium', 'high']) severity!: 'low' | 'medium' | 'high';
  @IsExplanation() explanation!: { zh: string; en: string };
  /** Ids of the events a supervisor opens to check the claim; the decider refuses none. */
  @IsArray() @ArrayMaxSize(10_000) @IsString({ each: true }) evidence!: string[];
  /** The unit the subject belongs to: whose supervisors see and handle the alert. */
  @IsId() unitId!: string;
}

export function decideRaiseAlert(c: Decision<RaiseAlertRequest>, state: AlertState): AlertEvent[] {
  if (c.evidence.length === 0)
    refuse(
      'ALERT_WITHOUT_EVIDENCE',
      'unprocessable',
      '没有证据事件的预警不予登记',
      'an alert must name the events that support it',
      { detector: c.detector, subject: c.subject },
    );
  // Same detector, subject and evidence: the same alert. Raised before (even dismissed): nothing.
  if (state.raised) return [];
  const raised: AlertRaised = {
    type: 'AlertRaised',
    data: {
      alertId: alertId(c),
      unitId: c.unitId,
      detector: c.detector,
      subject: { kind: c.subject.kind, id: c.subject.id },
      period: c.period,
      score: c.score,
      severity: c.severity,
      explanation: { zh: c.explanation.zh, en: c.explanation.en },
      evidence: [...new Set(c.evidence)].sort(),
      occurredAt: c.occurredAt,
    },
  };
  return [raised];
}

export const raiseAlert = action({
  type: 'RaiseAlert',
  summary: {
    zh: '登记一条疑似造假预警（附证据事件）',
    en: 'Raise a fabrication alert with its evidence',
  },
  request: RaiseAlertRequest,
  stream: (r) => alertStream(alertId(r)),
  decider: { initialState: initialAlertState, evolve: evolveAlert, decide: decideRaiseAlert },
  unitsTouched: (r) => [r.unitId],
});
