import { Injectable } from '@nestjs/common';
import {
  type IndicatorCatalog,
  type PeriodResult,
  type AsOfBasis,
  UnitTree,
  asOfInstant,
  catalogForPeriod,
  daysBetween,
  evaluatePeriod,
  lineage,
  paceFor,
  periodOf,
} from '@libs/indicators';
import { systemClock } from '@libs/ledger';
import { chinaDay, refuse } from '@libs/records';
import { LedgerProjection } from './ledger-projection.service';
import { ModelWarmingError } from './model-warming';
import { ViewItemMemo } from './view-item-memo';

export interface RatesQuery {
  year: number;
  asOf: string | null;
  /** Which clock asOf reads; absent: the ledger's. */
  asOfBasis?: AsOfBasis;
}

/** Evaluations over the live model; "now" results are cached per log position, past as-of results forever. */
@Injectable()
export class RateQueries {
  private readonly cache = new Map<string, PeriodResult>();
  /** The team and doctor items of rates views while their tallies are unchanged. */
  readonly viewItems = new ViewItemMemo();

  constructor(private readonly projection: LedgerProjection) {}

  /** A doctor's registered name, or null when none was given (the code is then all there is). */
  doctorName(doctorId: string): string | null {
    return this.projection.doctorNames.get(doctorId) ?? null;
  }

  today(): string {
    return chinaDay(systemClock().toISOString());
  }

  catalog(year: number): IndicatorCatalog {
    return (
      catalogForPeriod(year) ??
      refuse(
        'NO_CATALOG',
        'not_found',
        `${year} 年没有指标目录`,
        `no indicator catalog for ${year}`,
        { year },
      )
    );
  }

  evaluate(q: RatesQuery): PeriodResult {
    if (!q.asOf) {
      const kept = this.projection.figures.current(q.year);
      if (kept) return kept;
      this.keepLater(q.year);
    }
    this.needAllResidents();
    const period = this.period(q);
    // A past ledger-time view cannot change; a current one changes with every append, and so
    // does a source-time one (a later migration can bring records recorded before asOf).
    const key =
      q.asOf && q.asOf < systemClock().toISOString() && period.asOfBasis === 'ledger'
        ? `${q.year}|${q.asOf}`
        : `${q.year}|${q.asOf ?? 'now'}|${period.asOfBasis}|${this.projection.model.position}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.cache.size > 200) this.cache.clear();
    // A past day by ledger time, from the kept checkpoints around it when the year is kept.
    const kept =
      q.asOf && period.asOfBasis === 'ledger'
        ? this.projection.figures.asOf(q.year, q.asOf)
        : undefined;
    const result =
      kept ?? evaluatePeriod(this.projection.model, this.catalog(q.year), period, this.today());
    this.cache.set(key, result);
    return result;
  }

  /** Evaluating the model while it is still reading the log would give partial figures. */
  private needAllResidents(): void {
    if (!this.projection.caughtUp)
      throw new ModelWarmingError(this.projection.model.position, this.projection.figures.position);
  }

  /** A year with records that is not kept yet (its first record just came) is kept from now on. */
  private keepLater(year: number): void {
    if (this.projection.model.recordYears.has(year)) void this.projection.figures.keep(year);
  }

  tree(q: RatesQuery): UnitTree {
    return new UnitTree(this.projection.model, this.period(q));
  }

  private period(q: RatesQuery) {
    return periodOf(q.year, q.asOf, this.today(), q.asOfBasis ?? 'ledger');
  }

  lineage(
    q: RatesQuery,
    indicatorId: string,
    unitId: string,
    page: number,
    pageSize: number,
    filter: 'all' | 'counted' | 'not_counted',
  ) {
    const def = this.catalog(q.year).indicators.find((d) => d.id === indicatorId);
    if (!def)
      refuse(
        'UNKNOWN_INDICATOR',
        'not_found',
        `未知指标 ${indicatorId}`,
        `unknown indicator ${indicatorId}`,
        { indicatorId },
      );
    // A lineage page walks residents: not while the model is still reading the log.
    this.needAllResidents();
    return (
      (q.asOf
        ? undefined
        : this.projection.figures.lineage(q.year, def!, unitId, page, pageSize, filter)) ??
      lineage(this.projection.model, def!, unitId, this.period(q), page, pageSize, filter)
    );
  }

  /** Figures at every 10-day checkpoint of the year (10th, 20th, month end), as known then. */
  progress(year: number, unitId: string, indicatorIds: string[]) {
    const kept = this.projection.figures.progress(year, unitId, indicatorIds);
    if (kept) return kept;
    this.keepLater(year);
    this.needAllResidents();
    const points: { day: string; rates: Record<string, number | null> }[] = [];
    const today = this.today();
    for (let month = 1; month <= 12; month += 1) {
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      for (const d of [10, 20, last]) {
        const day = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        if (day > today) return points;
        const result = this.evaluate({ year, asOf: asOfInstant(day) });
        const rows = result.rows.filter(
          (r) => r.unitId === unitId && indicatorIds.includes(r.indicatorId),
        );
        points.push({ day, rates: Object.fromEntries(rows.map((r) => [r.indicatorId, r.rate])) });
      }
    }
    return points;
  }

  /** Open count and daily pace to reach each target by the deadline. */
  pace(q: RatesQuery, unitId: string, deadline: string) {
    const today = q.asOf ? chinaDay(q.asOf) : this.today();
    const days = daysBetween(today, deadline);
    return this.evaluate(q)
      .rows.filter((r) => r.unitId === unitId && r.target !== null && r.denominator > 0)
      .map((r) => ({
        indicatorId: r.indicatorId,
        ...paceFor(Math.ceil(r.target! * r.denominator - 1e-9), r.numerator, days),
        deadline,
      }));
  }
}
