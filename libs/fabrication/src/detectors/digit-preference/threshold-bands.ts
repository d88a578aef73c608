import { type ServiceRecord, binomialUpperP, chiSquareP } from '../../detection-input';

/**
 * Readings nudged under a control threshold: the band just below (systolic 130–139, diastolic
 * 80–89) swells and the band just above (140–149, 90–99) empties. Counted on hypertension
 * follow-ups, where the thresholds decide "controlled".
 */
export interface BandTally {
  /** Systolic 130–139 (the records) and 140–149 (how many). */
  sysLow: ServiceRecord[];
  sysHigh: number;
  /** Diastolic 80–89 (the records) and 90–99 (how many). */
  diaLow: ServiceRecord[];
  diaHigh: number;
  /**
   * The five units either side of each threshold (135–139 : 140–144, 85–89 : 90–94). A doctor
   * whose patients simply run lower shifts the whole curve and keeps it smooth at the line;
   * nudging empties the values just above it and piles them just below.
   */
  edges: [number, number, number, number];
}

export const emptyBands = (): BandTally => ({
  sysLow: [],
  sysHigh: 0,
  diaLow: [],
  diaHigh: 0,
  edges: [0, 0, 0, 0],
});

export function tallyBands(t: BandTally, r: ServiceRecord, systolic?: number, diastolic?: number) {
  if (systolic !== undefined) {
    if (systolic >= 130 && systolic <= 139) t.sysLow.push(r);
    else if (systolic >= 140 && systolic <= 149) t.sysHigh += 1;
    if (systolic >= 135 && systolic <= 139) t.edges[0] += 1;
    else if (systolic >= 140 && systolic <= 144) t.edges[1] += 1;
  }
  if (diastolic !== undefined) {
    if (diastolic >= 80 && diastolic <= 89) t.diaLow.push(r);
    else if (diastolic >= 90 && diastolic <= 99) t.diaHigh += 1;
    if (diastolic >= 85 && diastolic <= 89) t.edges[2] += 1;
    else if (diastolic >= 90 && diastolic <= 94) t.edges[3] += 1;
  }
}

export interface BandVerdict {
  /** Fisher's combination of the two one-sided exact binomial tests. */
  pValue: number;
  /** The same at the edges (five units either side): nudging shows there, a shifted curve not. */
  edgePValue: number;
  /** The doctor's below:above ratio over the district's, in the band that says most. */
  lift: number;
  band: 'systolic' | 'diastolic';
  low: number;
  high: number;
  referenceRatio: number;
}

/**
 * The doctor against the district's own reference (every other doctor's readings of the
 * period): in each band, the share below the threshold the district shows is the null, and an
 * exact one-sided binomial test asks how unlikely the doctor's share is. The two bands are
 * independent evidence of one habit and are combined by Fisher's method (χ², 4 degrees of
 * freedom), so about twenty readings nudged in both are enough where one band alone needs many.
 */
export function judgeBands(doctor: BandTally, district: BandTally): BandVerdict | null {
  const side = (low: number, high: number, allLow: number, allHigh: number) => {
    const refLow = allLow - low;
    const refHigh = allHigh - high;
    if (low + high === 0 || refLow + refHigh === 0) return { p: 1, lift: 0, ratio: NaN };
    const p0 = refLow / (refLow + refHigh);
    const ratio = refHigh === 0 ? Infinity : refLow / refHigh;
    const mine = high === 0 ? Infinity : low / high;
    return { p: binomialUpperP(low, low + high, p0), lift: mine / ratio, ratio };
  };
  const sys = side(doctor.sysLow.length, doctor.sysHigh, district.sysLow.length, district.sysHigh);
  const dia = side(doctor.diaLow.length, doctor.diaHigh, district.diaLow.length, district.diaHigh);
  const fisher = (a: number, b: number) =>
    chiSquareP(-2 * (Math.log(Math.max(a, 1e-300)) + Math.log(Math.max(b, 1e-300))), 4);
  const pValue = fisher(sys.p, dia.p);
  const e = doctor.edges;
  const all = district.edges;
  const edgePValue = fisher(side(e[0], e[1], all[0], all[1]).p, side(e[2], e[3], all[2], all[3]).p);
  const sysSays = sys.p <= dia.p;
  return {
    pValue,
    edgePValue,
    lift: sysSays ? sys.lift : dia.lift,
    band: sysSays ? 'systolic' : 'diastolic',
    low: sysSays ? doctor.sysLow.length : doctor.diaLow.length,
    high: sysSays ? doctor.sysHigh : doctor.diaHigh,
    referenceRatio: sysSays ? sys.ratio : dia.ratio,
  };
}
