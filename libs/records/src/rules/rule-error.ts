import { DomainRuleError } from '@libs/ledger';

/** How a refusal maps onto HTTP: a clash with existing state, a broken rule, or a missing thing. */
export type RefusalKind = 'conflict' | 'unprocessable' | 'not_found';

export class RuleRefusal extends DomainRuleError {
  constructor(
    code: string,
    readonly kind: RefusalKind,
    messageZh: string,
    messageEn: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, messageZh, messageEn, details);
  }
}

export const refuse = (
  code: string,
  kind: RefusalKind,
  zh: string,
  en: string,
  details: Record<string, unknown> = {},
): never => {
  throw new RuleRefusal(code, kind, zh, en, details);
};
