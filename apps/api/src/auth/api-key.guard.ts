import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { authenticate, type Principal } from '@libs/access';
import { EVENT_STORE, type EventStore } from '@libs/ledger';
import { IS_PUBLIC } from './public.decorator';

export type AuthenticatedRequest = Request & { principal: Principal };

/** Every route needs a valid key unless marked @Public(); the actor comes from the key alone. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await authenticate(this.store, request.headers.authorization);
    return true;
  }
}
