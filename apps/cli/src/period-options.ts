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
    command.error('error: --by needs --as-of: it says which clock --as-of reads');
}

/**
 * --period (by occurredAt), --as-of (by recordedAt, or with --by source-time by a migrated
 * record's source-system time), --unit: the same for every figures command.
 */
export function withPeriodOptions(command: Command): Command {
  return command
    .requiredOption('--period <year>', 'evaluation year (by when services happened)', yearArg)
    .option(
      '--as-of <date>',
      'as the ledger knew it at the end of that day (China time) or at that instant',
      asOfArg,
    )
    .addOption(
      new Option(
        '--by <clock>',
        "with --as-of: ledger-time (default) what the ledger had recorded by then; source-time what had been recorded anywhere by then, a migrated record counting from its source system's time",
      ).choices(Object.keys(AS_OF_CLOCKS)),
    )
    .option('--unit <unitId>', 'the unit to report (default: the top of the tree)');
}
