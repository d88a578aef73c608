import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  AS_OF_BASES,
  YEAR_PATTERN,
  evaluationCsv,
  evaluationTable,
  evaluationWorkbook,
} from '@libs/indicators';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Principal, authorize } from '@libs/access';
import { EVENT_STORE, type EventStore } from '@libs/ledger';
import { storeFactLookup } from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { LedgerProjection } from './ledger-projection.service';
import { RateQueries } from './rate-queries.service';
import { ValidQuery } from '../http/valid-query';
import {
  EXPORT_FORMATS,
  ExportQuery,
  LINEAGE_FILTERS,
  LineageQuery,
  PeriodQuery,
  RatesQuery,
  UnitQuery,
  parseRatesParams,
} from './rates-request';
import { unitForRequest } from './rates-scope';
import { LineagePageQuery, ProgressQuery, RatesViewQuery } from './queries/figure-queries';

// The query parameters the DTOs accept, for the OpenAPI document with their types, allowed
// values and an example each; any other is refused (a spec compares the document with the DTOs).
const PERIOD = ApiQuery({
  name: 'period',
  required: false,
  schema: { type: 'string', pattern: YEAR_PATTERN.source, example: '2024' },
  description:
    'Evaluation year (by occurredAt), e.g. 2024; default: the current year, named in the answer / 考核年度',
});
const UNIT = ApiQuery({
  name: 'unit',
  required: false,
  schema: { type: 'string', example: 'hc-jy' },
  description: 'Unit id: the unit and its sub-units (default: the root of your scope) / 机构',
});
const AS_OF = ApiQuery({
  name: 'asOf',
  required: false,
  schema: { type: 'string', example: '2025-01-15' },
  description:
    'As the ledger knew it then (by recordedAt): a date (a China day) or an ISO date-time / 截至时间',
});
const AS_OF_BASIS = ApiQuery({
  name: 'asOfBasis',
  required: false,
  schema: { type: 'string', enum: [...AS_OF_BASES], default: 'ledger', example: 'source' },
  description:
    "Which clock asOf reads: ledger (default, recordedAt) or source (a migrated record counts from its source system's recording time, sourceRecordedAt; other records from recordedAt)",
});
const FILTER = ApiQuery({
  name: 'filter',
  required: false,
  schema: { type: 'string', enum: [...LINEAGE_FILTERS], default: 'all', example: 'not_counted' },
  description: 'Which residents: all, those counted, or those not counted (with why) / 筛选',
});
const PAGE = ApiQuery({
  name: 'page',
  required: false,
  schema: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0, example: 0 },
  description: 'Page number, from 0 / 页码',
});
const PAGE_SIZE = ApiQuery({
  name: 'pageSize',
  required: false,
  schema: { type: 'integer', minimum: 1, maximum: 500, default: 50, example: 50 },
  description: 'Residents per page, 1–500 / 每页条数',
});
const FORMAT = ApiQuery({
  name: 'format',
  required: false,
  schema: { type: 'string', enum: [...EXPORT_FORMATS], default: 'xlsx', example: 'csv' },
  description: 'xlsx (default) or csv / 导出格式',
});

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api/v1')
export class RatesController {
  constructor(
    private readonly figures: QueryBus,
    private readonly queries: RateQueries,
    private readonly projection: LedgerProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private async resolve(principal: Principal, params: PeriodQuery) {
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
  @PERIOD
  @UNIT
  @AS_OF
  @AS_OF_BASIS
  async rates(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(RatesQuery)) params: RatesQuery,
  ) {
    const { q, unitId } = await this.resolve(principal, params);
    return this.figures.execute(new RatesViewQuery(q, unitId));
  }

  @Get('rates/:indicator/lineage')
  @ApiOperation({ summary: 'The residents and events behind one number, paged / 指标溯源' })
  @ApiParam({
    name: 'indicator',
    schema: { type: 'string', example: 'elderly_health_management' },
    description: 'An indicator of the catalog, as GET /api/v1/rates names it / 指标',
  })
  @PERIOD
  @UNIT
  @AS_OF
  @AS_OF_BASIS
  @FILTER
  @PAGE
  @PAGE_SIZE
  async lineage(
    @CurrentPrincipal() principal: Principal,
    @Param('indicator') indicator: string,
    @Query(new ValidQuery(LineageQuery)) params: LineageQuery,
  ) {
    const { q, unitId } = await this.resolve(principal, params);
    // Lineage names residents: it needs the right to read residents' records, not just figures.
    await authorize(
      principal,
      { permission: 'residents:read', units: [unitId], read: true },
      storeFactLookup(this.store),
      this.queries.today(),
    );
    const page = await this.figures.execute(
      new LineagePageQuery(
        q,
        indicator,
        unitId,
        params.page ?? 0,
        params.pageSize ?? 50,
        params.filter ?? 'all',
      ),
    );
    // The units of the page by name, for a reader who does not know the codes.
    const tree = this.queries.tree(q);
    const units = new Set(page.entries.map((e) => e.unitId));
    return {
      period: q.year,
      asOf: q.asOf,
      asOfBasis: q.asOfBasis,
      ...page,
      names: {
        units: Object.fromEntries(
          [...units].flatMap((id) => {
            const node = tree.nodes.get(id);
            return node ? [[id, node.name]] : [];
          }),
        ),
      },
    };
  }

  @Get('progress')
  @ApiOperation({ summary: 'Rates at each 10-day checkpoint of the year, as known then / 旬进度' })
  @PERIOD
  @UNIT
  async progress(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(PeriodQuery)) params: PeriodQuery,
  ) {
    const { q, unitId } = await this.resolve(principal, params);
    const checkpoints = await this.figures.execute(new ProgressQuery(q.year, unitId));
    return { period: q.year, unitId, checkpoints };
  }

  @Get('years')
  @ApiOperation({
    summary:
      'The years with service records in a unit and its sub-units, newest first (where a dashboard opens) / 有记录的年度',
  })
  @UNIT
  async years(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(UnitQuery)) params: UnitQuery,
  ) {
    const { unitId } = await this.resolve(principal, { unit: params.unit });
    // Counted as records are read: after a restart, until the model has read the log again,
    // the list can lack years; `complete` says when it is whole.
    return {
      unitId,
      years: this.projection.model.recordYearsUnder(unitId),
      complete: this.projection.caughtUp,
    };
  }

  @Get('export')
  @ApiOperation({
    summary: 'The evaluation table as xlsx or csv: a row per unit, with totals / 导出考核表',
  })
  @PERIOD
  @UNIT
  @AS_OF
  @AS_OF_BASIS
  @FORMAT
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(ExportQuery)) params: ExportQuery,
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
