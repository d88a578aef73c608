import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Principal, permissionsOf } from '@libs/access';
import { CurrentPrincipal } from '../auth/principal.decorator';

/**
 * The key's own actor: who it is, its roles, scope and what they permit. A page asks first and
 * then asks only for what the key may read, instead of learning it from refusals.
 */
@ApiTags('actors')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The actor of this key: roles, scope, permissions / 当前用户' })
  me(@CurrentPrincipal() principal: Principal) {
    return {
      actorId: principal.actorId,
      name: principal.name,
      roles: principal.roles,
      unitId: principal.unitId,
      permissions: [...permissionsOf(principal.roles)].sort(),
    };
  }
}
