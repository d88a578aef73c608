import { getMetadataStorage } from 'class-validator';
import { ACTIONS_BY_TYPE } from '@libs/records';

/** What every command carries and a sheet leaves out: the type is the mapping's, ids derived. */
const COMMON = new Set(['type', 'commandId', 'expectedRevision']);

const metadataOf = (type: string) => {
  const action = ACTIONS_BY_TYPE.get(type);
  return action
    ? getMetadataStorage().getTargetValidationMetadatas(
        action.request as new () => unknown,
        '',
        true,
        false,
      )
    : [];
};

/** A command's own fields in the order its request class declares them, then occurredAt. */
export function requestFields(type: string): string[] {
  const names = [...new Set(metadataOf(type).map((m) => m.propertyName))];
  return [...names.filter((n) => !COMMON.has(n) && n !== 'occurredAt'), 'occurredAt'];
}

/** The values a field accepts when it is a closed list (@IsIn), as text; else none. */
export function allowedValues(type: string, field: string): string[] {
  const rule = metadataOf(type).find((m) => m.propertyName === field && m.name === 'isIn');
  const values = rule?.constraints?.[0] as unknown[] | undefined;
  return values ? values.map(String) : [];
}
