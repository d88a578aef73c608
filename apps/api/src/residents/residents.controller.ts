import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  type Principal,
  authorize,
  readsInLog,
  readsOfResident,
  recordResidentRead,
} from '@libs/access';
import { EVENT_STORE, type EventStore, foldEvents, systemClock } from '@libs/ledger';
import {
  type IdentityVault,
  IsId,
  chinaDay,
  evolveResident,
  initialResidentState,
  type ResidentEvent,
  refuse,
  storeFactLookup,
  streamIds,
} from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { IDENTITY_VAULT } from '../store/event-store.module';
import { ValidQuery } from '../http/valid-query';

export class ReadsQuery {
  /** One resident's readers; absent: every read in the log, paged by position. */
  @IsOptional()
  @IsId()
  residentId?: string;

  // Decorators run bottom-up and stop at the first failure: IsInt first, so "abc" is
  // "not an integer" rather than "above the maximum".
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @IsInt()
  after?: number;

  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(1000)
  @IsInt()
  limit?: number;
}

/** Shown where a name would be, for a resident whose personal data was erased. */
export const ERASED_NAME = '已删除个人信息';

@ApiTags('residents')
@ApiBearerAuth()
@Controller('api/v1')
export class ResidentsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_VAULT) private readonly vault: IdentityVault,
  ) {}

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

  @Get('residents/:residentId/identity')
  @ApiOperation({
    summary:
      "A resident's name, ID number, phone and address from the personal-data vault; the read is recorded / 居民个人信息（查阅留痕）",
  })
  async identity(
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
      { permission: 'identity:read', units: [unitId!], read: true },
      storeFactLookup(this.store),
      this.today(),
    );
    // Recorded before the vault is read: a read that fails halfway is still a read.
    await recordResidentRead(this.store, systemClock, principal, residentId, 'identity');
    const found = this.vault.read(residentId);
    if (found.status === 'erased')
      return { residentId, unitId, erased: true, identity: null, name: ERASED_NAME };
    return {
      residentId,
      unitId,
      erased: false,
      identity: found.status === 'present' ? found.identity : null,
    };
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
        // A migrated record's recording time in its source system (an attested claim); null otherwise.
        sourceRecordedAt: e.sourceRecordedAt ?? null,
        actor: e.actor,
        commandId: e.commandId,
        data: e.data,
        hash: e.hash,
      })),
    };
  }

  @Get('audit/reads')
  @ApiOperation({ summary: 'Who read which resident record, when / 档案查阅记录' })
  @ApiQuery({ name: 'residentId', required: false })
  @ApiQuery({ name: 'after', required: false, description: 'Log position to page from (0)' })
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 100' })
  async reads(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(ReadsQuery)) { residentId, after = 0, limit = 100 }: ReadsQuery,
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
    return readsInLog(this.store, after, limit);
  }
}
