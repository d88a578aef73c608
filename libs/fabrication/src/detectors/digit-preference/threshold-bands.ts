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

/** One look at the doctor's readings either side of the thresholds. */
export interface BandLook {
  /** Fisher's combination of the systolic and diastolic one-sided exact binomial tests. */
  pValue: number;
  /** The doctor's below:above ratio over the district's, in the band that says most. */
  lift: number;
  band: 'systolic' | 'diastolic';
  /** The ranges compared in that band, e.g. 130–139 and 140–149. */
  below: string;
  above: string;
  low: number;
  high: number;
  referenceRatio: number;
  /**
   * The larger of the two bands' own one-sided p, over the bands with at least a few readings
   * (a doctor whose patients' diastolics all sit under 80 has only the systolic to go by):
   * small when every band that can show a lean leans below the line.
   */
  weakerBandP: number;
}

/**
 * Two looks: the wide bands (ten units either side) and the edges (five either side). Nudging
 * shows at the edges first, since it moves the readings just above the line to just below it; a
 * doctor whose patients simply run lower shifts the whole curve, which the wide bands see and
 * the edges hardly.
 */
export interface BandVerdict {
  wide: BandLook;
  edge: BandLook;
}

/** Readings a band needs before its own lean (or lack of one) counts. */
const FEW = 5;

type Counts = [sysLow: number, sysHigh: number, diaLow: number, diaHigh: number];

/**
 * The doctor against the district's own reference (every other doctor's readings of the
 * period): in each band, the share below the threshold the district shows is the null, and an
 * exact one-sided binomial test asks how unlikely the doctor's share is. The two bands are
 * independent evidence of one habit and are combined by Fisher's method (χ², 4 degrees of
 * freedom), so about twenty readings nudged in both are enough where one band alone needs many.
 */
function look(mine: Counts, all: Counts, ranges: [string, string, string, string]): BandLook {
  const side = (low: number, high: number, allLow: number, allHigh: number) => {
    const refLow = allLow - low;
    const refHigh = allHigh - high;
    if (low + high === 0 || refLow + refHigh === 0) return { p: 1, lift: 0, ratio: NaN };
    const p0 = refLow / (refLow + refHigh);
    const ratio = refHigh === 0 ? Infinity : refLow / refHigh;
    const own = high === 0 ? Infinity : low / high;
    return { p: binomialUpperP(low, low + high, p0), lift: own / ratio, ratio };
  };
  const sys = side(mine[0], mine[1], all[0], all[1]);
  const dia = side(mine[2], mine[3], all[2], all[3]);
  const pValue = chiSquareP(
    -2 * (Math.log(Math.max(sys.p, 1e-300)) + Math.log(Math.max(dia.p, 1e-300))),
    4,
  );
  const sysSays = sys.p <= dia.p;
  return {
    pValue,
    lift: sysSays ? sys.lift : dia.lift,
    band: sysSays ? 'systolic' : 'diastolic',
    below: sysSays ? ranges[0] : ranges[2],
    above: sysSays ? ranges[1] : ranges[3],
    low: sysSays ? mine[0] : mine[2],
    high: sysSays ? mine[1] : mine[3],
    referenceRatio: sysSays ? sys.ratio : dia.ratio,
    weakerBandP: Math.max(
      mine[0] + mine[1] >= FEW ? sys.p : 0,
      mine[2] + mine[3] >= FEW ? dia.p : 0,
    ),
  };
}

export function judgeBands(doctor: BandTally, district: BandTally): BandVerdict {
  const counts = (t: BandTally): Counts => [t.sysLow.length, t.sysHigh, t.diaLow.length, t.diaHigh];
  return {
    wide: look(counts(doctor), counts(district), ['130–139', '140–149', '80–89', '90–99']),
    edge: look(doctor.edges, district.edges, ['135–139', '140–144', '85–89', '90–94']),
  };
}
