import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '@libs/access';
import { publicActions } from '@libs/commands';
import type { CommandResult } from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { SubmitCommand } from './submit-command';

const COMMAND_TYPES = publicActions().map((a) => a.type);

@ApiTags('commands')
@ApiBearerAuth()
@Controller('api/v1/commands')
export class CommandsController {
  constructor(private readonly commands: CommandBus) {}

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
    const result = await this.commands.execute(new SubmitCommand(body, principal));
    if (result.duplicate || result.events.length === 0) res.status(200);
    return result;
  }
}
