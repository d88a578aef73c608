import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  AS_OF_MESSAGE,
  type AsOfBasis,
  YEAR_MESSAGE,
  YEAR_PATTERN,
  asOfInstant,
  isDateOrInstant,
  messageFor,
} from '@libs/indicators';
import { messages } from './text/lang';

/** The API's rule and words (commander names the option before them). */
export const yearArg = (value: string): number => {
  if (!YEAR_PATTERN.test(value))
    throw new InvalidArgumentError(messageFor(YEAR_MESSAGE, 'it', '该值'));
  return Number(value);
};

export const asOfArg = (value: string): string => {
  if (!isDateOrInstant(value))
    throw new InvalidArgumentError(messageFor(AS_OF_MESSAGE, 'it', '该值'));
  return asOfInstant(value);
};

/** `--by`: which clock --as-of reads; the words name the clocks as the docs do. */
export const AS_OF_CLOCKS: Record<string, AsOfBasis> = {
  'ledger-time': 'ledger',
  'source-time': 'source',
};

/** The basis --by names (the ledger's clock when --by is not given). */
export const asOfBasisOf = (o: { by?: string }): AsOfBasis => AS_OF_CLOCKS[o.by ?? 'ledger-time'];

/** --by without --as-of has nothing to apply to: a usage error, reported as commander reports them. */
export function checkAsOfClock(command: Command, o: { asOf?: string; by?: string }): void {
  if (o.by !== undefined && o.asOf === undefined)
    command.error(
      messages({
        zh: 'error: --by 须与 --as-of 同用：它说明 --as-of 按哪个时钟读',
        en: 'error: --by needs --as-of: it says which clock --as-of reads',
      }),
    );
}

/**
 * --period (by occurredAt), --as-of (by recordedAt, or with --by source-time by a migrated
 * record's source-system time), --unit: the same for every figures command.
 */
export function withPeriodOptions(command: Command): Command {
  const T = messages({
    zh: {
      period: '考核年度（按服务发生时间）',
      asOf: '按账本在该日结束时（北京时间）或该时刻所知',
      by: '与 --as-of 同用：ledger-time（默认）账本到那时已记录的；source-time 到那时在任一系统已记录的，迁移记录按其来源系统的时间计',
      unit: '报告的机构（默认：机构树的顶层）',
    },
    en: {
      period: 'evaluation year (by when services happened)',
      asOf: 'as the ledger knew it at the end of that day (China time) or at that instant',
      by: "with --as-of: ledger-time (default) what the ledger had recorded by then; source-time what had been recorded anywhere by then, a migrated record counting from its source system's time",
      unit: 'the unit to report (default: the top of the tree)',
    },
  });
  return command
    .requiredOption('--period <year>', T.period, yearArg)
    .option('--as-of <date>', T.asOf, asOfArg)
    .addOption(new Option('--by <clock>', T.by).choices(Object.keys(AS_OF_CLOCKS)))
    .option('--unit <unitId>', T.unit);
}
