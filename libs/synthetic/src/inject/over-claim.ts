import type { Random } from '../random';
import { type District, choose } from './district';

/**
 * over-claim (subject: the report). After the year the centre submits an aggregate report that
 * claims every 65+ resident was managed and had a TCM assessment (100%), far above what its
 * records show (about 70%). The subject id is the report's commandId; the scorer maps it to the
 * AggregateReportSubmitted event.
 */
export function injectOverClaim(d: District, rng: Random, rate: number): void {
  const chosen = new Set(choose(rng, d.centres, rate));
  let k = 0;
  for (const centre of d.centres) {
    if (!chosen.has(centre) || centre.elderly === 0) continue;
    const day = d.lastDay + 10 + k;
    k += 1;
    const t = d.cal.at(day, 10 * 3_600_000 + rng.int(0, 6 * 3600) * 1000);
    if (t > d.capMs) continue;
    const commandId = `${d.prefix}report-${centre.unitId}-${d.year}`;
    d.extra.push(t, {
      type: 'SubmitAggregateReport',
      commandId,
      occurredAt: d.cal.date(day),
      unitId: centre.unitId,
      period: d.year,
      claims: [
        {
          indicator: 'elderly_health_management',
          numerator: centre.elderly,
          denominator: centre.elderly,
        },
        { indicator: 'elderly_tcm', numerator: centre.elderly, denominator: centre.elderly },
      ],
    });
    d.plant({
      pattern: 'over-claim',
      subject: { kind: 'report', id: commandId },
      commandIds: [commandId],
    });
  }
}
