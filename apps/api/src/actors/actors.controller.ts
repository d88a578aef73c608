import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
} from 'class-validator';
import { ActorAdmin, type Principal, ROLES, type Role } from '@libs/access';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import { IsId, validatedInstance as validated } from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';

export class AddActorBody {
  @IsOptional() @IsId() actorId?: string;
  @IsString() @Length(1, 100) name!: string;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(ROLES, { each: true }) roles!: Role[];
  @IsOptional() @IsId() unitId?: string;
}

export class GrantRolesBody {
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(ROLES, { each: true }) roles!: Role[];
}

export class RevokeBody {
  @IsString() @Length(1, 500) reason!: string;
}

/**
 * Admins manage actors in their own subtree and hand out no more than they hold (ActorAdmin
 * holds every command to that); every change is a ledger event.
 */
@ApiTags('actors')
@ApiBearerAuth()
@Controller('api/v1/actors')
export class ActorsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  private admin(by: Principal) {
    return new ActorAdmin(this.store, systemClock, by);
  }

  @Post()
  @ApiOperation({ summary: 'Add an actor and return its key once / 新增用户（密钥仅显示一次）' })
  async add(@Body() body: unknown, @CurrentPrincipal() by: Principal) {
    return this.admin(by).add(validated(AddActorBody, body));
  }

  @Post(':actorId/roles')
  @ApiOperation({
    summary: 'Grant roles to an actor (e.g. field_team to an auditor who visits homes) / 授予角色',
  })
  async grantRoles(
    @Param('actorId') actorId: string,
    @Body() body: unknown,
    @CurrentPrincipal() by: Principal,
  ) {
    const { roles } = validated(GrantRolesBody, body);
    await this.admin(by).grantRoles(actorId, roles);
    return { actorId, granted: roles };
  }

  @Post(':actorId/revoke')
  @ApiOperation({ summary: 'Revoke an actor and its keys / 停用用户' })
  async revoke(
    @Param('actorId') actorId: string,
    @Body() body: unknown,
    @CurrentPrincipal() by: Principal,
  ) {
    await this.admin(by).revoke(actorId, validated(RevokeBody, body).reason);
    return { actorId, revoked: true };
  }

  @Post(':actorId/keys')
  @ApiOperation({
    summary: 'Rotate the key: a new one (shown once), the old ones revoked / 轮换密钥',
  })
  async rotate(@Param('actorId') actorId: string, @CurrentPrincipal() by: Principal) {
    return { actorId, key: await this.admin(by).rotateKey(actorId) };
  }

  @Get()
  @ApiOperation({ summary: 'Actors in your scope / 本范围内的用户' })
  async list(@CurrentPrincipal() by: Principal) {
    return (await this.admin(by).list()).map((a) => ({
      actorId: a.actorId,
      name: a.name,
      roles: a.roles,
      unitId: a.unitId,
      revoked: a.revoked,
      keys: Object.keys(a.keys),
    }));
  }
}
