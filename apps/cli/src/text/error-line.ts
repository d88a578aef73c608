import { DomainRuleError } from '@libs/ledger';
import { CommandValidationError } from '@libs/records';
import type { Lang } from './lang';

/** The Chinese a library error carries beside its English (rules, access, sheets, validation). */
export function chineseOf(error: unknown): string | undefined {
  if (error instanceof CommandValidationError)
    return `命令无效：${error.errors.map((e) => e.zh).join('；')}`;
  const e = error as { messageZh?: unknown; reasonZh?: unknown };
  if (typeof e.messageZh === 'string') return e.messageZh;
  if (typeof e.reasonZh === 'string') return e.reasonZh;
  return undefined;
}

function englishOf(error: Error): string {
  const e = error as { messageEn?: unknown; reasonEn?: unknown };
  if (typeof e.messageEn === 'string') return e.messageEn;
  if (typeof e.reasonEn === 'string') return e.reasonEn;
  return error.message;
}

/**
 * A known error as the CLI's one line. In English its message, as always (scripts parse it).
 * In Chinese the Chinese the error carries, then its English after " / " (the engineer beside
 * the clerk reads that one, and a search finds it); an error with no Chinese keeps its message.
 */
export function errorLine(error: Error, lang: Lang): string {
  const zh = lang === 'zh' ? chineseOf(error) : undefined;
  if (zh === undefined) return error.message;
  const both = `${zh} / ${englishOf(error)}`;
  return error instanceof DomainRuleError ? `${error.code}: ${both}` : both;
}
