import 'reflect-metadata';
import { SqliteEventStore } from '@libs/ledger';
import type { Facts } from '@libs/records';
import { specFor } from '@libs/records/testing/fixtures';
import { equidistantIndices, populationDigest } from '../sampling/equidistant';
import { drawSample } from './draw-sample.action';

const store = new SqliteEventStore({ path: ':memory:' });
const action = drawSample({ store, clock: () => new Date('2024-06-30T04:00:00.000Z') });
afterAll(() => store.close());

const people = Array.from({ length: 20 }, (_, i) => ({
  residentId: `r${String(i).padStart(2, '0')}`,
  unitId: i < 10 ? 'u1' : 'u2',
  householdId: `h${i}`,
  counted: true,
}));
const sampling = (over: Record<string, unknown> = {}): Facts =>
  ({
    sampling: {
      indicatorKnown: true,
      unitKnown: true,
      asOf: '2024-06-30T04:00:00.000Z',
      seed: 's-1',
      population: people,
      ...over,
    },
  }) as Facts;
const given = specFor(action, sampling());
const draw = (over: Record<string, unknown> = {}) => ({
  type: 'DrawSample',
  sampleId: 'smp-1',
  indicator: 'elderly_health_management',
  unitId: 'u0',
  period: 2024,
  size: 4,
  seed: 's-1',
  population: 'counted',
  occurredAt: '2024-06-30',
  ...over,
});

const expectedDraw = (seed = 's-1', population = people) => {
  const d = equidistantIndices(population.length, 4, seed);
  return [
    {
      type: 'SampleDrawn',
      data: {
        sampleId: 'smp-1',
        indicator: 'elderly_health_management',
        unitId: 'u0',
        period: 2024,
        asOf: '2024-06-30T04:00:00.000Z',
        population: 'counted',
        populationSize: population.length,
        populationDigest: populationDigest(population.map((p) => p.residentId)),
        size: 4,
        interval: d.interval,
        start: d.start,
        seed,
        residents: d.indices.map((index) => ({ ...population[index], index })),
        occurredAt: '2024-06-30',
      },
    },
  ];
};

describe('DrawSample', () => {
  it('draws every k-th resident of the sorted population from the seeded start, recording seed and residents', () => {
    given([]).when(draw()).then(expectedDraw());
  });

  it('is reproducible: the population in another order gives the same sample', () => {
    given([])
      .when(draw(), sampling({ population: [...people].reverse() }))
      .then(expectedDraw());
  });

  it('refuses a second draw under the same sample id (SAMPLE_ALREADY_DRAWN)', () => {
    given(expectedDraw())
      .when(draw({ commandId: 'cmd-2', seed: 'another' }))
      .thenThrows('SAMPLE_ALREADY_DRAWN');
  });

  it('refuses an unknown indicator and a unit not in the period', () => {
    given([])
      .when(draw(), sampling({ indicatorKnown: false }))
      .thenThrows('UNKNOWN_INDICATOR');
    given([])
      .when(draw(), sampling({ unitKnown: false }))
      .thenThrows('UNIT_NOT_FOUND');
  });

  it('refuses an empty population', () => {
    given([])
      .when(draw(), sampling({ population: [] }))
      .thenThrows('EMPTY_POPULATION');
  });

  it('near miss: a population of one gives a sample of one', () => {
    const one = [people[3]];
    const [event] = expectedDraw('s-1', one);
    const data = { ...event.data, interval: 1, start: 0, residents: [{ ...people[3], index: 0 }] };
    given([])
      .when(draw(), sampling({ population: one }))
      .then([{ type: 'SampleDrawn', data }]);
  });
});
