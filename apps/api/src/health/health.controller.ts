import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { LiveFigures } from '@libs/indicators';
import { EVENT_STORE, type EventStore } from '@libs/ledger';
import { Public } from '../auth/public.decorator';
import { LedgerProjection } from '../indicators/ledger-projection.service';
import { type StoreDegradation, StoreHealth } from './store-health.service';

export interface HealthReport {
  /** `degraded`: a write failed in the store (disk full, read-only…) and none succeeded since. */
  status: 'ok' | 'degraded';
  store: EventStore['kind'];
  headPosition: number;
  /** Events appended but not yet applied by the indicator projection. */
  projectionLag: number;
  /** Years whose figures are kept as running tallies, and those ready (others are evaluated per request). */
  figures: ReturnType<LiveFigures['status']>;
  /** Present only when degraded: what failed, since when, in both languages. */
  storeFailure?: StoreDegradation;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: LedgerProjection,
    private readonly storeHealth: StoreHealth,
  ) {}

  @Get()
  @ApiOkResponse({
    description:
      'The store answers: its kind and head position; status "degraded" (still 200: reads are served) after a storage failure until an append succeeds again.',
  })
  async health(): Promise<HealthReport> {
    const storeFailure = await this.storeHealth.degradation();
    return {
      status: storeFailure ? 'degraded' : 'ok',
      store: this.store.kind,
      headPosition: await this.store.headPosition(),
      projectionLag: await this.projection.lag(),
      figures: this.projection.figures.status(),
      ...(storeFailure ? { storeFailure } : {}),
    };
  }
}
