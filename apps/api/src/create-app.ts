import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { publicActions } from '@libs/commands';
import { commandSchemas } from '@libs/records/commands/command-schemas';
import { AppModule } from './app.module';
import { LedgerExceptionFilter } from './commands/ledger-exception.filter';
import type { AppConfig } from './config/app-config';
import { StoreHealth } from './health/store-health.service';
import { installBodyParsing } from './http/body-parsing';

/** Builds the HTTP app; shared by main and the black-box tests so they run the same wiring. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  // Nest's default parsers are off: JSON only, with the checks installBodyParsing puts around it.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
    // A provider that cannot start (the store unreachable) rejects here, so main prints one
    // clear line and exits 1; Nest's own default would exit from inside the factory.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  installBodyParsing(app);
  app.useGlobalFilters(new LedgerExceptionFilter(app.get(StoreHealth)));
  const openApi = new DocumentBuilder()
    .setTitle('Public-health progress ledger')
    .setDescription('Immutable event ledger of the Basic Public Health Services programme')
    .setVersion('1')
    .build();
  SwaggerModule.setup('api/docs', app, () => {
    const document = SwaggerModule.createDocument(app, openApi);
    // Command schemas come from the class-validator DTOs themselves, one per command type.
    document.components = {
      ...document.components,
      schemas: { ...document.components?.schemas, ...commandSchemas(publicActions()) },
    };
    return document;
  });
  return app;
}
