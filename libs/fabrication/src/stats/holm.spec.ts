import { keepByHolm } from './holm';

const p = (...values: number[]) => values.map((pValue) => ({ pValue }));

describe('keepByHolm', () => {
  it('keeps a p-value below alpha when it is the only test', () => {
    expect(keepByHolm(p(0.0006), 1, 0.001)).toEqual(p(0.0006));
  });

  it('drops the same p-value among 20 tests: alpha / 20 is the bar for the smallest', () => {
    expect(keepByHolm(p(0.0006), 20, 0.001)).toEqual([]);
    expect(keepByHolm(p(0.00004), 20, 0.001)).toEqual(p(0.00004));
  });

  it('steps down: the second smallest faces alpha / (m − 1), and the first failure stops', () => {
    // m = 4: bars 0.00025, 0.000333…, 0.0005, 0.001. 0.0006 fails the third bar, so 0.0009
    // (below alpha on its own, and below the fourth bar) is not kept either.
    expect(keepByHolm(p(0.0009, 0.0001, 0.0003, 0.0006), 4, 0.001)).toEqual(p(0.0001, 0.0003));
  });
});
