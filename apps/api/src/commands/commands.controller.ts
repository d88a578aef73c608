import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { commandAuthorizer, type Principal } from '@libs/access';
import { ledgerCommandContext, publicActions } from '@libs/commands';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import {
  type CommandResult,
  StreamStateCache,
  executeCommand,
  storeFactLookup,
} from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { LedgerProjection } from '../indicators/ledger-projection.service';

const COMMAND_TYPES = publicActions().map((a) => a.type);

@ApiTags('commands')
@ApiBearerAuth()
@Controller('api/v1/commands')
export class CommandsController {
  /** Folded stream states kept between requests: a long stream costs no more than a short one. */
  private readonly states = new StreamStateCache();

  private readonly facts: ReturnType<typeof storeFactLookup>;
  /** Audit commands too, and the period lock: the same for every request, so built once. */
  private readonly context: ReturnType<typeof ledgerCommandContext>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: LedgerProjection,
  ) {
    this.facts = storeFactLookup(store, this.states);
    // DrawSample reads its population from the live model, caught up when it asks.
    const model = async () => (await this.projection.catchUp(), this.projection.model);
    this.context = ledgerCommandContext({ store, clock: systemClock, model, states: this.states });
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit one command / 提交一条命令',
    description: `The same JSON as one NDJSON import line. Types: ${COMMAND_TYPES.join(', ')}.`,
  })
  @ApiBody({
    schema: {
      oneOf: COMMAND_TYPES.map((t) => ({ $ref: `#/components/schemas/${t}` })),
      discriminator: { propertyName: 'type' },
    },
  })
  @ApiResponse({
    status: 201,
    description: 'Appended: the events with their ids, positions and hashes',
  })
  @ApiResponse({
    status: 200,
    description: 'Repeated commandId, or nothing to change: the original result',
  })
  @ApiResponse({ status: 400, description: 'Invalid fields, every one listed (en + zh)' })
  @ApiResponse({ status: 401, description: 'No key, or a key that is invalid or revoked' })
  @ApiResponse({
    status: 403,
    description: "Outside the actor's role or unit scope (which one is named)",
  })
  @ApiResponse({ status: 404, description: 'An unknown resident, unit, contract or record' })
  @ApiResponse({
    status: 409,
    description: 'Conflicts with the record (rule code), or a revision conflict',
  })
  @ApiResponse({ status: 413, description: 'The body is larger than 100 kB' })
  @ApiResponse({
    status: 415,
    description: 'Not JSON (content-type), or an unsupported charset or content-encoding',
  })
  @ApiResponse({ status: 422, description: 'A business rule refused it (rule code, zh + en)' })
  @ApiResponse({
    status: 503,
    description: 'The store cannot write now (read-only, I/O error, locked): resend unchanged',
  })
  @ApiResponse({ status: 507, description: 'The store’s disk is full: resend unchanged later' })
  async submit(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResult> {
    // The actor is the key's owner: an `actor` claimed in the body is dropped, never believed.
    // Anything but an object goes on as it came, to be refused as "not a JSON object".
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    const { actor: _claimed, ...fields } = isObject ? (body as Record<string, unknown>) : {};
    const command = isObject ? fields : (body ?? {});
    const authorize = commandAuthorizer(principal, this.facts, systemClock);
    const result = await executeCommand(command, {
      store: this.store,
      clock: systemClock,
      actor: principal.actorId,
      authorize,
      states: this.states,
      ...this.context,
    });
    if (result.duplicate || result.events.length === 0) res.status(200);
    return result;
  }
}
