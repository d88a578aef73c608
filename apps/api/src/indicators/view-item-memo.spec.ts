import { ViewItemMemo } from './view-item-memo';

const tallies = (n: number) =>
  new Map([
    ['a', { numerator: n, denominator: 10 }],
    ['b', { numerator: 1, denominator: 2 }],
  ]);

describe('ViewItemMemo', () => {
  it('hands back the same item while the tallies are the same, a new one when a figure moves', () => {
    const memo = new ViewItemMemo();
    let made = 0;
    const make = () => ({ made: ++made });
    const first = memo.item('2024|d1', tallies(3), make);
    expect(memo.item('2024|d1', tallies(3), make)).toBe(first);
    const moved = memo.item('2024|d1', tallies(4), make);
    expect(moved).not.toBe(first);
    expect(moved).toEqual({ made: 2 });
    // Another slot with the same figures is made on its own.
    expect(memo.item('2024|d2', tallies(4), make)).toEqual({ made: 3 });
  });

  it('tells a figure moved between indicators from an unchanged one', () => {
    const memo = new ViewItemMemo();
    const first = memo.item('s', new Map([['a', { numerator: 1, denominator: 11 }]]), () => ({}));
    const other = memo.item('s', new Map([['a1', { numerator: 1, denominator: 1 }]]), () => ({}));
    expect(other).not.toBe(first);
  });
});
