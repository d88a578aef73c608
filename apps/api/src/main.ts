import { Logger } from 'nestjs-pino';
import { describeStoreLocation } from '@libs/ledger';
import { loadAppConfig } from './config/app-config';
import { createApp } from './create-app';
import { demoBanner, prepareDemo } from './demo/first-start';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env);
  // The demo is for a newcomer's embedded store; never for a shared server or a test.
  const wantsDemo =
    config.store.kind === 'sqlite' &&
    config.store.path !== ':memory:' &&
    process.env.LEDGER_DEMO !== 'off';
  if (wantsDemo)
    process.stdout.write(
      'ledger: preparing the store (a demo district is seeded on first start)…\n',
    );
  const demo = wantsDemo ? await prepareDemo(config.store, new Date()) : undefined;
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  app
    .get(Logger)
    .log(`ledger listening on ${url} (store ${describeStoreLocation(config.store)})`, 'Main');
  if (demo) process.stdout.write(demoBanner(demo, url));
}

main().catch((error: Error) => {
  // A configuration mistake deserves a sentence, not a stack trace.
  process.stderr.write(`ledger api could not start: ${error.message}\n`);
  process.exit(1);
});
