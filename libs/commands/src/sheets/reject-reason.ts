import { DomainRuleError, LedgerError, WrongExpectedRevisionError } from '@libs/ledger';
import { ForbiddenError } from '@libs/access';
import { CommandValidationError, RuleRefusal } from '@libs/records';
import type { RejectReason } from './import-item';

/**
 * What a failed command tells the person fixing the file. Only the ledger's own errors are about
 * the line; anything else (the disk, the database) is about the run and yields undefined.
 */
export function rejectReasonFor(error: unknown): RejectReason | undefined {
  if (error instanceof CommandValidationError) {
    return {
      code: error.code,
      en: error.message,
      zh: `命令无效：${error.errors.map((e) => e.zh).join('；')}`,
      errors: error.errors,
    };
  }
  if (error instanceof DomainRuleError) {
    return {
      code: error.code,
      ...(error instanceof RuleRefusal ? { kind: error.kind } : {}),
      en: error.messageEn,
      zh: error.messageZh,
      ...(Object.keys(error.details).length > 0 ? { details: error.details } : {}),
    };
  }
  if (error instanceof WrongExpectedRevisionError) {
    const actual = error.actual === -1 ? '不存在' : `版本为 ${error.actual}`;
    return {
      code: error.code,
      en: error.message,
      zh: `流 ${error.streamId} 预期版本 ${String(error.expected)}，实际${actual}`,
    };
  }
  if (error instanceof ForbiddenError) {
    return {
      code: error.code,
      en: error.messageEn,
      zh: error.messageZh,
      details: { why: error.why, ...error.details },
    };
  }
  if (error instanceof LedgerError) {
    return { code: error.code, en: error.message, zh: `无法写入：${error.message}` };
  }
  return undefined;
}

export const malformedJson = (error: unknown): RejectReason => {
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'MALFORMED_JSON',
    en: `malformed JSON: ${message}`,
    zh: `JSON 格式错误：${message}`,
  };
};

export const lineTooLong = (maxBytes: number): RejectReason => ({
  code: 'LINE_TOO_LONG',
  en: `the line is longer than ${maxBytes} bytes`,
  zh: `该行超过 ${maxBytes} 字节`,
});
