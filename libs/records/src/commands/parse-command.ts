import { plainToInstance } from 'class-transformer';
import {
  IS_ISO8601,
  type ValidationError,
  getMetadataStorage,
  validateSync,
} from 'class-validator';
import { LedgerError } from '@libs/ledger';
import type { Action } from './action';
import { ACTIONS_BY_TYPE } from './catalog';
import type { CommandRequest } from './command-request';
import { labelledField } from './field-labels';
import { constraintZh } from './validation-messages';

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

const fieldError = (field: string, constraint: string, en: string, zh?: string): FieldError => ({
  field,
  constraint,
  en,
  zh: `${labelledField(field)}：${zh ?? constraintZh(constraint, en, field)}`,
});

/**
 * A field the command needs but does not carry: "required" in both languages, not the first
 * rule its absent value happens to fail (a missing id is not "must be a string").
 */
const missingField = (field: string): FieldError =>
  fieldError(field, 'isDefined', `${field} is required`, '必填');

/** The value sent at a flattened path (a.b, a[0].b), or undefined when there is none. */
function sentValue(raw: unknown, field: string): unknown {
  let node = raw;
  for (const key of field.split(/\.|\[|\]\.?/).filter((k) => k !== '')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * How many objects/arrays deep a command may nest. The deepest command today is three levels
 * (a list of target lines, a correction's changes); the limit keeps class-transformer and
 * class-validator, which recurse, far from the stack's end: 10,000 levels overflowed it.
 */
export const MAX_NESTING_DEPTH = 10;

/**
 * Keys that name JavaScript's object machinery. class-transformer skips them silently, so the
 * "unknown fields are refused" rule would not see them: they are refused here, by name.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const childPath = (path: string, key: string, inArray: boolean) =>
  inArray ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * Checks the raw JSON's shape before any recursive library sees it: nesting depth and
 * prototype keys. Iterative (an explicit stack), so a 10,000-deep body cannot overflow it;
 * below the limit it stops descending. Every offending field is named.
 */
export function shapeErrors(raw: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: raw, path: root, depth: 1 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_NESTING_DEPTH) {
      errors.push(
        fieldError(
          path || '(body)',
          'tooDeep',
          `${path || 'the body'} nests deeper than ${MAX_NESTING_DEPTH} levels of objects and arrays`,
          `嵌套超过 ${MAX_NESTING_DEPTH} 层对象或数组`,
        ),
      );
      continue;
    }
    const inArray = Array.isArray(value);
    // Object.keys lists an own "__proto__" that JSON.parse created as a plain data property.
    for (const key of Object.keys(value)) {
      const field = childPath(path, key, inArray);
      if (FORBIDDEN_KEYS.has(key)) {
        errors.push(
          fieldError(
            field,
            'forbiddenKey',
            `${field} is not an accepted field: "${key}" may not be used as a field name`,
          ),
        );
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return errors;
}

function flatten(errors: ValidationError[], raw: unknown, prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    // A number is an array index only below the top: a command itself is never an array.
    const field =
      prefix && /^\d+$/.test(e.property)
        ? `${prefix}[${e.property}]`
        : prefix
          ? `${prefix}.${e.property}`
          : e.property;
    const absent =
      e.constraints !== undefined &&
      !('whitelistValidation' in e.constraints) &&
      (sentValue(raw, field) ?? null) === null;
    if (absent) return [missingField(field)];
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => {
      // A message written as "english / 中文" already carries its own Chinese with the facts.
      const [en, zh] = message.split(' / ');
      return fieldError(field, constraint, en, zh?.replace(e.property, '').trim() || undefined);
    });
    return [...own, ...flatten(e.children ?? [], raw, field)];
  });
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/;

/**
 * A date as the ledger reads it: a calendar date (YYYY-MM-DD) or a date-time, as the command
 * schema publishes ("date" / "date-time"), and one that Date can read. Strict ISO 8601 admits
 * more: 2024, 2024-03, week (2024-W10-1), ordinal (2024-065) and basic (20240305) forms.
 * The first two were stored as dates; the others reached the deciders and failed there (500).
 */
export function isLedgerDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (!CALENDAR_DATE.test(value) && !DATE_TIME.test(value)) return false;
  return !Number.isNaN(Date.parse(CALENDAR_DATE.test(value) ? `${value}T00:00:00Z` : value));
}

/**
 * Every field a DTO checks with @IsISO8601 (nested DTOs too) that passed it but is no ledger
 * date. Read from class-validator's own metadata, so every command's date fields get the
 * same rule without each DTO repeating it.
 */
function unreadableDates(instance: object, prefix = ''): FieldError[] {
  const metas = dateAndNestedFields(instance.constructor as new () => object);
  const errors: FieldError[] = [];
  const record = instance as Record<string, unknown>;
  for (const meta of metas) {
    const value = record[meta.propertyName];
    if (value === undefined || value === null) continue;
    const field = prefix ? `${prefix}.${meta.propertyName}` : meta.propertyName;
    if (meta.name === IS_ISO8601) {
      const values = meta.each && Array.isArray(value) ? value : [value];
      if (values.some((v) => !isLedgerDate(v)))
        errors.push(
          fieldError(
            field,
            IS_ISO8601,
            `${field} must be a date (YYYY-MM-DD) or an ISO date-time such as 2024-03-05T10:00:00+08:00`,
            '须为日期（YYYY-MM-DD）或 ISO 时间，如 2024-03-05T10:00:00+08:00',
          ),
        );
    } else if (meta.type === 'nestedValidation') {
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        if (item && typeof item === 'object')
          errors.push(
            ...unreadableDates(item as object, Array.isArray(value) ? `${field}[${i}]` : field),
          );
      });
    }
  }
  return errors;
}

type FieldMeta = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>;

/**
 * The metadata of the fields unreadableDates looks at, per DTO class. Decorators run once, when
 * a class is defined, so the list never changes; asking class-validator each time walked every
 * rule of the class and its ancestors on every command.
 */
const FIELDS_OF_CLASS = new Map<object, FieldMeta>();

function dateAndNestedFields(cls: new (...args: never[]) => object): FieldMeta {
  let metas = FIELDS_OF_CLASS.get(cls);
  if (!metas) {
    metas = getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .filter((m) => m.name === IS_ISO8601 || m.type === 'nestedValidation');
    FIELDS_OF_CLASS.set(cls, metas);
  }
  return metas;
}

/** A sent value echoed in an error, cut short: a 90 kB "type" need not come back whole. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
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
  const shape = shapeErrors(raw);
  if (shape.length > 0) throw new CommandValidationError(shape);
  const type = (raw as { type?: unknown }).type;
  if (type === undefined) {
    // Often a body that never arrived as JSON (another content type); say what is missing.
    throw new CommandValidationError([
      fieldError(
        'type',
        'isDefined',
        `type is missing: a command names its type, one of ${[...catalog.keys()].join(', ')}`,
        `缺少命令类型，须为 ${[...catalog.keys()].join('、')} 之一`,
      ),
    ]);
  }
  const action = typeof type === 'string' ? catalog.get(type) : undefined;
  if (!action) {
    throw new CommandValidationError([
      fieldError(
        'type',
        'unknownCommand',
        `unknown command type ${shown(type)}; known: ${[...catalog.keys()].join(', ')}`,
        `未知的命令类型 ${shown(type)}，可用：${[...catalog.keys()].join('、')}`,
      ),
    ]);
  }
  return { action, request: validatedInstance(action.request, raw) as CommandRequest };
}

/** Any JSON body against a DTO class: unknown fields refused, every failing field reported. */
export function validatedInstance<T extends object>(cls: new () => T, raw: unknown): T {
  // Before class-transformer: it recurses without a limit and skips prototype keys unseen.
  const shape = shapeErrors(raw);
  if (shape.length > 0) throw new CommandValidationError(shape);
  const instance = plainToInstance(cls, raw ?? {});
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    // One message per field: a missing id is "missing", not also "too long" and "badly formed".
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  const invalid = flatten(errors, raw);
  const dates = unreadableDates(instance).filter((d) => !invalid.some((e) => e.field === d.field));
  if (invalid.length + dates.length > 0) throw new CommandValidationError([...invalid, ...dates]);
  return instance;
}
