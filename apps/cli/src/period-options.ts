import { type Command, InvalidArgumentError } from 'commander';
import { asOfInstant } from '@libs/indicators';

export const yearArg = (value: string): number => {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new InvalidArgumentError('must be a year such as 2024');
  return year;
};

export const asOfArg = (value: string): string => {
  if (Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('must be a date (YYYY-MM-DD) or an ISO date-time');
  return asOfInstant(value);
};

/** --period (by occurredAt), --as-of (by recordedAt), --unit: the same for every figures command. */
export function withPeriodOptions(command: Command): Command {
  return command
    .requiredOption('--period <year>', 'evaluation year (by when services happened)', yearArg)
    .option(
      '--as-of <date>',
      'as the ledger knew it at the end of that day (China time) or at that instant',
      asOfArg,
    )
    .option('--unit <unitId>', 'the unit to report (default: the top of the tree)');
}
