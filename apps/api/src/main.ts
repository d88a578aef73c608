import { Logger } from 'nestjs-pino';
import { describeStoreLocation } from '@libs/ledger';
import { loadAppConfig } from './config/app-config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  app
    .get(Logger)
    .log(`ledger listening on ${await app.getUrl()} (store ${describeStoreLocation(config.store)})`, 'Main');
}

main().catch((error: Error) => {
  // A configuration mistake deserves a sentence, not a stack trace.
  process.stderr.write(`ledger api could not start: ${error.message}\n`);
  process.exit(1);
});
