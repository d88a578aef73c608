import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RateQueries } from '../rate-queries.service';
import { ratesView } from '../rates-view';
import { LineagePageQuery, ProgressQuery, RatesViewQuery } from './figure-queries';

/**
 * The QueryBus's answers, all from the projection (RateQueries over the live model): the
 * controllers resolve scope and parameters, then ask here. Scope checks stay in the controllers,
 * where the caller is known.
 */
@QueryHandler(RatesViewQuery)
export class RatesViewHandler implements IQueryHandler<RatesViewQuery> {
  constructor(private readonly queries: RateQueries) {}
  async execute({ q, unitId }: RatesViewQuery) {
    return ratesView(this.queries, q, unitId);
  }
}

@QueryHandler(LineagePageQuery)
export class LineageHandler implements IQueryHandler<LineagePageQuery> {
  constructor(private readonly queries: RateQueries) {}
  async execute(x: LineagePageQuery) {
    return this.queries.lineage(x.q, x.indicatorId, x.unitId, x.page, x.pageSize, x.filter);
  }
}

@QueryHandler(ProgressQuery)
export class ProgressHandler implements IQueryHandler<ProgressQuery> {
  constructor(private readonly queries: RateQueries) {}
  async execute({ year, unitId }: ProgressQuery) {
    const ids = this.queries.catalog(year).indicators.map((d) => d.id);
    return this.queries.progress(year, unitId, ids);
  }
}

export const FIGURE_QUERY_HANDLERS = [RatesViewHandler, LineageHandler, ProgressHandler];
