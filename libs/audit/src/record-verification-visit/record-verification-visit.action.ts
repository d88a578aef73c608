import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import {
  CommandRequest,
  IsId,
  action,
  assertNotInFuture,
  chinaDay,
  refuse,
  type Decision,
} from '@libs/records';
import {
  type SampleEvent,
  type SampleState,
  VISIT_RESULTS,
  type VisitResult,
  evolveSample,
  initialSampleState,
  sampleStream,
} from '../sampling/sample-state';

export class RecordVerificationVisitRequest extends CommandRequest {
  @IsId() sampleId!: string;
  @IsId() residentId!: string;
  /** confirmed: the service happened; not_found: nobody there; service_denied: the resident says it did not. */
  @IsIn(VISIT_RESULTS) result!: VisitResult;
  @IsOptional() @IsString() @Length(1, 500) note?: string;
}

export function decideRecordVerificationVisit(
  c: Decision<RecordVerificationVisitRequest>,
  state: SampleState,
): SampleEvent[] {
  if (!state.drawn)
    return refuse(
      'SAMPLE_NOT_FOUND',
      'not_found',
      `样本 ${c.sampleId} 不存在`,
      `sample ${c.sampleId} has not been drawn`,
      { sampleId: c.sampleId },
    );
  assertNotInFuture(c.occurredAt, c.now);
  if (!state.drawn.residents.some((r) => r.residentId === c.residentId)) {
    refuse(
      'RESIDENT_NOT_IN_SAMPLE',
      'unprocessable',
      `居民 ${c.residentId} 不在样本 ${c.sampleId} 中`,
      `resident ${c.residentId} is not in sample ${c.sampleId}`,
      {
        sampleId: c.sampleId,
        residentId: c.residentId,
      },
    );
  }
  const earlier = state.visits[c.residentId];
  if (earlier) {
    refuse(
      'VISIT_ALREADY_RECORDED',
      'conflict',
      `居民 ${c.residentId} 的核查结果已录入（${earlier.result}）`,
      `a visit result for ${c.residentId} is already recorded (${earlier.result})`,
      {
        residentId: c.residentId,
        result: earlier.result,
      },
    );
  }
  if (chinaDay(c.occurredAt) < chinaDay(state.drawn.occurredAt)) {
    refuse(
      'VISIT_BEFORE_DRAW',
      'unprocessable',
      `入户日期早于抽样日期 ${chinaDay(state.drawn.occurredAt)}`,
      `the visit is dated before the draw (${chinaDay(state.drawn.occurredAt)})`,
      {
        drawnOn: chinaDay(state.drawn.occurredAt),
      },
    );
  }
  return [
    {
      type: 'VerificationVisitRecorded',
      data: {
        sampleId: c.sampleId,
        residentId: c.residentId,
        result: c.result,
        note: c.note?.trim() || null,
        occurredAt: c.occurredAt,
      },
    },
  ];
}

export const recordVerificationVisit = action({
  type: 'RecordVerificationVisit',
  summary: {
    zh: '录入入户核查结果（属实 / 查无此人 / 否认接受服务）',
    en: 'Record a home-visit result: confirmed / not found / service denied',
  },
  request: RecordVerificationVisitRequest,
  stream: (r) => sampleStream(r.sampleId),
  decider: {
    evolve: evolveSample,
    initialState: initialSampleState,
    decide: decideRecordVerificationVisit,
  },
  unitsTouched: (_r, s) => (s.drawn ? [s.drawn.unitId] : null),
});
