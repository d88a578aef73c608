import { SingleBar } from 'cli-progress';
import type { SeedProgress } from '@libs/synthetic';

const LINE_EVERY_MS = 10_000;

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(1)} s`;
  return s < 3600
    ? `${Math.floor(s / 60)} min ${s % 60} s`
    : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * Progress on stderr: a live bar on a terminal, else a line every ten seconds (logs, CI), each
 * with count, rate and time left.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  // The clock starts with the first report, once the commands are generated.
  let started: number | null = null;
  let doneAtStart = 0;
  let lastLine = 0;
  let bar: SingleBar | null = null;
  return {
    update(p: SeedProgress): void {
      const now = performance.now();
      if (started === null) {
        started = lastLine = now;
        doneAtStart = p.done;
      }
      const rate = (p.done - doneAtStart) / Math.max((now - started) / 1000, 1e-3);
      if (stream.isTTY) {
        if (!bar) {
          bar = new SingleBar({
            stream,
            format:
              'seed [{bar}] {percentage}% | {value}/{total} commands | {rate}/s | {events} events | {refused} refused | ETA {eta_formatted}',
            hideCursor: true,
          });
          bar.start(p.total, 0, { rate: 0, events: 0, refused: 0 });
        }
        bar.update(p.done, { rate: Math.round(rate), events: p.events, refused: p.refused });
        return;
      }
      if (now - lastLine < LINE_EVERY_MS && p.done < p.total) return;
      lastLine = now;
      const eta = formatDuration(((p.total - p.done) / Math.max(rate, 1e-3)) * 1000);
      const pct = ((100 * p.done) / p.total).toFixed(1);
      stream.write(
        `seed: ${p.done}/${p.total} commands (${pct}%), ${Math.round(rate)}/s, ${p.events} events, ${p.refused} refused, ETA ${eta}\n`,
      );
    },
    stop(): void {
      bar?.stop();
    },
  };
}
