import { readFileSync } from 'node:fs';
import { ACTIONS_BY_TYPE, FIELD_LABELS, VALUE_LABELS } from '@libs/records';
import { CSV_UNSUPPORTED_TYPES } from '../csv-to-commands';
import { ImportFatalError } from '../import-errors';

/**
 * How a sheet's columns become a command: its type, each header's field, and for closed
 * vocabularies the words a clerk types or picks (门诊) and the value they stand for
 * (face_to_face_clinic). Plain JSON, so an office can write its own for its own sheets.
 */
export interface XlsxMapping {
  type: string;
  /** Header text → field name, e.g. "收缩压" → "systolic". */
  columns: Record<string, string>;
  /** Field → (cell text → value); cells not listed are passed on as typed. */
  values?: Record<string, Record<string, string>>;
}

/** A shipped template: its fields in column order and the headers that differ from the labels. */
interface Shipped {
  fields: string[];
  headers?: Record<string, string>;
  values?: Record<string, Record<string, string>>;
}

const SHIPPED: Record<string, Shipped> = {
  RegisterResident: {
    fields: ['residentId', 'birthDate', 'sex', 'unitId', 'householdId', 'tags', 'occurredAt'],
    headers: { occurredAt: '登记日期' },
  },
  EnrollChronicCare: {
    fields: ['residentId', 'condition', 'doctorId', 'occurredAt', 'recordId'],
    headers: { occurredAt: '纳入管理日期' },
  },
  RecordFollowUp: {
    fields: [
      'residentId',
      'occurredAt',
      'condition',
      'mode',
      'systolic',
      'diastolic',
      'fastingGlucose',
      'weightKg',
      'referral',
      'doctorId',
      'recordId',
    ],
    headers: { occurredAt: '随访日期' },
  },
  RecordCheckup: {
    fields: [
      'residentId',
      'occurredAt',
      'kind',
      'complete',
      'systolic',
      'diastolic',
      'fastingGlucose',
      'weightKg',
      'heightCm',
      'doctorId',
      'recordId',
    ],
    headers: { occurredAt: '体检日期', kind: '体检类别', complete: '五项是否完整' },
    values: {
      kind: { 老年人年度体检: 'elderly_annual', 残疾人年度体检: 'disabled_annual', 其他: 'other' },
    },
  },
  SignContract: {
    fields: [
      'residentId',
      'contractId',
      'doctorId',
      'teamId',
      'occurredAt',
      'start',
      'end',
      'household',
      'servicePackage',
    ],
    headers: { occurredAt: '签约日期', doctorId: '签约医生' },
  },
};

export const SHIPPED_MAPPING_TYPES: readonly string[] = Object.keys(SHIPPED);

/** The mapping of the ledger's own template for a command type. */
export function shippedMapping(type: string): XlsxMapping | undefined {
  const shipped = SHIPPED[type];
  if (!shipped) return undefined;
  const columns: Record<string, string> = {};
  const values: Record<string, Record<string, string>> = {};
  for (const field of shipped.fields) {
    columns[shipped.headers?.[field] ?? FIELD_LABELS[field] ?? field] = field;
    const words = shipped.values?.[field] ?? invert(VALUE_LABELS[field]);
    if (words) values[field] = words;
  }
  return { type, columns, values };
}

const invert = (labels: Readonly<Record<string, string>> | undefined) =>
  labels && Object.fromEntries(Object.entries(labels).map(([value, word]) => [word, value]));

/** `--mapping`: a shipped template's command type, or a JSON file. */
export function loadMapping(argument: string): XlsxMapping {
  const shipped = shippedMapping(argument);
  if (shipped) return shipped;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(argument, 'utf8'));
  } catch (error) {
    throw new ImportFatalError(
      `--mapping ${argument}: neither a shipped mapping (${SHIPPED_MAPPING_TYPES.join(', ')}) nor a readable JSON file: ${(error as Error).message}`,
    );
  }
  return checkedMapping(parsed, argument);
}

function checkedMapping(value: unknown, source: string): XlsxMapping {
  const fail = (why: string): never => {
    throw new ImportFatalError(`mapping ${source}: ${why}`);
  };
  if (!isRecord(value)) return fail('must be a JSON object with "type" and "columns"');
  const { type, columns, values } = value;
  if (typeof type !== 'string' || !ACTIONS_BY_TYPE.has(type))
    return fail(`"type" must name a command, e.g. RecordFollowUp (got ${JSON.stringify(type)})`);
  if (CSV_UNSUPPORTED_TYPES.includes(type))
    return fail(`${type} has nested fields and cannot be imported from a sheet; use NDJSON`);
  if (!isRecord(columns) || !Object.values(columns).every((f) => typeof f === 'string'))
    return fail('"columns" must map each header to a field name');
  if (
    values !== undefined &&
    !(
      isRecord(values) &&
      Object.values(values).every(
        (words) => isRecord(words) && Object.values(words).every((v) => typeof v === 'string'),
      )
    )
  )
    return fail('"values" must map each field to { "cell text": "value" }');
  return {
    type,
    columns: columns as Record<string, string>,
    ...(values !== undefined ? { values: values as Record<string, Record<string, string>> } : {}),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
