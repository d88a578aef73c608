import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { LedgerError, StoreUnavailableError } from '@libs/ledger';
import { benchAppendCommand, benchCommand } from './bench/bench.command';
import { importCommand } from './import/import.command';
import { actorsCommand } from './actors/actors.command';
import { exportCommand } from './export/export.command';
import { rebuildCommand } from './rebuild/rebuild.command';
import { replayCommand } from './replay/replay.command';
import { trailCommand } from './trail/trail.command';
import { eraseResidentCommand } from './erase-resident/erase-resident.command';
import { schemaCommand } from './schema/schema.command';
import { templateCommand } from './template/template.command';
import { verifyCommand } from './verify/verify.command';
import { seedCommand } from './seed/seed.command';
import { reconcileCommand } from './reconcile/reconcile.command';
import { sampleCommand } from './sample/sample.command';
import { sealCommand } from './seal/seal.command';
import { checkSealCommand } from './check-seal/check-seal.command';
import { checkpointCommand } from './checkpoint/checkpoint.command';
import { detectScoreCommand } from './detect-score/detect-score.command';
import { detectCommand } from './detect/detect.command';

const program = new Command('ledger')
  .description('Operator tools of the public-health progress ledger')
  .showHelpAfterError('(run with --help for usage)')
  .addCommand(verifyCommand())
  .addCommand(actorsCommand())
  .addCommand(seedCommand())
  .addCommand(importCommand())
  .addCommand(replayCommand())
  .addCommand(rebuildCommand())
  .addCommand(trailCommand())
  .addCommand(eraseResidentCommand())
  .addCommand(exportCommand())
  .addCommand(reconcileCommand())
  .addCommand(sampleCommand())
  .addCommand(schemaCommand())
  .addCommand(templateCommand())
  .addCommand(sealCommand())
  .addCommand(checkSealCommand())
  .addCommand(checkpointCommand())
  .addCommand(detectScoreCommand())
  .addCommand(detectCommand())
  .addCommand(benchCommand())
  .addCommand(benchAppendCommand(), { hidden: true });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  // Known failures get one clear line; anything else is a bug and keeps its stack.
  const known =
    error instanceof LedgerError || (error as { code?: string }).code === 'SQLITE_CANTOPEN';
  process.stderr.write(`ledger: ${known ? (error as Error).message : (error as Error).stack}\n`);
  // A store that does not answer stops every command with 1, as it stops the API: what a
  // scheduler or a restart policy reads as "failed, try again". 2 stays for a run that cannot
  // start from what it was given (arguments, files, a store path that cannot be opened).
  process.exit(error instanceof StoreUnavailableError ? 1 : 2);
});
