import {
  Controller,
  DefaultValuePipe,
  Get,
  Inject,
  Param,
  ParseIntPipe,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { evaluationCsv, evaluationTable, evaluationWorkbook } from '@libs/indicators';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Principal, authorize } from '@libs/access';
import { EVENT_STORE, type EventStore } from '@libs/ledger';
import { storeFactLookup } from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { LedgerProjection } from './ledger-projection.service';
import { RateQueries } from './rate-queries.service';
import { type RatesParams, parseRatesParams } from './rates-request';
import { unitForRequest } from './rates-scope';
import { ratesView } from './rates-view';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api/v1')
export class RatesController {
  constructor(
    private readonly queries: RateQueries,
    private readonly projection: LedgerProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private async resolve(principal: Principal, params: RatesParams) {
    await this.projection.catchUp();
    const q = parseRatesParams(params, Number(this.queries.today().slice(0, 4)));
    const unitId = await unitForRequest(
      principal,
      q.unit,
      this.queries.tree(q),
      storeFactLookup(this.store),
      this.queries.today(),
    );
    return { q, unitId };
  }

  @Get('rates')
  @ApiOperation({
    summary: 'Every indicator for a unit and its sub-units, against targets / 指标完成情况',
  })
  @ApiQuery({
    name: 'period',
    required: false,
    description: 'Evaluation year (by occurredAt), e.g. 2024',
  })
  @ApiQuery({ name: 'unit', required: false, description: 'Unit id (default: your scope)' })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'As the ledger knew it then (by recordedAt): a date or ISO time',
  })
  async rates(@CurrentPrincipal() principal: Principal, @Query() params: RatesParams) {
    const { q, unitId } = await this.resolve(principal, params);
    return ratesView(this.queries, q, unitId);
  }

  @Get('rates/:indicator/lineage')
  @ApiOperation({ summary: 'The residents and events behind one number, paged / 指标溯源' })
  @ApiQuery({ name: 'filter', required: false, enum: ['all', 'counted', 'not_counted'] })
  async lineage(
    @CurrentPrincipal() principal: Principal,
    @Param('indicator') indicator: string,
    @Query() params: RatesParams & { filter?: 'all' | 'counted' | 'not_counted' },
    @Query('page', new DefaultValuePipe(0), ParseIntPipe) page: number,
    @Query('pageSize', new DefaultValuePipe(50), ParseIntPipe) pageSize: number,
  ) {
    const { q, unitId } = await this.resolve(principal, params);
    // Lineage names residents: it needs the right to read residents' records, not just figures.
    await authorize(
      principal,
      { permission: 'residents:read', units: [unitId], read: true },
      storeFactLookup(this.store),
      this.queries.today(),
    );
    const filter =
      params.filter === 'counted' || params.filter === 'not_counted' ? params.filter : 'all';
    return {
      period: q.year,
      asOf: q.asOf,
      ...this.queries.lineage(
        q,
        indicator,
        unitId,
        Math.max(0, page),
        Math.min(Math.max(pageSize, 1), 500),
        filter,
      ),
    };
  }

  @Get('progress')
  @ApiOperation({ summary: 'Rates at each 10-day checkpoint of the year, as known then / 旬进度' })
  async progress(@CurrentPrincipal() principal: Principal, @Query() params: RatesParams) {
    const { q, unitId } = await this.resolve(principal, params);
    const ids = this.queries.catalog(q.year).indicators.map((d) => d.id);
    return { period: q.year, unitId, checkpoints: this.queries.progress(q.year, unitId, ids) };
  }

  @Get('export')
  @ApiOperation({
    summary: 'The evaluation table as xlsx or csv: a row per unit, with totals / 导出考核表',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['xlsx', 'csv'] })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query() params: RatesParams & { format?: string },
    @Res() res: Response,
  ) {
    const { q, unitId } = await this.resolve(principal, params);
    const table = evaluationTable(
      this.queries.evaluate(q),
      this.queries.catalog(q.year),
      this.queries.tree(q),
      unitId,
    );
    const name = `evaluation-${unitId}-${q.year}${q.asOf ? `-asof-${q.asOf.slice(0, 10)}` : ''}`;
    if (params.format === 'csv') {
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
      res.send(await evaluationCsv(table));
      return;
    }
    res.setHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('content-disposition', `attachment; filename="${name}.xlsx"`);
    res.send(Buffer.from(await evaluationWorkbook(table).xlsx.writeBuffer()));
  }
}
