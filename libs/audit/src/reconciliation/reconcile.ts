import {
  type IndicatorCatalog,
  type LedgerModel,
  type Period,
  type PeriodResult,
  catalogForPeriod,
  evaluatePeriod,
  periodOf,
} from '@libs/indicators';
import type { Claim } from '../submit-aggregate-report/submit-aggregate-report.action';

/** One AggregateReportSubmitted as recorded: what was claimed, and when the ledger learned of it. */
export interface SubmittedReport {
  reportId: string;
  unitId: string;
  period: number;
  asOfDay: string | null;
  claims: Claim[];
  recordedAt: string;
  actor: string;
  position: number;
}

export interface Figure {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface ReconciliationLine {
  reportId: string;
  unitId: string;
  period: number;
  /** The claim is judged against the ledger as it stood when the claim was recorded. */
  recordedAt: string;
  day: string;
  actor: string;
  indicator: string;
  claimed: Figure;
  ledger: Figure;
  /** Claimed minus ledger: positive means the report says more than the records show. */
  gap: { numerator: number; rate: number | null };
  overClaim: boolean;
  reasons: { en: string; zh: string }[];
}

/** A claimed rate may exceed the ledger's by rounding at most (half a percentage point). */
export const RATE_TOLERANCE = 0.005;

const rateOf = (n: number, d: number) => (d > 0 ? n / d : null);
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/** The catalog and period a report is judged in: as the ledger stood when it was recorded. */
function judgedIn(report: SubmittedReport, today: string) {
  const catalog = catalogForPeriod(report.period);
  const asKnown = periodOf(report.period, report.recordedAt, today);
  const period =
    report.asOfDay && report.asOfDay < asKnown.day ? { ...asKnown, day: report.asOfDay } : asKnown;
  return { catalog, period, key: `${period.year}|${period.asOf}|${period.day}` };
}

/**
 * The distinct evaluations reconciling `reports` needs, for a reader that evaluates them
 * itself (resident by resident, ResidentwiseEvaluation) and passes the results to reconcileWith.
 */
export function reconciliationPeriods(
  reports: readonly SubmittedReport[],
  today: string,
): { key: string; catalog: IndicatorCatalog; period: Period }[] {
  const byKey = new Map<string, { key: string; catalog: IndicatorCatalog; period: Period }>();
  for (const report of reports) {
    const { catalog, period, key } = judgedIn(report, today);
    if (catalog && !byKey.has(key)) byKey.set(key, { key, catalog, period });
  }
  return [...byKey.values()];
}

/**
 * Pure: each claim against the ledger-derived figure of the same unit and indicator, evaluated
 * as of the claim's recordedAt (a record added later does not excuse it), on the claim's day.
 */
export function reconcile(
  model: LedgerModel,
  reports: SubmittedReport[],
  today: string,
  tolerance = RATE_TOLERANCE,
): ReconciliationLine[] {
  const results = new Map(
    reconciliationPeriods(reports, today).map((p) => [
      p.key,
      evaluatePeriod(model, p.catalog, p.period, today),
    ]),
  );
  return reconcileWith(results, reports, today, tolerance);
}

/** As reconcile, with the evaluations (by reconciliationPeriods' key) already made. */
export function reconcileWith(
  results: ReadonlyMap<string, PeriodResult>,
  reports: readonly SubmittedReport[],
  today: string,
  tolerance = RATE_TOLERANCE,
): ReconciliationLine[] {
  const lines: ReconciliationLine[] = [];
  for (const report of [...reports].sort((a, b) => a.position - b.position)) {
    const { period, key } = judgedIn(report, today);
    const result = results.get(key);
    for (const claim of report.claims) {
      const row = result?.rows.find(
        (r) => r.unitId === report.unitId && r.indicatorId === claim.indicator,
      );
      const ledger: Figure = row
        ? { numerator: row.numerator, denominator: row.denominator, rate: row.rate }
        : { numerator: 0, denominator: 0, rate: null };
      const claimed: Figure = { ...claim, rate: rateOf(claim.numerator, claim.denominator) };
      const gapRate =
        claimed.rate !== null && ledger.rate !== null ? claimed.rate - ledger.rate : null;
      const reasons: { en: string; zh: string }[] = [];
      if (claimed.numerator > ledger.numerator) {
        reasons.push({
          en: `claims ${claimed.numerator} but the records show ${ledger.numerator} (${claimed.numerator - ledger.numerator} more)`,
          zh: `上报完成数 ${claimed.numerator}，台账记录仅 ${ledger.numerator}（多报 ${claimed.numerator - ledger.numerator}）`,
        });
      }
      const rateOver = claimed.rate !== null && claimed.rate > (ledger.rate ?? 0) + tolerance;
      if (rateOver) {
        reasons.push({
          en: `claims a rate of ${pct(claimed.rate)} but the records give ${pct(ledger.rate)}`,
          zh: `上报完成率 ${pct(claimed.rate)}，台账计算为 ${pct(ledger.rate)}`,
        });
      }
      lines.push({
        reportId: report.reportId,
        unitId: report.unitId,
        period: report.period,
        recordedAt: report.recordedAt,
        day: period.day,
        actor: report.actor,
        indicator: claim.indicator,
        claimed,
        ledger,
        gap: { numerator: claimed.numerator - ledger.numerator, rate: gapRate },
        overClaim: reasons.length > 0,
        reasons,
      });
    }
  }
  return lines;
}
