import { getMetadataStorage } from 'class-validator';
import { ACTIONS_BY_TYPE } from '@libs/records';

/** A command's fields validated as ISO 8601 dates: a sheet's cells for them are China days. */
export function dateFields(type: string): Set<string> {
  const action = ACTIONS_BY_TYPE.get(type);
  if (!action) return new Set(['occurredAt']);
  const metas = getMetadataStorage().getTargetValidationMetadatas(
    action.request as new () => unknown,
    '',
    true,
    false,
  );
  return new Set(metas.filter((m) => m.name === 'isIso8601').map((m) => m.propertyName));
}
