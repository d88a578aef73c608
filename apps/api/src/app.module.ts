import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { APP_GUARD } from '@nestjs/core';
import { ActorsController } from './actors/actors.controller';
import { AlertsController } from './alerts/alerts.controller';
import { MeController } from './actors/me.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { CommandsController } from './commands/commands.controller';
import { CommandContext } from './commands/command-context.service';
import { SubmitCommandHandler } from './commands/submit-command.handler';
import { ImportSheetHandler } from './imports/import-sheet.handler';
import { ImportsController } from './imports/imports.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { ResidentsController } from './residents/residents.controller';
import { FundsController } from './funds/funds.controller';
import { HealthController } from './health/health.controller';
import { StoreHealth } from './health/store-health.service';
import { redactApiKeys } from './http/redact-keys';
import { IndicatorsModule } from './indicators/indicators.module';
import { SealsModule } from './audit/seals.module';
import { ReconciliationController } from './audit/reconciliation.controller';
import { SealListController } from './audit/seal-list.controller';
import { SamplesController } from './audit/samples.controller';
import { EventStoreModule } from './store/event-store.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Health probes every few seconds would drown the log.
            autoLogging: { ignore: (req) => req.url === '/health' },
            // The whole header goes by path; any other `phl_` key, wherever it sits, by the hook.
            redact: ['req.headers.authorization'],
            hooks: { streamWrite: redactApiKeys },
          },
        }),
        // Writes through the CommandBus, figures through the QueryBus, projection changes on the
        // EventBus (docs/decisions/0001).
        CqrsModule.forRoot(),
        EventStoreModule,
        IndicatorsModule,
        SealsModule,
      ],
      controllers: [
        HealthController,
        CommandsController,
        ImportsController,
        ActorsController,
        MeController,
        ResidentsController,
        DashboardController,
        ReconciliationController,
        SealListController,
        SamplesController,
        AlertsController,
        FundsController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        StoreHealth,
        CommandContext,
        SubmitCommandHandler,
        ImportSheetHandler,
      ],
    };
  }
}
