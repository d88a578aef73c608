import 'reflect-metadata';
import { specFor } from '@libs/records/testing/fixtures';
import {
  sampleSummary,
  evolveSample,
  initialSampleState,
  type SampleEvent,
} from '../sampling/sample-state';
import { recordVerificationVisit } from './record-verification-visit.action';

const given = specFor(recordVerificationVisit);
const resident = (residentId: string, unitId: string, index: number) => ({
  residentId,
  unitId,
  householdId: null,
  index,
  counted: true,
});
const drawn: SampleEvent = {
  type: 'SampleDrawn',
  data: {
    sampleId: 's1',
    indicator: 'elderly_health_management',
    unitId: 'dist',
    period: 2024,
    asOf: '2024-06-01T00:00:00.000Z',
    population: 'counted',
    populationSize: 6,
    populationDigest: 'x',
    size: 3,
    interval: 2,
    start: 1,
    seed: 'seed',
    residents: [resident('r1', 'c1', 1), resident('r3', 'c1', 3), resident('r5', 'c2', 5)],
    occurredAt: '2024-06-01',
  },
};
const visit = (over: Record<string, unknown> = {}) => ({
  type: 'RecordVerificationVisit',
  sampleId: 's1',
  residentId: 'r3',
  result: 'confirmed',
  occurredAt: '2024-06-20',
  ...over,
});
const visited = (
  residentId = 'r3',
  result = 'confirmed',
  note: string | null = null,
  occurredAt = '2024-06-20',
): SampleEvent => ({
  type: 'VerificationVisitRecorded',
  data: { sampleId: 's1', residentId, result: result as never, note, occurredAt },
});

describe('RecordVerificationVisit', () => {
  it('records a field result for a sampled resident', () => {
    given([drawn])
      .when(visit({ note: '  家中见到本人  ' }))
      .then([visited('r3', 'confirmed', '家中见到本人')]);
  });

  it('refuses a sample that was never drawn', () => {
    given([]).when(visit()).thenThrows('SAMPLE_NOT_FOUND');
  });

  it('refuses a resident outside the sample', () => {
    given([drawn])
      .when(visit({ residentId: 'r2' }))
      .thenThrows('RESIDENT_NOT_IN_SAMPLE');
  });

  it('refuses a second result for the same resident', () => {
    given([drawn, visited()])
      .when(visit({ commandId: 'cmd-2', result: 'not_found' }))
      .thenThrows('VISIT_ALREADY_RECORDED');
  });

  it('near miss: another resident of the same sample is accepted', () => {
    given([drawn, visited()])
      .when(visit({ residentId: 'r5', result: 'service_denied' }))
      .then([visited('r5', 'service_denied')]);
  });

  it('refuses a visit dated before the draw; near miss: the day of the draw', () => {
    given([drawn])
      .when(visit({ occurredAt: '2024-05-31' }))
      .thenThrows('VISIT_BEFORE_DRAW');
    given([drawn])
      .when(visit({ occurredAt: '2024-06-01' }))
      .then([visited('r3', 'confirmed', null, '2024-06-01')]);
  });

  it('acts in the scope of the sampled unit', () => {
    expect(recordVerificationVisit.unitsTouched(visit() as never, initialSampleState())).toBeNull();
    expect(
      recordVerificationVisit.unitsTouched(
        visit() as never,
        evolveSample(initialSampleState(), drawn),
      ),
    ).toEqual(['dist']);
  });
});

describe('sampleSummary', () => {
  it('counts drawn, visited, confirmed %, not found and denied per unit, with a total', () => {
    const state = [
      visited('r1', 'confirmed'),
      visited('r3', 'not_found'),
      visited('r5', 'service_denied'),
    ].reduce(evolveSample, evolveSample(initialSampleState(), drawn));
    expect(sampleSummary(state)).toEqual([
      {
        unitId: 'c1',
        drawn: 2,
        visited: 2,
        confirmed: 1,
        confirmedRate: 0.5,
        notFound: 1,
        denied: 0,
      },
      {
        unitId: 'c2',
        drawn: 1,
        visited: 1,
        confirmed: 0,
        confirmedRate: 0,
        notFound: 0,
        denied: 1,
      },
      {
        unitId: '*',
        drawn: 3,
        visited: 3,
        confirmed: 1,
        confirmedRate: 1 / 3,
        notFound: 1,
        denied: 1,
      },
    ]);
  });

  it('near miss: before any visit the confirmed rate is unknown, not zero', () => {
    expect(sampleSummary(evolveSample(initialSampleState(), drawn))[2]).toMatchObject({
      drawn: 3,
      visited: 0,
      confirmedRate: null,
    });
  });
});
