import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { childFailure, runLedger } from './ledger-child';

export const SEED_YEAR = 2024;
const SEED = 1;

/**
 * A fingerprint of the synthetic district's generator as built (every compiled file of
 * libs/synthetic): the cached year is named by it, so a change to what `seed` writes (a service
 * category added, a rate changed) generates the year again instead of measuring a stale one.
 */
function generatorFingerprint(): string {
  const root = join(__dirname, '..', '..', '..', '..', 'libs', 'synthetic');
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) hash.update(entry.name).update(readFileSync(path));
    }
  };
  if (existsSync(root)) walk(root);
  return hash.digest('hex').slice(0, 12);
}

/** The commands a district year is made of, cached so a second run does not generate them. */
export interface DistrictFile {
  scale: 'district' | 'small';
  path: string;
  /** Lines in `path`: the whole year, or the first --lines of it. */
  lines: number;
  yearLines: number;
  /** Seconds `seed --emit` took, when the year was generated in this run. */
  emitSeconds?: number;
}

interface Marker {
  lines: number;
  bytes: number;
}

/**
 * The year of the given scale as NDJSON (`seed --emit`, seed 1), from the cache when a complete
 * copy is there. A marker written after the file is whole tells a finished file from one an
 * interrupted run left behind.
 */
export async function districtFile(options: {
  cache: string;
  scratch: string;
  scale: 'district' | 'small';
  lines?: number;
  refresh: boolean;
  log: (line: string) => void;
}): Promise<DistrictFile> {
  const { cache, scale } = options;
  mkdirSync(cache, { recursive: true });
  const year = join(cache, `${scale}-${SEED_YEAR}-seed${SEED}-${generatorFingerprint()}.ndjson`);
  let marker = options.refresh ? undefined : completeMarker(year);
  let emitSeconds: number | undefined;
  if (!marker) {
    options.log(`bench: generating the ${scale} year with seed --emit (cached for later runs)…`);
    const partial = `${year}.partial`;
    const run = await runLedger(
      [
        'seed',
        '--scale',
        scale,
        '--year',
        String(SEED_YEAR),
        '--seed',
        String(SEED),
        '--emit',
        partial,
      ],
      options.scratch,
    );
    if (run.code !== 0) throw childFailure('seed --emit', run);
    emitSeconds = run.seconds;
    marker = { lines: await countLines(partial), bytes: statSync(partial).size };
    renameSync(partial, year);
    writeFileSync(markerOf(year), JSON.stringify(marker));
  }
  if (options.lines === undefined || options.lines >= marker.lines)
    return { scale, path: year, lines: marker.lines, yearLines: marker.lines, emitSeconds };
  const prefix = year.replace(/\.ndjson$/, `.first-${options.lines}.ndjson`);
  if (emitSeconds !== undefined || !completeMarker(prefix)) {
    await copyFirstLines(year, prefix, options.lines);
    writeFileSync(
      markerOf(prefix),
      JSON.stringify({ lines: options.lines, bytes: statSync(prefix).size }),
    );
  }
  return { scale, path: prefix, lines: options.lines, yearLines: marker.lines, emitSeconds };
}

const markerOf = (file: string) => `${file}.complete.json`;

function completeMarker(file: string): Marker | undefined {
  try {
    const marker = JSON.parse(readFileSync(markerOf(file), 'utf8')) as Marker;
    return existsSync(file) && statSync(file).size === marker.bytes ? marker : undefined;
  } catch {
    return undefined;
  }
}

async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file)) {
    const buffer = chunk as Buffer;
    for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines += 1;
  }
  return lines;
}

/** The first `count` lines, streamed: a district year does not need to fit in memory. */
async function copyFirstLines(from: string, to: string, count: number): Promise<void> {
  const partial = `${to}.partial`;
  const out = createWriteStream(partial);
  let left = count;
  for await (const chunk of createReadStream(from)) {
    let buffer = chunk as Buffer;
    let end = -1;
    for (let i = buffer.indexOf(10); i !== -1 && left > 0; i = buffer.indexOf(10, i + 1)) {
      left -= 1;
      end = i;
    }
    if (left === 0) buffer = buffer.subarray(0, end + 1);
    if (!out.write(buffer)) await once(out, 'drain');
    if (left === 0) break;
  }
  out.end();
  await once(out, 'finish');
  rmSync(to, { force: true });
  renameSync(partial, to);
}
