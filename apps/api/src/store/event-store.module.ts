import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, openEventStore, type EventStore } from '@libs/ledger';
import { type IdentityVault, openIdentityVault } from '@libs/records';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';

/** The personal-data vault beside the store (docs/decisions/0021). */
export const IDENTITY_VAULT = Symbol('IDENTITY_VAULT');

/**
 * Provides the configured EventStore adapter under the EVENT_STORE token, and the store's
 * personal-data vault under IDENTITY_VAULT.
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        openEventStore(config.store, { connectTimeoutMs: config.storeConnectTimeoutMs }),
    },
    {
      provide: IDENTITY_VAULT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openIdentityVault(config.store),
    },
  ],
  exports: [EVENT_STORE, IDENTITY_VAULT],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_VAULT) private readonly vault: IdentityVault,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.vault.close();
  }
}
