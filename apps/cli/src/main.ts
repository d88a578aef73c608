import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { LedgerError } from '@libs/ledger';
import { benchAppendCommand, benchCommand } from './bench/bench.command';
import { schemaCommand } from './schema/schema.command';
import { verifyCommand } from './verify/verify.command';

const program = new Command('ledger')
  .description('Operator tools of the public-health progress ledger')
  .showHelpAfterError('(run with --help for usage)')
  .addCommand(verifyCommand())
  .addCommand(schemaCommand())
  .addCommand(benchCommand())
  .addCommand(benchAppendCommand(), { hidden: true });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  // Known failures get one clear line; anything else is a bug and keeps its stack.
  const known = error instanceof LedgerError || (error as { code?: string }).code === 'SQLITE_CANTOPEN';
  process.stderr.write(`ledger: ${known ? (error as Error).message : (error as Error).stack}\n`);
  process.exit(2);
});
