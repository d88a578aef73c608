// The last step of `npm run build`: marks the build complete, for tools/built-cli.mjs.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

writeFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', '.built'),
  `${new Date().toISOString()}\n`,
);
