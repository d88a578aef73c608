import {
  CommandIdReusedError,
  DuplicateEventIdError,
  InvalidEventError,
  StoreContentionError,
  WrongExpectedRevisionError,
} from '@libs/ledger';
import { ForbiddenError, UnauthenticatedError } from '@libs/access';
import { CommandValidationError, RuleRefusal } from '@libs/records';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: { zh: string; en: string };
  errors?: unknown[];
  details?: Record<string, unknown>;
}

const STATUS_OF_KIND = { conflict: 409, unprocessable: 422, not_found: 404 } as const;

/** The ledger's named errors as HTTP answers; anything else is not the caller's fault. */
export function errorBodyOf(error: unknown): ErrorBody | undefined {
  if (error instanceof UnauthenticatedError) {
    return {
      statusCode: 401,
      error: error.code,
      message: { zh: error.reasonZh, en: error.reasonEn },
    };
  }
  if (error instanceof ForbiddenError) {
    return {
      statusCode: 403,
      error: error.code,
      message: { zh: error.messageZh, en: error.messageEn },
      details: { why: error.why, ...error.details },
    };
  }
  if (error instanceof CommandValidationError) {
    return {
      statusCode: 400,
      error: error.code,
      message: {
        zh: `命令有 ${error.errors.length} 处错误`,
        en: `the command has ${error.errors.length} invalid field(s)`,
      },
      errors: error.errors,
    };
  }
  if (error instanceof RuleRefusal) {
    return {
      statusCode: STATUS_OF_KIND[error.kind],
      error: error.code,
      message: { zh: error.messageZh, en: error.messageEn },
      details: error.details,
    };
  }
  if (error instanceof CommandIdReusedError) {
    return {
      statusCode: 409,
      error: error.code,
      message: { zh: error.messageZh, en: error.messageEn },
      details: { commandId: error.commandId },
    };
  }
  if (error instanceof StoreContentionError) {
    return {
      statusCode: 503,
      error: error.code,
      message: {
        zh: `记录 ${error.streamId} 正被频繁写入，请稍后重试（未写入任何内容）`,
        en: `${error.message} (nothing was appended)`,
      },
      details: { streamId: error.streamId, retryable: true },
    };
  }
  if (error instanceof WrongExpectedRevisionError) {
    return {
      statusCode: 409,
      error: error.code,
      message: { zh: '记录已被他人修改，请刷新后重试', en: error.message },
      details: { streamId: error.streamId, expected: error.expected, actual: error.actual },
    };
  }
  if (error instanceof DuplicateEventIdError || error instanceof InvalidEventError) {
    return { statusCode: 400, error: error.code, message: { zh: '事件无效', en: error.message } };
  }
  return undefined;
}
