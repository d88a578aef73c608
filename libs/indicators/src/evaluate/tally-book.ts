import type { IndicatorDefinition } from '../catalog/indicator-definition';
import { type Contribution, perResident } from './contribution';
import type { UnitTree } from './unit-tree';

export interface Tally {
  numerator: number;
  denominator: number;
}

const addTo = (
  map: Map<string, Int32Array>,
  key: string,
  counts: Int32Array,
  sign: number,
  /** The positions of `counts` to add; all when absent. */
  only?: Int32Array,
) => {
  let sum = map.get(key);
  if (!sum) map.set(key, (sum = new Int32Array(counts.length)));
  if (!only) for (let i = 0; i < counts.length; i += 1) sum[i] += sign * counts[i];
  else
    for (let j = 0; j < only.length; j += 1) {
      const i = only[j];
      sum[i] += sign * counts[i];
    }
};

export interface SavedBook {
  units: [string, number[]][];
  teams: [string, number[]][];
  doctors: [string, number[]][];
}

/**
 * Residents' contributions summed by their own unit, team and doctor. Units are rolled up the
 * hierarchy only when asked, with the tree of the period asked for, so one book serves any
 * hierarchy. Adding with sign -1 takes a contribution back out: a resident whose records change
 * is taken out as they were and added as they are.
 */
export class TallyBook {
  readonly units = new Map<string, Int32Array>();
  readonly teams = new Map<string, Int32Array>();
  readonly doctors = new Map<string, Int32Array>();
  /** The count positions (numerator and denominator) of indicators counted per resident. */
  private readonly perResident: Int32Array;

  /** `people`: whether teams and doctors are tallied too (the current figures show them). */
  constructor(
    readonly indicators: readonly IndicatorDefinition[],
    private readonly people = true,
  ) {
    // Positions, not flags: a team's and a doctor's tallies are added for every resident
    // change in every kept book, and most indicators are not counted per resident.
    this.perResident = Int32Array.from(
      indicators.flatMap((d, i) => (perResident(d) ? [2 * i, 2 * i + 1] : [])),
    );
  }

  add(c: Contribution, sign: 1 | -1 = 1): void {
    addTo(this.units, c.unitId, c.counts, sign);
    if (!this.people) return;
    if (c.teamId) addTo(this.teams, c.teamId, c.counts, sign, this.perResident);
    if (c.doctorKey) addTo(this.doctors, c.doctorKey, c.counts, sign, this.perResident);
  }

  /** A book with the same counts, to be added to without touching this one. */
  copy(): TallyBook {
    const twin = new TallyBook(this.indicators, this.people);
    for (const name of ['units', 'teams', 'doctors'] as const)
      for (const [key, counts] of this[name]) twin[name].set(key, counts.slice());
    return twin;
  }

  /** The book as plain arrays, to be saved; `load` takes it back. */
  save(): SavedBook {
    const plain = (m: Map<string, Int32Array>) =>
      [...m].map(([k, v]) => [k, [...v]] as [string, number[]]);
    return { units: plain(this.units), teams: plain(this.teams), doctors: plain(this.doctors) };
  }

  load(saved: SavedBook): void {
    for (const [name, entries] of [
      ['units', saved.units],
      ['teams', saved.teams],
      ['doctors', saved.doctors],
    ] as const)
      for (const [key, counts] of entries) this[name].set(key, Int32Array.from(counts));
  }

  /** Every unit of the tree with the sum of its own residents and all below it. */
  rolledUp(tree: UnitTree): Map<string, Int32Array> {
    const out = new Map<string, Int32Array>();
    for (const [unitId, counts] of this.units)
      for (const id of tree.chain(unitId)) addTo(out, id, counts, 1);
    return out;
  }

  /** One unit's sum of its own residents and all below it in the tree. */
  rolledUpFor(tree: UnitTree, unitId: string): Int32Array {
    const sum = new Int32Array(this.indicators.length * 2);
    for (const [id, counts] of this.units)
      if (tree.within(id, unitId)) for (let i = 0; i < counts.length; i += 1) sum[i] += counts[i];
    return sum;
  }

  /** Team or doctor tallies as `key → indicator → tally`, only indicators someone counts in. */
  tallies(which: 'teams' | 'doctors'): Map<string, Map<string, Tally>> {
    const out = new Map<string, Map<string, Tally>>();
    for (const key of [...this[which].keys()].sort()) {
      const counts = this[which].get(key)!;
      const byIndicator = new Map<string, Tally>();
      this.indicators.forEach((def, i) => {
        if (counts[2 * i] > 0)
          byIndicator.set(def.id, { numerator: counts[2 * i + 1], denominator: counts[2 * i] });
      });
      if (byIndicator.size) out.set(key, byIndicator);
    }
    return out;
  }
}
