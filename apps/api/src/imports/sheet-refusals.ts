import type { SheetError } from '@libs/commands/sheets';
import { RequestRefusedError } from '../http/request-errors';
import { RAW_SHEET_MEDIA_TYPES, SHEET_LIMIT_BYTES } from './sheet-upload';

/** A part of the upload refused, named like a field, the same facts in both languages. */
const refused = (
  status: number,
  code: string,
  field: string,
  constraint: string,
  en: string,
  zh: string,
) =>
  new RequestRefusedError(
    status,
    code,
    { field, constraint, en, zh: `${field}：${zh}` },
    { en, zh },
  );

const MAPPING_CODES = new Set(['MAPPING_UNREADABLE', 'MAPPING_INVALID']);

/** A sheet or mapping that cannot be used: 400 (413 for too many rows), nothing appended. */
export function sheetRefusal(error: SheetError): RequestRefusedError {
  const field = MAPPING_CODES.has(error.code) ? 'mapping' : 'file';
  const status = error.code === 'TOO_MANY_ROWS' ? 413 : 400;
  return refused(status, error.code, field, 'isUsableSheet', error.messageEn, error.messageZh);
}

export const noSheet = () =>
  refused(
    400,
    'SHEET_MISSING',
    'file',
    'isDefined',
    `no workbook: send the .xlsx as the multipart part "file", or as the body with content-type: ${RAW_SHEET_MEDIA_TYPES[0]}`,
    `必填：缺少工作簿，请以 multipart 的 "file" 部分发送 .xlsx，或以 content-type: ${RAW_SHEET_MEDIA_TYPES[0]} 作为请求体发送`,
  );

export const noMapping = (shipped: readonly string[]) =>
  refused(
    400,
    'MAPPING_MISSING',
    'mapping',
    'isDefined',
    `no mapping: name a shipped template's record type (?mapping= or the form field "mapping"; one of ${shipped.join(', ')}) or send a mapping's JSON in the form field "mapping"`,
    `必填：缺少映射，请给出随附模板的记录类型（?mapping= 或表单字段 "mapping"；可选 ${shipped.join('、')}），或在表单字段 "mapping" 中发送映射的 JSON`,
  );

export const twoMappings = () =>
  refused(
    400,
    'MAPPING_TWICE',
    'mapping',
    'isSingle',
    'the mapping is given twice (query and form): give it once',
    '映射给出了两次（查询参数和表单），只能给一次',
  );

export const notASheetType = (contentType: string | undefined) =>
  refused(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'content-type',
    'isXlsx',
    `the request body is ${contentType ? `"${contentType.slice(0, 60)}"` : 'sent without a content-type'}; send multipart/form-data with the part "file", or the workbook itself with content-type: ${RAW_SHEET_MEDIA_TYPES.join(' or ')}`,
    `请求体的类型为 ${contentType ? `"${contentType.slice(0, 60)}"` : '空（未声明 content-type）'}，须以 multipart/form-data（"file" 部分）发送，或以 content-type: ${RAW_SHEET_MEDIA_TYPES.join(' 或 ')} 直接发送工作簿`,
  );

export const sheetTooLarge = () =>
  refused(
    413,
    'PAYLOAD_TOO_LARGE',
    'file',
    'maxSize',
    `the workbook exceeds the limit of ${SHEET_LIMIT_BYTES} bytes; split it, or load it with the CLI's import`,
    `工作簿超过 ${SHEET_LIMIT_BYTES} 字节的上限；请拆分，或用命令行的 import 导入`,
  );

/** multer's other refusals (a part it did not expect, too many parts, a broken form). */
export const badForm = (message: string) =>
  refused(
    400,
    'MALFORMED_FORM',
    '(body)',
    'isForm',
    `the multipart form cannot be read: ${message}; send the parts "file" (the .xlsx) and optionally "mapping"`,
    `无法读取 multipart 表单：${message}；须含 "file"（.xlsx）部分，可另加 "mapping"`,
  );
