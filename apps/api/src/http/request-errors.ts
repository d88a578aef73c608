import type { FieldError } from '@libs/records';
import type { ErrorBody } from '../commands/error-body';

/**
 * A request refused before any controller saw it (its transport: media type, encoding, size,
 * shape). Carries its answer: a 4xx, a stable code and the failing part named like a field.
 */
export class RequestRefusedError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly field: FieldError,
    readonly summary: { zh: string; en: string },
  ) {
    super(`${code}: ${field.en}`);
  }
}

/** A body whose shape was refused before validation (too deep, prototype keys). */
export class BodyShapeError extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly errors: FieldError[]) {
    super(`invalid request body: ${errors.map((e) => e.en).join('; ')}`);
  }
}

/** Query parameters failing their DTO: like a body's fields, but named as query parameters. */
export class QueryValidationError extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly errors: FieldError[]) {
    super(`invalid query: ${errors.map((e) => e.en).join('; ')}`);
  }
}

const refusal = (
  statusCode: number,
  code: string,
  field: string,
  constraint: string,
  en: string,
  zh: string,
): RequestRefusedError =>
  new RequestRefusedError(
    statusCode,
    code,
    { field, constraint, en, zh: `${field}：${zh}` },
    { en, zh },
  );

export const unsupportedMediaType = (contentType: string | undefined) =>
  refusal(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'content-type',
    'isJson',
    `the request body is ${contentType ? `"${shorten(contentType)}"` : 'sent without a content-type'}; send JSON with content-type: application/json`,
    `请求体的类型为 ${contentType ? `"${shorten(contentType)}"` : '空（未声明 content-type）'}，须以 content-type: application/json 发送 JSON`,
  );

interface BodyParserError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  code?: unknown;
  limit?: unknown;
  length?: unknown;
  charset?: unknown;
  encoding?: unknown;
}

/** A header value echoed in an answer, cut short. */
function shorten(text: unknown): string {
  const s = String(text);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/**
 * Errors of the JSON body parser (http-errors with a `type`) as their 4xx. Nest passes these
 * through untouched, and an error that is not an HttpException became a 500.
 */
export function bodyParserRefusal(error: unknown): RequestRefusedError | undefined {
  if (!(error instanceof Error) || error instanceof RequestRefusedError) return undefined;
  const e = error as Error & BodyParserError;
  const status = Number(e.status ?? e.statusCode);
  if (!Number.isInteger(status) || status < 400 || status > 499) return undefined;
  switch (e.type) {
    case 'entity.too.large':
      return refusal(
        413,
        'PAYLOAD_TOO_LARGE',
        '(body)',
        'maxSize',
        `the request body exceeds the limit of ${String(e.limit)} bytes`,
        `请求体超过 ${String(e.limit)} 字节的上限`,
      );
    case 'charset.unsupported':
      return refusal(
        415,
        'UNSUPPORTED_CHARSET',
        'content-type',
        'isUtf8',
        `charset "${shorten(e.charset)}" is not supported; send JSON in UTF-8`,
        `不支持字符集 "${shorten(e.charset)}"，JSON 须为 UTF-8 编码`,
      );
    case 'encoding.unsupported':
      return refusal(
        415,
        'UNSUPPORTED_CONTENT_ENCODING',
        'content-encoding',
        'isKnownEncoding',
        `content-encoding "${shorten(e.encoding)}" is not supported; send identity, gzip, deflate or br`,
        `不支持内容编码 "${shorten(e.encoding)}"，可用 identity、gzip、deflate 或 br`,
      );
    case 'entity.parse.failed':
      return refusal(
        400,
        'MALFORMED_JSON',
        '(body)',
        'isJson',
        `the request body is not valid JSON: ${e.message}`,
        '请求体不是有效的 JSON',
      );
    case 'request.aborted':
    case 'request.size.invalid':
      return refusal(
        400,
        'BODY_INCOMPLETE',
        '(body)',
        'isComplete',
        'the request body ended before its declared content-length',
        '请求体在声明的 content-length 之前中断',
      );
  }
  // zlib's own errors (Z_DATA_ERROR, brotli's ERR__ERROR_FORMAT_…): a body that does not
  // decode as its content-encoding says.
  if (typeof e.code === 'string' && /^(Z_|ERR__ERROR|ERR_ZLIB|ERR_BROTLI)/.test(e.code))
    return refusal(
      400,
      'BAD_CONTENT_ENCODING',
      'content-encoding',
      'decodes',
      'the request body does not decode with its declared content-encoding',
      '请求体无法按声明的 content-encoding 解码',
    );
  return undefined;
}

/**
 * For errors raised while reading the body: the mapped ones above, and any other 4xx of the
 * parser keeps its status as an "unreadable body" (reading a client's body is never our 500).
 */
export function readingRefusal(error: unknown): RequestRefusedError | undefined {
  if (error instanceof RequestRefusedError) return error;
  const mapped = bodyParserRefusal(error);
  if (mapped || !(error instanceof Error)) return mapped;
  const e = error as Error & BodyParserError;
  const status = Number(e.status ?? e.statusCode);
  if (!Number.isInteger(status) || status < 400 || status > 499) return undefined;
  return refusal(
    status,
    'UNREADABLE_BODY',
    '(body)',
    'isReadable',
    `the request body could not be read: ${e.message}`,
    '无法读取请求体',
  );
}

/** The answer for the errors defined here, in the shape of every other error body. */
export function requestErrorBodyOf(error: unknown): ErrorBody | undefined {
  const refused = error instanceof RequestRefusedError ? error : bodyParserRefusal(error);
  if (refused)
    return {
      statusCode: refused.statusCode,
      error: refused.code,
      message: refused.summary,
      errors: [refused.field],
    };
  if (error instanceof QueryValidationError)
    return {
      statusCode: 400,
      error: error.code,
      message: {
        zh: `查询参数有 ${error.errors.length} 处错误`,
        en: `the request has ${error.errors.length} invalid query parameter(s)`,
      },
      errors: error.errors,
    };
  if (error instanceof BodyShapeError)
    return {
      statusCode: 400,
      error: error.code,
      message: {
        zh: `请求体有 ${error.errors.length} 处错误`,
        en: `the request body has ${error.errors.length} invalid field(s)`,
      },
      errors: error.errors,
    };
  return undefined;
}
