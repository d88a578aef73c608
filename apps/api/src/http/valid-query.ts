import { Injectable, type PipeTransform } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { CommandValidationError, type FieldError, validatedInstance } from '@libs/records';
import { QueryValidationError } from './request-errors';

/** The parameters a query DTO declares, for "accepted: …" in the answer to an unknown one. */
function declared(dto: new () => object): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}

function asQueryParameter(dto: new () => object) {
  return (e: FieldError): FieldError => {
    if (e.constraint === 'whitelistValidation') {
      const accepted = declared(dto);
      return {
        ...e,
        en: `query parameter ${e.field} is not accepted here; accepted: ${accepted.join(', ')}`,
        zh: `查询参数 ${e.field} 在此不可用；可用：${accepted.join('、')}`,
      };
    }
    return { ...e, en: `query parameter ${e.en}`, zh: `查询参数 ${e.zh}` };
  };
}

/**
 * Query parameters against a class-validator DTO, like a body: unknown ones refused, every
 * failing one listed, in both languages, as "query parameter …". An empty value (`?unit=`) is
 * treated as absent, which is what a form or URLSearchParams sends for "not chosen".
 */
export function validatedQuery<T extends object>(dto: new () => T, raw: unknown): T {
  const given = Object.fromEntries(
    Object.entries((raw ?? {}) as Record<string, unknown>).filter(
      ([, value]) => value !== '' && value !== undefined,
    ),
  );
  try {
    return validatedInstance(dto, given);
  } catch (error) {
    if (!(error instanceof CommandValidationError)) throw error;
    throw new QueryValidationError(error.errors.map(asQueryParameter(dto)));
  }
}

/** `@Query(new ValidQuery(RatesQuery)) query: RatesQuery` */
@Injectable()
export class ValidQuery<T extends object> implements PipeTransform<unknown, T> {
  constructor(private readonly dto: new () => T) {}

  transform(value: unknown): T {
    return validatedQuery(this.dto, value);
  }
}
