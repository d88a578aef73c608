import { HUANCUI_2024 } from './huancui-2024.catalog';
import type { IndicatorCatalog } from './indicator-definition';

/** Catalogs in force; the latest version for a region and year wins. */
export const CATALOGS: readonly IndicatorCatalog[] = [HUANCUI_2024];

export function catalogFor(year: number, region = 'huancui'): IndicatorCatalog | undefined {
  return CATALOGS.filter((c) => c.region === region && c.year === year).sort(
    (a, b) => b.version - a.version,
  )[0];
}

/** Years without their own catalog reuse the nearest earlier one of the region, so old periods replay. */
export function catalogForPeriod(year: number, region = 'huancui'): IndicatorCatalog | undefined {
  const own = catalogFor(year, region);
  if (own) return own;
  const earlier = CATALOGS.filter((c) => c.region === region && c.year <= year).sort(
    (a, b) => b.year - a.year || b.version - a.version,
  )[0];
  const any =
    earlier ?? CATALOGS.filter((c) => c.region === region).sort((a, b) => a.year - b.year)[0];
  return any ? { ...any, year } : undefined;
}
