import { Module } from '@nestjs/common';
import { LedgerProjection } from './ledger-projection.service';
import { LiveController } from './live.controller';
import { LiveViews } from './live-views.service';
import { RateQueries } from './rate-queries.service';
import { RatesController } from './rates.controller';
import { FIGURE_QUERY_HANDLERS } from './queries/figure-query-handlers';

@Module({
  providers: [LedgerProjection, RateQueries, LiveViews, ...FIGURE_QUERY_HANDLERS],
  controllers: [RatesController, LiveController],
  exports: [LedgerProjection],
})
export class IndicatorsModule {}
