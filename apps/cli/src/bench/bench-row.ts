/** One line of the benchmark table. Every figure in it was measured in the same run. */
export interface BenchRow {
  section: Section;
  measure: string;
  /** The figure as printed, or why there is none ("error: …", "skipped: …"). */
  result: string;
  target?: string;
  /** "met", "missed (…)", or empty when the row has no target. */
  verdict?: string;
  note?: string;
}

/** The table is printed in this order, whatever order the steps ran in. */
export const SECTIONS = [
  'Raw limits of this machine',
  'Import of a district year',
  'Seed',
  'Reads of the district (API on the seeded store)',
  'HTTP commands (loopback, durable store)',
  'Rebuild of the read models',
  'Fabrication detection',
  'Appends through the store',
  'Subscription delivery',
] as const;
export type Section = (typeof SECTIONS)[number];

export const grouped = (n: number): string =>
  Math.round(n).toLocaleString('en-US', { maximumFractionDigits: 0 });

export const perSecond = (n: number, unit: string): string => `${grouped(n)} ${unit}/s`;

export const ms = (n: number): string => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;

export const seconds = (n: number): string =>
  n < 120 ? `${n.toFixed(1)} s` : `${Math.floor(n / 60)} min ${Math.round(n % 60)} s`;

export const megabytes = (bytes: number): string => `${grouped(bytes / 1_000_000)} MB`;

/** A lower bound: what a figure must reach. */
export function atLeast(
  value: number,
  threshold: number,
  shown: string,
): Pick<BenchRow, 'target' | 'verdict'> {
  return {
    target: `≥ ${shown}`,
    verdict:
      value >= threshold ? 'met' : `missed (${((value / threshold) * 100).toFixed(1)}% of target)`,
  };
}

/** An upper bound: what a figure must stay under. */
export function atMost(
  value: number,
  threshold: number,
  shown: string,
): Pick<BenchRow, 'target' | 'verdict'> {
  return {
    target: `≤ ${shown}`,
    verdict: value <= threshold ? 'met' : `missed (${(value / threshold).toFixed(1)}× the limit)`,
  };
}

/** A step that could not produce its figure still gets its row, saying exactly why. */
export function failedRow(section: Section, measure: string, error: unknown): BenchRow {
  const message = error instanceof Error ? error.message : String(error);
  return { section, measure, result: `error: ${oneLine(message)}` };
}

export const oneLine = (text: string): string =>
  text.replace(/\s+/g, ' ').trim().slice(0, 300) || '(no message)';
