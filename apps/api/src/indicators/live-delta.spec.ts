import { type RatesView, liveDelta, samePlain } from './live-delta';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { applyDelta } = require('../../public/live-delta.js') as {
  applyDelta(view: RatesView, delta: unknown): RatesView;
};

const row = (unitId: string, indicatorId: string, numerator: number) => ({
  unitId,
  indicatorId,
  numerator,
  denominator: 10,
});

const view = (over: Partial<Record<keyof RatesView, unknown>> = {}): RatesView =>
  ({
    period: 2024,
    asOf: null,
    asOfBasis: 'ledger',
    day: '2024-05-01',
    position: 10,
    unit: { unitId: 'jy', name: '鲸园' },
    children: ['jy-s1'],
    catalog: { id: 'c', version: 1, indicators: [] },
    rows: [row('jy', 'a', 1), row('jy', 'b', 2), row('jy-s1', 'a', 1)],
    teams: [{ teamId: 't1', name: 'T1', figures: { a: { numerator: 1 } } }],
    doctors: [{ doctorId: 'd1', figures: { a: { numerator: 1 } } }],
    pace: [{ indicatorId: 'a', perDay: 1 }],
    ...over,
  }) as unknown as RatesView;

describe('liveDelta', () => {
  it('is null when no figure changed, even at a later position', () => {
    expect(liveDelta(view(), view({ position: 11 }))).toBeNull();
  });

  it('carries only the items that changed, and the page applies it to the same figures', () => {
    const before = view();
    const after = view({
      position: 12,
      rows: [row('jy', 'a', 2), row('jy', 'b', 2), row('jy-s1', 'a', 2)],
      doctors: [
        { doctorId: 'd1', figures: { a: { numerator: 1 } } },
        { doctorId: 'd2', figures: { a: { numerator: 1 } } },
      ],
      teams: [],
    });
    const delta = liveDelta(before, after);
    expect(delta).toMatchObject({
      position: 12,
      changed: {
        rows: [row('jy', 'a', 2), row('jy-s1', 'a', 2)],
        doctors: [{ doctorId: 'd2' }],
        teams: [],
        pace: [],
      },
      removed: { teams: ['t1'], rows: [], doctors: [], pace: [] },
    });
    expect(applyDelta(before, delta)).toEqual(after);
  });

  it('asks for the whole view when the frame changed (a renamed unit, a new sub-unit)', () => {
    expect(liveDelta(view(), view({ unit: { unitId: 'jy', name: '鲸园中心' } }))).toBe('snapshot');
    expect(liveDelta(view(), view({ children: ['jy-s1', 'jy-s2'] }))).toBe('snapshot');
  });

  it('sends a new day even when no figure moved (the pace depends on it)', () => {
    expect(liveDelta(view(), view({ day: '2024-05-02' }))).toMatchObject({ day: '2024-05-02' });
  });
});

describe('samePlain', () => {
  const make = () => ({
    id: 'd1',
    figures: { x: { n: 1, rate: null, list: [1, 2] }, y: { n: NaN } },
  });

  it('holds two separately built copies of the same data equal, NaN included', () => {
    expect(samePlain(make(), make())).toBe(true);
  });

  it('tells every near miss apart', () => {
    const a = make();
    const misses: unknown[] = [
      { ...a, id: 'd2' },
      { ...a, figures: { ...a.figures, x: { n: 1, rate: 0, list: [1, 2] } } },
      { ...a, figures: { ...a.figures, x: { n: 1, rate: null, list: [1, 2, 3] } } },
      { ...a, figures: { x: a.figures.x } },
      { ...a, extra: undefined },
      { id: 'd1', other: a.figures },
      [a],
      null,
    ];
    for (const b of misses) expect(samePlain(a, b)).toBe(false);
  });
});
