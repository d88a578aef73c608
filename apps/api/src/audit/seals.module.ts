import { Module } from '@nestjs/common';
import { ledgerSigningKey } from '@libs/audit/seal/ledger-key';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { LEDGER_SIGNING_KEY, SealsController } from './seals.controller';

/** Seals and proofs; the ledger's signing key is loaded, or created, at start. */
@Module({
  controllers: [SealsController],
  providers: [
    {
      provide: LEDGER_SIGNING_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ledgerSigningKey({ store: config.store, create: true }),
    },
  ],
})
export class SealsModule {}
