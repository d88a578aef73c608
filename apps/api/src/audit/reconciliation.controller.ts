import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@libs/access';
import { loadReports, reconcile } from '@libs/audit';
import { UnitTree, periodOf } from '@libs/indicators';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import { chinaDay, storeFactLookup } from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { unitForRequest } from '../indicators/rates-scope';
import { LedgerProjection } from '../indicators/ledger-projection.service';
import { PeriodQuery, parseRatesParams } from '../indicators/rates-request';
import { ValidQuery } from '../http/valid-query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1')
export class ReconciliationController {
  constructor(
    private readonly projection: LedgerProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('reconciliation')
  @ApiOperation({
    summary:
      'Submitted aggregate reports against the ledger as of each claim; over-claims flagged with the gap / 上报数据核对',
  })
  @ApiQuery({ name: 'period', required: false, description: 'Evaluation year, e.g. 2024' })
  @ApiQuery({
    name: 'unit',
    required: false,
    description: 'Unit id: its reports and those of its sub-units (default: your scope)',
  })
  async reconciliation(
    @CurrentPrincipal() principal: Principal,
    // Reports are compared as of each claim: an `asOf` here would be ignored, so it is refused.
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
    const units = [...tree.nodes.keys()].filter((u) => tree.within(u, unitId));
    const reports = await loadReports(this.store, units, q.year);
    const lines = reconcile(model, reports, today);
    return {
      period: q.year,
      unitId,
      reports: reports.length,
      overClaims: lines.filter((l) => l.overClaim).length,
      lines,
    };
  }
}
