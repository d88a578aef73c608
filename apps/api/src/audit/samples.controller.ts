import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ForbiddenError,
  type Permission,
  type Principal,
  authorize,
  recordResidentRead,
} from '@libs/access';
import {
  type PersonOf,
  type SampleDrawnData,
  loadSample,
  sampleCsv,
  sampleSummary,
  sampleUnitNames,
  sampleWorkbook,
} from '@libs/audit';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import { type IdentityVault, chinaDay, chinaMinute, storeFactLookup } from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { SubmitCommand } from '../commands/submit-command';
import { ValidQuery } from '../http/valid-query';
import { FormatQuery } from '../indicators/rates-request';
import { IDENTITY_VAULT } from '../store/event-store.module';

/** Samples for home visits (入户看效果): draw (recorded), read with the field results, export for field teams. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/samples')
export class SamplesController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_VAULT) private readonly vault: IdentityVault,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Draw a sample (DrawSample): equidistant over the residents behind a number; seed and residents recorded / 抽样',
  })
  async draw(
    @CurrentPrincipal() principal: Principal,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { actor: _claimed, ...fields } = body ?? {};
    const today = chinaDay(systemClock().toISOString());
    const command = {
      population: 'counted',
      occurredAt: today,
      commandId: `draw-${String(fields.sampleId)}`,
      ...fields,
      type: 'DrawSample',
    };
    const result = await this.commands.execute(new SubmitCommand(command, principal));
    if (result.duplicate) res.status(200);
    return { result, ...(await this.view(String(fields.sampleId))) };
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'A sample: who was drawn and why, the field results, and the summary per unit / 样本与核查结果',
  })
  async sample(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const view = await this.view(id);
    await this.mayRead(principal, view.sample.unitId);
    return view;
  }

  @Get(':id/export')
  @ApiOperation({
    summary:
      'The sample as xlsx or csv for field teams, with a blank result column / 导出入户核查表',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['xlsx', 'csv'] })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query(new ValidQuery(FormatQuery)) { format }: FormatQuery,
    @Res() res: Response,
  ) {
    const { drawn } = await loadSample(this.store, id);
    // The sheet is also the home-visit team's: it may fetch it without any other audit read.
    if (!(await this.allowed(principal, 'identity:sample', [drawn.unitId])))
      await this.mayRead(principal, drawn.unitId);
    const personOf = await this.people(principal, drawn);
    if (format === 'csv') {
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="sample-${id}.csv"`);
      res.send(await sampleCsv(drawn, personOf));
      return;
    }
    res.setHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('content-disposition', `attachment; filename="sample-${id}.xlsx"`);
    const heading = {
      unitNames: await sampleUnitNames(storeFactLookup(this.store), drawn),
      exportedAt: chinaMinute(systemClock().toISOString()),
    };
    res.send(Buffer.from(await sampleWorkbook(drawn, heading, personOf).xlsx.writeBuffer()));
  }

  /**
   * Name, address and phone of the drawn residents, for a reader allowed to see personal data
   * in every drawn resident's unit (identity:read); each resident shown is a recorded read.
   * Anyone else gets the sheet with ids only (decision 0021).
   */
  private async people(
    principal: Principal,
    drawn: SampleDrawnData,
  ): Promise<PersonOf | undefined> {
    const units = [...new Set(drawn.residents.map((r) => r.unitId))];
    const may =
      (await this.allowed(principal, 'identity:read', units)) ||
      (await this.allowed(principal, 'identity:sample', units));
    if (!may) return undefined;
    const people = new Map<string, ReturnType<PersonOf>>();
    for (const { residentId } of drawn.residents) {
      await recordResidentRead(
        this.store,
        systemClock,
        principal,
        residentId,
        `identity in sample ${drawn.sampleId}`,
      );
      const found = this.vault.read(residentId);
      people.set(
        residentId,
        found.status === 'erased'
          ? 'erased'
          : found.status === 'present'
            ? found.identity
            : undefined,
      );
    }
    return (residentId) => people.get(residentId);
  }

  private async view(sampleId: string) {
    const state = await loadSample(this.store, sampleId);
    return { sample: state.drawn, visits: state.visits, summary: sampleSummary(state) };
  }

  /** Whether the principal holds the permission in every one of these units. */
  private async allowed(principal: Principal, permission: Permission, units: string[]) {
    try {
      await authorize(
        principal,
        { permission, units, read: true },
        storeFactLookup(this.store),
        chinaDay(systemClock().toISOString()),
      );
      return true;
    } catch (error) {
      if (error instanceof ForbiddenError) return false;
      throw error;
    }
  }

  /** A sample names residents: audit reads, in the sampled unit's scope (auditors read across). */
  private async mayRead(principal: Principal, unitId: string) {
    await authorize(
      principal,
      { permission: 'audit:read', units: [unitId], read: true },
      storeFactLookup(this.store),
      chinaDay(systemClock().toISOString()),
    );
  }
}
