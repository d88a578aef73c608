import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { IsOptional, Matches } from 'class-validator';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Principal, authorize } from '@libs/access';
import { forEachEvent } from '@libs/audit';
import {
  FUND_EVENT_TYPES,
  type FundEventLike,
  type FundRow,
  fundTable,
  fundWorkbook,
  traceDisbursement,
} from '@libs/funds';
import { UnitTree, YEAR_MESSAGE, YEAR_PATTERN, periodOf } from '@libs/indicators';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import { IsId, chinaDay, chinaMinute, refuse, storeFactLookup } from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ValidQuery } from '../http/valid-query';
import { unitForRequest } from '../indicators/rates-scope';
import { LedgerProjection } from '../indicators/ledger-projection.service';

export class FundsQuery {
  /** Fund year; absent: the current year (China time), named in the answer. */
  @IsOptional()
  @Matches(YEAR_PATTERN, { message: YEAR_MESSAGE })
  year?: string;

  @IsOptional()
  @IsId()
  unit?: string;
}

/** Funds per unit and year (下达、拨付、绩效、余额), the trace of a payment, the xlsx. */
@ApiTags('funds')
@ApiBearerAuth()
@Controller('api/v1/funds')
export class FundsController {
  constructor(
    private readonly projection: LedgerProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The fund table per unit and year, for a unit and its sub-units / 资金表',
  })
  @ApiQuery({
    name: 'year',
    required: false,
    description: 'Fund year, e.g. 2024; default: the current year, named in the answer',
  })
  @ApiQuery({ name: 'unit', required: false, description: 'Unit id (default: your scope)' })
  async table(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(FundsQuery)) { year, unit }: FundsQuery,
  ) {
    const { unitId, rows, y } = await this.rows(principal, year, unit);
    return { year: y, unitId, rows };
  }

  @Get('export')
  @ApiOperation({ summary: 'The fund table as xlsx, in yuan / 导出资金表' })
  @ApiQuery({ name: 'year', required: false })
  @ApiQuery({ name: 'unit', required: false })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(FundsQuery)) { year, unit }: FundsQuery,
    @Res() res: Response,
  ) {
    const { unitId, rows, y } = await this.rows(principal, year, unit);
    const nameOf = (id: string) => {
      const versions = this.projection.model.units.get(id)?.versions;
      return versions?.[versions.length - 1].data.name;
    };
    const workbook = fundWorkbook(rows, {
      unitName: nameOf(unitId) ?? unitId,
      year: y,
      exportedAt: chinaMinute(systemClock().toISOString()),
      nameOf,
    });
    res.setHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('content-disposition', `attachment; filename="funds-${unitId}-${y}.xlsx"`);
    res.send(Buffer.from(await workbook.xlsx.writeBuffer()));
  }

  @Get('trace/:eventId')
  @ApiOperation({
    summary:
      'From a disbursement to its seal, the sealed figure, its lineage and the events / 资金溯源',
  })
  async trace(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string) {
    const trace = await traceDisbursement(
      this.store,
      eventId,
      await this.projection.caughtUpFunds(),
    );
    if (!trace)
      return refuse(
        'NOT_FOUND',
        'not_found',
        `没有拨付事件 ${eventId}`,
        `no disbursement event ${eventId}`,
        {
          eventId,
        },
      );
    await authorize(
      principal,
      {
        permission: 'funds:read',
        units: [trace.disbursement.data.fromUnitId as string],
        read: true,
      },
      storeFactLookup(this.store),
      chinaDay(systemClock().toISOString()),
    );
    return trace;
  }

  private async rows(
    principal: Principal,
    year: string | undefined,
    unit: string | undefined,
  ): Promise<{ unitId: string; rows: FundRow[]; y: number }> {
    await this.projection.catchUp();
    const today = chinaDay(systemClock().toISOString());
    // `year` passed FundsQuery: four digits from 2000 to 2100.
    const y = year === undefined ? Number(today.slice(0, 4)) : Number(year);
    const tree = new UnitTree(this.projection.model, periodOf(y, null, today));
    const unitId = await unitForRequest(
      principal,
      unit,
      tree,
      storeFactLookup(this.store),
      today,
      'funds:read',
    );
    const book = await this.projection.caughtUpFunds();
    const events: FundEventLike[] = book ? [...book.events(y)] : [];
    // Only when the book could not catch up in time (a write storm): read the log as before.
    if (!book)
      await forEachEvent(this.store, await this.store.headPosition(), (e) => {
        if (FUND_EVENT_TYPES.has(e.type) && (e.data as Record<string, unknown>).year === y)
          events.push(e);
      });
    return { unitId, y, rows: fundTable(events).filter((r) => tree.within(r.unitId, unitId)) };
  }
}
