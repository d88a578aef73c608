import { Module } from '@nestjs/common';
import { LedgerProjection } from './ledger-projection.service';
import { LiveController } from './live.controller';
import { RateQueries } from './rate-queries.service';
import { RatesController } from './rates.controller';

@Module({
  providers: [LedgerProjection, RateQueries],
  controllers: [RatesController, LiveController],
  exports: [LedgerProjection],
})
export class IndicatorsModule {}
