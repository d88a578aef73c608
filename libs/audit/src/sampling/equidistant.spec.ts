import { equidistantIndices, populationDigest, seedFraction } from './equidistant';

describe('equidistant sampling (等间距抽样)', () => {
  it('is deterministic: the same size and seed give the same positions', () => {
    expect(equidistantIndices(1000, 30, 'seed-a')).toEqual(equidistantIndices(1000, 30, 'seed-a'));
  });

  it('near miss: another seed moves the start', () => {
    const starts = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => equidistantIndices(1000, 10, s).start),
    );
    expect(starts.size).toBeGreaterThan(1);
  });

  it('picks every k-th from a start below k, all distinct and inside the population', () => {
    for (const [N, n] of [
      [10, 3],
      [1000, 30],
      [7, 7],
      [101, 10],
      [5, 1],
    ]) {
      for (const seed of ['x', 'y', 'z', '0', '42']) {
        const d = equidistantIndices(N, n, seed);
        expect(d.interval).toBeCloseTo(N / n);
        expect(d.start).toBeGreaterThanOrEqual(0);
        expect(d.start).toBeLessThan(Math.max(1, d.interval));
        expect(new Set(d.indices).size).toBe(n);
        expect(Math.max(...d.indices)).toBeLessThan(N);
        d.indices.forEach((index, i) => expect(index).toBe(Math.floor(d.start + i * d.interval)));
      }
    }
  });

  it('takes everyone when the size reaches the population, and nobody from nobody', () => {
    expect(equidistantIndices(4, 9, 's').indices).toEqual([0, 1, 2, 3]);
    expect(equidistantIndices(0, 9, 's').indices).toEqual([]);
  });

  it('spreads over the whole list (k = 10 for 10 of 100)', () => {
    const d = equidistantIndices(100, 10, 'spread');
    expect(d.indices[9] - d.indices[0]).toBe(90);
  });

  it('derives a fraction in [0, 1) from the seed text', () => {
    const u = seedFraction('hello');
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
    expect(seedFraction('hello')).toBe(u);
  });

  it('digests the population order-sensitively', () => {
    expect(populationDigest(['a', 'b'])).not.toBe(populationDigest(['b', 'a']));
    expect(populationDigest(['a', 'b'])).toMatch(/^[0-9a-f]{64}$/);
  });
});
