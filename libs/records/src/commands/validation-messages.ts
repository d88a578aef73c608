import { VALUE_LABELS } from './field-labels';

/** Chinese wording for class-validator's constraints; the English comes from class-validator. */
export const CONSTRAINT_ZH: Record<string, string> = {
  isString: '须为字符串',
  isNumber: '须为数字',
  isInt: '须为整数',
  isBoolean: '须为 true 或 false',
  isIn: '取值不在允许范围内',
  isIso8601: '须为 ISO 8601 日期（如 2024-03-05）',
  isISO8601: '须为 ISO 8601 日期（如 2024-03-05）',
  matches: '格式不正确',
  maxLength: '过长',
  length: '长度不符合要求',
  min: '小于允许的最小值',
  max: '大于允许的最大值',
  isArray: '须为数组',
  arrayMinSize: '至少需要一项',
  arrayUnique: '不得有重复项',
  isObject: '须为对象',
  nestedValidation: '须为对象',
  whitelistValidation: '不是该命令的字段',
  unknownCommand: '未知的命令类型',
  notAnObject: '须为 JSON 对象',
  isDefined: '缺少此字段',
  forbiddenKey: '不允许的字段名（__proto__、constructor、prototype 不能作字段名）',
  tooDeep: '嵌套层数过多',
};

const lastNumber = (en: string): string | undefined => /(-?\d+(?:\.\d+)?)\D*$/.exec(en)?.[1];

/**
 * The Chinese sentence should carry the same facts as the English one (the limit, the allowed
 * values), not only the kind of fault; class-validator only hands us the English, so the facts
 * are read back out of it. Undefined when the English holds no fact to carry over.
 */
const ZH_WITH_FACTS: Record<string, (en: string, field: string) => string | undefined> = {
  maxLength: (en) => lastNumber(en) && `过长，最多 ${lastNumber(en)} 个字符`,
  minLength: (en) => lastNumber(en) && `过短，至少 ${lastNumber(en)} 个字符`,
  length: (en) =>
    lastNumber(en) &&
    (/shorter/.test(en)
      ? `过长，最多 ${lastNumber(en)} 个字符`
      : `过短，至少 ${lastNumber(en)} 个字符`),
  min: (en) => lastNumber(en) && `不得小于 ${lastNumber(en)}`,
  max: (en) => lastNumber(en) && `不得大于 ${lastNumber(en)}`,
  arrayMinSize: (en) => lastNumber(en) && `至少需要 ${lastNumber(en)} 项`,
  arrayMaxSize: (en) => lastNumber(en) && `最多 ${lastNumber(en)} 项`,
  isIn: (en, field) => {
    const values = /following values: (.*)$/.exec(en)?.[1];
    if (!values) return undefined;
    const words = VALUE_LABELS[field.split('.').pop() ?? field] ?? {};
    const listed = values
      .split(', ')
      .map((v) => (words[v] ? `${v}（${words[v]}）` : v))
      .join('、');
    return `须为以下之一：${listed}`;
  },
};

/** The Chinese reason for one failed constraint, with the facts of its English message. */
export function constraintZh(constraint: string, en: string, field = ''): string {
  return ZH_WITH_FACTS[constraint]?.(en, field) ?? CONSTRAINT_ZH[constraint] ?? '取值无效';
}
