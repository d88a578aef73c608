import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@libs/access';
import { SEAL_EVENT_TYPE, type Seal, sealStreamId } from '@libs/audit';
import { UnitTree, periodOf } from '@libs/indicators';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import { chinaDay, storeFactLookup } from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { unitForRequest } from '../indicators/rates-scope';
import { LedgerProjection } from '../indicators/ledger-projection.service';
import { PeriodQuery, parseRatesParams } from '../indicators/rates-request';
import { ValidQuery } from '../http/valid-query';

/**
 * The seals of a period in a unit's subtree, so a reader learns which ids to fetch, prove or
 * check (`GET /seals/{sealId}` needs one). Beside reconciliation rather than in SealsController:
 * it needs the unit tree of the figures' projection.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1')
export class SealListController {
  constructor(
    private readonly projection: LedgerProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('seals')
  @ApiOperation({
    summary:
      'The seals of a period for a unit and its sub-units: id, unit, position, root, when and by whom / 考核期封存列表',
  })
  @ApiQuery({ name: 'period', required: false, description: 'Evaluation year, e.g. 2024' })
  @ApiQuery({
    name: 'unit',
    required: false,
    description: 'Unit id: its seals and those of its sub-units (default: your scope)',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(PeriodQuery)) params: PeriodQuery,
  ) {
    const model = await this.projection.fullModel();
    const today = chinaDay(systemClock().toISOString());
    const q = parseRatesParams(params, Number(today.slice(0, 4)));
    const tree = new UnitTree(model, periodOf(q.year, null, today));
    const unitId = await unitForRequest(
      principal,
      q.unit,
      tree,
      storeFactLookup(this.store),
      today,
      'audit:read',
    );
    const seals = [];
    for (const unit of [...tree.nodes.keys()].filter((u) => tree.within(u, unitId))) {
      for (const e of await this.store.readStream(sealStreamId(q.year, unit))) {
        if (e.type !== SEAL_EVENT_TYPE) continue;
        const seal = e.data as unknown as Seal;
        seals.push({
          sealId: seal.sealId,
          unitId: seal.unitId,
          period: seal.period,
          position: seal.position,
          treeSize: seal.treeSize,
          rootHash: seal.rootHash,
          sealedAt: seal.sealedAt,
          sealedBy: seal.sealedBy,
          eventPosition: e.position,
        });
      }
    }
    return { period: q.year, unitId, seals };
  }
}
