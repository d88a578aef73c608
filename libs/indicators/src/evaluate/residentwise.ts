import { type IndicatorCatalog, isRelativeTarget } from '../catalog/indicator-definition';
import type { LedgerModel } from '../model/ledger-model';
import type { ResidentModel } from '../model/resident-model';
import { contributionOf } from './contribution';
import { type PeriodResult, ratesOf, relativeIndicators, resultOf } from './evaluate-period';
import { type Period, periodOf } from './period';
import { residentView } from './resident-view';
import { TallyBook } from './tally-book';

interface Job {
  catalog: IndicatorCatalog;
  period: Period;
  book: TallyBook;
  /** The year before, for targets relative to it. */
  previous?: Job;
}

/**
 * The same figures as evaluatePeriod, from residents handed over one at a time. A resident's
 * contribution depends on that resident alone (tally-book.ts), so a reader that holds one
 * resident at a time — the detectors' reconciliation over a district, whose whole model does not
 * fit beside their own view — gets the figures a whole model gives. `frame` is a model without
 * residents: units and target sheets. Units only: teams and doctors are not tallied.
 * Not yet the EHR indicators of a person registered twice: which registration counts there turns
 * on the other holders of the same ID-number hash (resident-view.ts, duplicateOf), which one
 * resident at a time does not show, so here each registration still counts.
 */
export class ResidentwiseEvaluation {
  private readonly jobs: Job[];

  constructor(
    periods: readonly { catalog: IndicatorCatalog; period: Period }[],
    private readonly today: string,
  ) {
    this.jobs = periods.map(({ catalog, period }) => {
      const job: Job = { catalog, period, book: new TallyBook(catalog.indicators, false) };
      if (catalog.indicators.some((d) => isRelativeTarget(d.target))) {
        const relative = relativeIndicators(catalog);
        const before = periodOf(period.year - 1, period.asOf, today, period.asOfBasis);
        job.previous = {
          catalog: relative,
          period: before,
          book: new TallyBook(relative.indicators, false),
        };
      }
      return job;
    });
  }

  add(resident: ResidentModel): void {
    for (const job of this.jobs)
      for (const j of job.previous ? [job, job.previous] : [job]) {
        const v = residentView(resident, j.period);
        if (v) j.book.add(contributionOf(v, j.catalog.indicators, j.period));
      }
  }

  /** The results, in the order the periods were given. */
  results(frame: LedgerModel): PeriodResult[] {
    return this.jobs.map((job) => {
      const previous = job.previous
        ? ratesOf(
            resultOf(
              frame,
              job.previous.catalog,
              job.previous.period,
              job.previous.book,
              undefined,
            ),
          )
        : undefined;
      return resultOf(frame, job.catalog, job.period, job.book, previous);
    });
  }
}
