import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  ForbiddenError,
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
import { QueryValidationError } from '../http/request-errors';
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

export class ResidentSearchQuery {
  /** An exact ID-card number, matched by its keyed hash (x or X alike). */
  @IsOptional() @IsString() @MinLength(15) @MaxLength(20) idNumber?: string;
  /** The start of a name, over the decrypted names of residents in the caller's units. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50) name?: string;
}

/** How many residents a name search answers with at most. */
const SEARCH_LIMIT = 50;

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

  @Get('residents')
  @ApiOperation({
    summary:
      'Find residents in your units by exact ID number (keyed hash) or name prefix (≤ 50); each found is a recorded read / 按身份证号或姓名查找居民（查阅留痕）',
  })
  @ApiQuery({ name: 'idNumber', required: false })
  @ApiQuery({ name: 'name', required: false })
  async search(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(ResidentSearchQuery)) q: ResidentSearchQuery,
  ) {
    if ((q.idNumber === undefined) === (q.name === undefined)) {
      const en = 'query parameter idNumber or name: give exactly one of them';
      throw new QueryValidationError([
        {
          field: 'idNumber',
          constraint: 'exactlyOne',
          en,
          zh: '查询参数 idNumber 或 name：须且只能填写其一',
        },
      ]);
    }
    const lookup = storeFactLookup(this.store);
    // Whoever may not see personal data at all is told so, not answered with an empty list.
    await authorize(
      principal,
      { permission: 'identity:read', units: null, read: true },
      lookup,
      this.today(),
    );
    const candidates =
      q.idNumber !== undefined
        ? this.vault.holdersOf(this.vault.matchKey(q.idNumber))
        : this.vault.residentIds().sort();
    const found: { residentId: string; unitId: string; name: string | null }[] = [];
    for (const residentId of candidates) {
      // A name is matched before the scope is asked: only matches cost a read of the stream.
      const read = this.vault.read(residentId);
      if (read.status !== 'present') continue;
      if (q.name !== undefined && !(read.identity.name ?? '').startsWith(q.name)) continue;
      const unitId = await this.residentUnit(residentId);
      if (!unitId) continue;
      try {
        await authorize(
          principal,
          { permission: 'identity:read', units: [unitId], read: true },
          lookup,
          this.today(),
        );
      } catch (error) {
        if (error instanceof ForbiddenError) continue;
        throw error;
      }
      await recordResidentRead(this.store, systemClock, principal, residentId, 'identity (search)');
      found.push({ residentId, unitId, name: read.identity.name ?? null });
      if (found.length === SEARCH_LIMIT) break;
    }
    return { residents: found, limit: SEARCH_LIMIT };
  }

  /**
   * A read of one resident by someone allowed it in the resident's unit, recorded before anything
   * is read (a timeline, an identity): the unit, or 404 for a resident never registered.
   */
  private async recordedRead(
    principal: Principal,
    residentId: string,
    permission: 'identity:read' | 'residents:read',
    what: string,
  ): Promise<string> {
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
      { permission, units: [unitId!], read: true },
      storeFactLookup(this.store),
      this.today(),
    );
    await recordResidentRead(this.store, systemClock, principal, residentId, what);
    return unitId!;
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
    // Recorded before the vault is read: a read that fails halfway is still a read.
    const unitId = await this.recordedRead(principal, residentId, 'identity:read', 'identity');
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
    const unitId = await this.recordedRead(principal, residentId, 'residents:read', 'timeline');
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
