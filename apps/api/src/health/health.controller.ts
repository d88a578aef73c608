import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@libs/ledger';
import { Public } from '../auth/public.decorator';
import { LedgerProjection } from '../indicators/ledger-projection.service';

export interface HealthReport {
  status: 'ok';
  store: EventStore['kind'];
  headPosition: number;
  /** Events appended but not yet applied by the indicator projection. */
  projectionLag: number;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: LedgerProjection,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The store answers; its kind and head position.' })
  async health(): Promise<HealthReport> {
    return {
      status: 'ok',
      store: this.store.kind,
      headPosition: await this.store.headPosition(),
      projectionLag: await this.projection.lag(),
    };
  }
}
