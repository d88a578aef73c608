import {
  Controller,
  Get,
  Inject,
  Param,
  ParseIntPipe,
  Query,
  DefaultValuePipe,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Principal,
  authorize,
  readsInLog,
  readsOfResident,
  recordResidentRead,
} from '@libs/access';
import { EVENT_STORE, type EventStore, foldEvents, systemClock } from '@libs/ledger';
import {
  chinaDay,
  evolveResident,
  initialResidentState,
  type ResidentEvent,
  refuse,
  storeFactLookup,
  streamIds,
} from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';

@ApiTags('residents')
@ApiBearerAuth()
@Controller('api/v1')
export class ResidentsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  private today() {
    return chinaDay(systemClock().toISOString());
  }

  private async residentUnit(residentId: string): Promise<string | null> {
    const events = await this.store.readStream(streamIds.resident(residentId));
    return foldEvents(
      { evolve: evolveResident, initialState: initialResidentState },
      events as unknown as ResidentEvent[],
    ).unitId;
  }

  @Get('residents/:residentId/timeline')
  @ApiOperation({
    summary: "A resident's full timeline; the read itself is recorded / 居民档案时间线（查阅留痕）",
  })
  async timeline(
    @Param('residentId') residentId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    const unitId = await this.residentUnit(residentId);
    if (!unitId)
      refuse(
        'RESIDENT_NOT_FOUND',
        'not_found',
        `居民 ${residentId} 未登记`,
        `resident ${residentId} is not registered`,
        { residentId },
      );
    await authorize(
      principal,
      { permission: 'residents:read', units: [unitId!], read: true },
      storeFactLookup(this.store),
      this.today(),
    );
    await recordResidentRead(this.store, systemClock, principal, residentId, 'timeline');
    const events = await this.store.readStream(streamIds.resident(residentId));
    return {
      residentId,
      unitId,
      events: events.map((e) => ({
        position: e.position,
        revision: e.revision,
        type: e.type,
        occurredAt: e.occurredAt,
        recordedAt: e.recordedAt,
        actor: e.actor,
        commandId: e.commandId,
        data: e.data,
        hash: e.hash,
      })),
    };
  }

  @Get('audit/reads')
  @ApiOperation({ summary: 'Who read which resident record, when / 档案查阅记录' })
  async reads(
    @CurrentPrincipal() principal: Principal,
    @Query('residentId') residentId?: string,
    @Query('after', new DefaultValuePipe(0), ParseIntPipe) after = 0,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
  ) {
    const lookup = storeFactLookup(this.store);
    if (residentId) {
      // A supervisor may see who read the records of residents in their own subtree.
      const unitId = await this.residentUnit(residentId);
      await authorize(
        principal,
        { permission: 'audit:read', units: unitId ? [unitId] : null, read: true },
        lookup,
        this.today(),
      );
      return { reads: await readsOfResident(this.store, residentId), next: null };
    }
    await authorize(
      principal,
      { permission: 'audit:read', units: [], read: true },
      lookup,
      this.today(),
    );
    return readsInLog(this.store, after, Math.min(Math.max(limit, 1), 1000));
  }
}
