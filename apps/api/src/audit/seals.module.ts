import { Module } from '@nestjs/common';
import { ledgerSigningKey } from '@libs/audit/seal/ledger-key';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { loadCheckpointConfig } from './checkpoint-config';
import { CHECKPOINT_CONFIG, CheckpointWriter } from './checkpoint-writer.service';
import { LEDGER_SIGNING_KEY, SealsController } from './seals.controller';

/**
 * Seals and proofs; the ledger's signing key is loaded, or created, at start. With
 * LEDGER_CHECKPOINT_DIR set, signed checkpoints are written there every LEDGER_CHECKPOINT_MINUTES.
 */
@Module({
  controllers: [SealsController],
  providers: [
    {
      provide: LEDGER_SIGNING_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ledgerSigningKey({ store: config.store, create: true }),
    },
    // Read here rather than in AppConfig: the writer is this module's alone. A bad setting is
    // handed to the writer, which refuses to start in onModuleInit: thrown from a factory, Nest
    // would exit the process before main could explain it.
    {
      provide: CHECKPOINT_CONFIG,
      useFactory: () => {
        try {
          return loadCheckpointConfig(process.env);
        } catch (error) {
          return error as Error;
        }
      },
    },
    CheckpointWriter,
  ],
  exports: [CheckpointWriter],
})
export class SealsModule {}
