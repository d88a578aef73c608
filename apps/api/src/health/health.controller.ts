import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { LiveFigures } from '@libs/indicators';
import { EVENT_STORE, type EventStore, StoreUnavailableError } from '@libs/ledger';
import { Public } from '../auth/public.decorator';
import { LedgerProjection } from '../indicators/ledger-projection.service';
import { type StoreDegradation, StoreHealth } from './store-health.service';

export interface HealthReport {
  /** `degraded`: a write failed in the store (disk full, read-only…) and none succeeded since. */
  status: 'ok' | 'degraded';
  store: EventStore['kind'];
  headPosition: number;
  /**
   * Events appended but not yet applied by the indicator projection; on EventStoreDB counted up
   * to 1,000 (so 1000 means at least that many); -1: the store did not answer.
   */
  projectionLag: number;
  /** Years whose figures are kept as running tallies, and those ready (others are evaluated per request). */
  figures: ReturnType<LiveFigures['status']>;
  /** Present only when degraded: what failed, since when, in both languages. */
  storeFailure?: StoreDegradation;
  /**
   * Present only while the projection's log subscription is down: why, since when, how many
   * attempts to resume (after `checkpoint`); figures and the live feed are frozen meanwhile.
   */
  subscription?: {
    state: 'reconnecting';
    reason: string;
    since: string;
    attempt: number;
    checkpoint: number;
  };
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
    const down = this.projection.feedDown;
    const subscription = down && {
      state: down.state,
      reason: down.reason,
      since: down.since,
      attempt: down.attempt,
      checkpoint: down.checkpoint,
    };
    let storeFailure: StoreDegradation | null;
    let headPosition = -1;
    let projectionLag = -1;
    try {
      headPosition = await this.store.headPosition();
      storeFailure = await this.storeHealth.degradation(headPosition);
      projectionLag = await this.projection.lag(headPosition);
    } catch (error) {
      // A store that does not answer is what /health is for: reported, never a 500.
      if (!(error instanceof StoreUnavailableError)) throw error;
      storeFailure = {
        error: error.code,
        storeCode: error.storeCode,
        since: down?.since ?? new Date().toISOString(),
        message: {
          en: `the store does not answer: ${error.message}`,
          zh: `账本存储无响应（${error.storeCode}）：请检查 EventStoreDB 是否在运行、地址是否正确`,
        },
      };
    }
    return {
      status: storeFailure || subscription ? 'degraded' : 'ok',
      store: this.store.kind,
      headPosition,
      projectionLag,
      figures: this.projection.figures.status(),
      ...(storeFailure ? { storeFailure } : {}),
      ...(subscription ? { subscription } : {}),
    };
  }
}
