import { HUANCUI_DISTRICT } from '@libs/synthetic';
import { oneLine } from './bench-row';
import { type RestartFigures, actorKey, caughtUp, ready, restartTiming, stop } from './http-load';
import { startApiProcess } from './api-process';
import { type LiveFeedFigures, liveDelivery, newResidentBodies } from './live-delivery';
import { type ReadFigures, readProbes } from './read-probes';

/** Dashboards open on the district at once (issue 15's live target). */
const LIVE_SUBSCRIBERS = 100;

export interface DistrictReads {
  storeEvents: number;
  /** First start (no saved figures): from spawn to the model having read the log. */
  readySeconds: number;
  apiPeakRssBytes: number | undefined;
  reads: ReadFigures;
  live: LiveFeedFigures;
  restart: RestartFigures;
}

/**
 * The read side against the seeded district (its events recorded through 2024 by the seed's
 * clock, so every checkpoint and past date has something to show): the API started on it for
 * the first time, the reads a supervisor, an auditor and finance make, the live feed with many
 * subscribers, then a restart that serves the figures it saved.
 */
export async function districtReads(o: {
  storePath: string;
  year: number;
  log: (line: string) => void;
}): Promise<DistrictReads> {
  const unit = HUANCUI_DISTRICT.unitId;
  const readerKey = await actorKey(o.storePath, 'bench reader', [
    'supervisor',
    'auditor',
    'finance',
  ]);
  const writerKey = await actorKey(o.storePath, 'bench recorder', ['recorder']);
  const logLevel = process.env.LOG_LEVEL ?? 'info';
  o.log('bench: the API on the seeded district, first start (it reads the whole log first)…');
  const running = await startApiProcess(o.storePath, logLevel);
  const { api, base, started } = running;
  try {
    const health = await ready(base, api, running.stderrTail);
    // Serving means the model has read the log; the kept figures are built after that, and the
    // first read below is asked while they are.
    await caughtUp(base, false);
    const readySeconds = (performance.now() - started) / 1000;
    o.log('bench: district reads (after the API keeps its figures)…');
    const reads = await readProbes(base, readerKey, o.year, unit);
    o.log(`bench: the live feed with ${LIVE_SUBSCRIBERS} subscribers…`);
    const live = await liveDelivery({
      base,
      readerKey,
      writerKey,
      path: `/api/v1/live?period=${o.year}&unit=${unit}`,
      nextBody: newResidentBodies(unit, Date.now().toString(36)),
      subscribers: LIVE_SUBSCRIBERS,
      commands: 20,
      gapMs: 250,
    });
    await stop(api);
    if (api.exitCode !== 0 && api.signalCode === null)
      throw new Error(`the API did not stop cleanly: ${oneLine(running.stderrTail())}`);
    o.log('bench: restarting the API on the same store (saved figures)…');
    const restart = await restartTiming(o.storePath, readerKey, o.year, logLevel);
    return {
      storeEvents: health.headPosition,
      readySeconds,
      apiPeakRssBytes: running.peakRssBytes(),
      reads,
      live,
      restart,
    };
  } finally {
    running.release();
    await stop(api);
  }
}
