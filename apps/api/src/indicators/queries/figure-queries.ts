import { Query } from '@nestjs/cqrs';
import type { RateQueries, RatesQuery } from '../rate-queries.service';
import type { RatesView } from '../live-delta';

/** The rates view of a unit and its sub-units (GET /rates, and the live feed's frames). */
export class RatesViewQuery extends Query<RatesView> {
  constructor(
    readonly q: RatesQuery,
    readonly unitId: string,
  ) {
    super();
  }
}

/** One page of the residents and events behind a number (GET /rates/:indicator/lineage). */
export class LineagePageQuery extends Query<ReturnType<RateQueries['lineage']>> {
  constructor(
    readonly q: RatesQuery,
    readonly indicatorId: string,
    readonly unitId: string,
    readonly page: number,
    readonly pageSize: number,
    readonly filter: 'all' | 'counted' | 'not_counted',
  ) {
    super();
  }
}

/** The figures at every 10-day checkpoint of a year, as known then (GET /progress). */
export class ProgressQuery extends Query<ReturnType<RateQueries['progress']>> {
  constructor(
    readonly year: number,
    readonly unitId: string,
  ) {
    super();
  }
}
