import { readFileSync } from 'node:fs';
import { ACTIONS_BY_TYPE, FIELD_LABELS, VALUE_LABELS } from '@libs/records';
import { CSV_UNSUPPORTED_TYPES } from './csv-to-commands';
import { requestFields } from './request-fields';
import { SheetError } from './sheet-error';

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

/**
 * A shipped template: its fields in column order and the headers that differ from the labels.
 * The record types the field teams fill most are laid out by hand; every other type a CSV can
 * carry gets its request's fields in order, headed by their labels.
 */
interface Shipped {
  fields: string[];
  headers?: Record<string, string>;
  values?: Record<string, Record<string, string>>;
}

const SHIPPED: Record<string, Shipped> = {
  RegisterResident: {
    fields: [
      'residentId',
      'birthDate',
      'sex',
      'unitId',
      'householdId',
      'tags',
      'occurredAt',
      'healthRecord',
      'healthRecordComplete',
      'healthRecordOpenedOn',
      'motherId',
      'deliveryRecordId',
      // The identity's fields, kept in the vault and never in the log (decision 0021).
      'name',
      'idNumber',
      'phone',
      'address',
    ],
    headers: { occurredAt: '登记日期', name: '姓名' },
  },
  CorrectResidentIdentity: {
    fields: ['residentId', 'name', 'idNumber', 'phone', 'address', 'reason', 'occurredAt'],
    headers: { occurredAt: '更正日期', name: '姓名' },
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

/** Where a field means something else than its label says, per type (kind, unitId). */
const GENERIC: Record<string, Omit<Shipped, 'fields'>> = {
  RegisterOrgUnit: {
    headers: { unitId: '机构编号', name: '机构名称', kind: '机构类别', occurredAt: '成立日期' },
    values: {
      kind: {
        省: 'province',
        市: 'city',
        区县: 'district',
        街道: 'street',
        社区卫生服务中心: 'community_centre',
        乡镇卫生院: 'township_centre',
        社区卫生服务站: 'station',
        村卫生室: 'village_clinic',
        家庭医生团队: 'team',
      },
    },
  },
  RenameOrgUnit: { headers: { unitId: '机构编号', name: '新名称' } },
  MoveOrgUnit: { headers: { unitId: '机构编号', parentId: '新上级机构' } },
  CloseOrgUnit: { headers: { unitId: '机构编号', occurredAt: '撤销日期' } },
  RegisterDoctor: { headers: { doctorId: '医生编号', unitId: '所属机构', name: '医生姓名' } },
  ReassignResident: { headers: { unitId: '新管理机构' } },
  RecordResidentMovedOut: { headers: { occurredAt: '迁出日期' } },
  RecordResidentDeath: { headers: { occurredAt: '死亡日期' } },
  RecordHealthEducationActivity: {
    headers: { unitId: '机构', kind: '活动形式', occurredAt: '活动日期' },
    values: {
      kind: {
        健康知识讲座: 'lecture',
        公众健康咨询: 'consultation',
        宣传栏更换: 'board_renewal',
        印刷资料: 'printed_material',
        音像资料: 'video',
      },
    },
  },
  RecordInfectiousDiseaseCase: { headers: { unitId: '机构', occurredAt: '发现时间' } },
  RecordHealthSupervisionReport: {
    headers: { unitId: '机构', kind: '报告类别', occurredAt: '报告日期' },
    values: {
      kind: {
        非法行医: 'illegal_practice',
        饮用水卫生: 'water_safety',
        学校卫生: 'school_health',
        食品安全: 'food_safety',
      },
    },
  },
};

/** What occurredAt is called on each type's form, where "发生时间" would say less. */
const OCCURRED_AT: Record<string, string> = {
  RenameOrgUnit: '变更日期',
  MoveOrgUnit: '变更日期',
  RegisterDoctor: '登记日期',
  UpdateResidentTags: '变更日期',
  ReassignResident: '变更日期',
  RenewContract: '续约日期',
  TerminateContract: '解约日期',
  RecordTcmAssessment: '辨识日期',
  OpenHealthRecord: '建档日期',
  ReviewHealthRecord: '复核日期',
  RegisterMentalDisorderPatient: '登记日期',
  RecordMentalHealthFollowUp: '随访日期',
  RecordChildTcmGuidance: '指导日期',
  RegisterTuberculosisPatient: '接到通知日期',
  RecordTbFirstVisit: '访视日期',
  RecordTbMedication: '记录日期',
  RecordTbFollowUp: '随访日期',
  RecordTbTreatmentEnd: '结案日期',
  RecordNewbornVisit: '访视日期',
  RecordChildCheckup: '检查日期',
  IssueVaccinationCertificate: '建证日期',
  RecordVaccineDose: '接种日期',
  RegisterPregnancy: '建册日期',
  RecordAntenatalCheck: '检查日期',
  RecordPostpartumVisit: '访视日期',
  RecordPostpartumCheck: '检查日期',
  VoidRecord: '作废日期',
};

function shippedOf(type: string): Shipped | undefined {
  if (SHIPPED[type]) return SHIPPED[type];
  if (!ACTIONS_BY_TYPE.has(type) || CSV_UNSUPPORTED_TYPES.includes(type)) return undefined;
  const generic = GENERIC[type] ?? {};
  const occurredAt = OCCURRED_AT[type];
  return {
    fields: requestFields(type),
    ...generic,
    headers: { ...(occurredAt ? { occurredAt } : {}), ...generic.headers },
  };
}

/** Every type with a template: those a CSV can carry (no nested lists). */
export const SHIPPED_MAPPING_TYPES: readonly string[] = [...ACTIONS_BY_TYPE.keys()].filter(
  (type) => shippedOf(type) !== undefined,
);

/** The mapping of the ledger's own template for a command type. */
export function shippedMapping(type: string): XlsxMapping | undefined {
  const shipped = shippedOf(type);
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
    throw new SheetError(
      'MAPPING_UNREADABLE',
      `--mapping ${argument}: neither the record type of a shipped template (e.g. RecordFollowUp; ledger template --help lists them) nor a readable JSON file: ${(error as Error).message}`,
      `--mapping ${argument}：既不是随附模板的记录类型（如 RecordFollowUp，见 ledger template --help），也不是可读的 JSON 文件：${(error as Error).message}`,
    );
  }
  return checkedMapping(parsed, argument);
}

/**
 * A mapping sent as text (an HTTP upload): a shipped template's command type, or the JSON of
 * an office's own mapping. `shown` names it in messages.
 */
export function mappingOf(text: string, shown: string): XlsxMapping {
  const shipped = shippedMapping(text.trim());
  if (shipped) return shipped;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SheetError(
      'MAPPING_UNREADABLE',
      `${shown} "${shorten(text)}": neither the record type of a shipped template (e.g. RecordFollowUp) nor JSON: ${(error as Error).message}`,
      `${shown} "${shorten(text)}"：既不是随附模板的记录类型（如 RecordFollowUp），也不是 JSON：${(error as Error).message}`,
    );
  }
  return checkedMapping(parsed, shown);
}

const shorten = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

function checkedMapping(value: unknown, source: string): XlsxMapping {
  const fail = (en: string, zh: string): never => {
    throw new SheetError('MAPPING_INVALID', `mapping ${source}: ${en}`, `映射 ${source}：${zh}`);
  };
  if (!isRecord(value))
    return fail(
      'must be a JSON object with "type" and "columns"',
      '须为含 "type" 和 "columns" 的 JSON 对象',
    );
  const { type, columns, values } = value;
  if (typeof type !== 'string' || !ACTIONS_BY_TYPE.has(type))
    return fail(
      `"type" must name a command, e.g. RecordFollowUp (got ${JSON.stringify(type)})`,
      `"type" 须为命令类型，如 RecordFollowUp（收到 ${JSON.stringify(type)}）`,
    );
  if (CSV_UNSUPPORTED_TYPES.includes(type))
    return fail(
      `${type} has nested fields and cannot be imported from a sheet; use NDJSON`,
      `${type} 含嵌套字段，不能从表格导入，请用 NDJSON`,
    );
  if (!isRecord(columns) || !Object.values(columns).every((f) => typeof f === 'string'))
    return fail(
      '"columns" must map each header to a field name',
      '"columns" 须把每个表头映射到字段名',
    );
  if (
    values !== undefined &&
    !(
      isRecord(values) &&
      Object.values(values).every(
        (words) => isRecord(words) && Object.values(words).every((v) => typeof v === 'string'),
      )
    )
  )
    return fail(
      '"values" must map each field to { "cell text": "value" }',
      '"values" 须把每个字段映射为 { "单元格文字": "取值" }',
    );
  return {
    type,
    columns: columns as Record<string, string>,
    ...(values !== undefined ? { values: values as Record<string, Record<string, string>> } : {}),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
