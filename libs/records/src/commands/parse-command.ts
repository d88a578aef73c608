import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { LedgerError } from '@libs/ledger';
import type { Action } from './action';
import { ACTIONS_BY_TYPE } from './catalog';
import type { CommandRequest } from './command-request';
import { CONSTRAINT_ZH } from './validation-messages';

export interface FieldError {
  field: string;
  constraint: string;
  en: string;
  zh: string;
}

/** Bad input: every failing field at once, in English and Chinese. */
export class CommandValidationError extends LedgerError {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly errors: FieldError[]) {
    super(`invalid command: ${errors.map((e) => `${e.field}: ${e.en}`).join('; ')}`);
  }
}

export interface ParsedCommand {
  action: Action;
  request: CommandRequest;
}

const fieldError = (field: string, constraint: string, en: string): FieldError => ({
  field,
  constraint,
  en,
  zh: `${field}：${CONSTRAINT_ZH[constraint] ?? '取值无效'}`,
});

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property)
      ? `${prefix}[${e.property}]`
      : prefix
        ? `${prefix}.${e.property}`
        : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, en]) =>
      fieldError(field, constraint, en.split(' / ')[0]),
    );
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Same validation for HTTP bodies and import lines: known type, then the type's DTO. */
export function parseCommand(
  raw: unknown,
  catalog: ReadonlyMap<string, Action> = ACTIONS_BY_TYPE,
): ParsedCommand {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CommandValidationError([
      fieldError('(command)', 'notAnObject', 'a command must be a JSON object'),
    ]);
  }
  const type = (raw as { type?: unknown }).type;
  const action = typeof type === 'string' ? catalog.get(type) : undefined;
  if (!action) {
    throw new CommandValidationError([
      fieldError(
        'type',
        'unknownCommand',
        `unknown command type ${JSON.stringify(type)}; known: ${[...catalog.keys()].join(', ')}`,
      ),
    ]);
  }
  return { action, request: validatedInstance(action.request, raw) as CommandRequest };
}

/** Any JSON body against a DTO class: unknown fields refused, every failing field reported. */
export function validatedInstance<T extends object>(cls: new () => T, raw: unknown): T {
  const instance = plainToInstance(cls, raw ?? {});
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    // One message per field: a missing id is "missing", not also "too long" and "badly formed".
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new CommandValidationError(flatten(errors));
  return instance;
}
