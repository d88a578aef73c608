import { Presets, SingleBar } from 'cli-progress';

const BAR_EVERY_MS = 200;
const PLAIN_EVERY_MS = 2000;

/**
 * Progress on stderr: a bar on a terminal; elsewhere (CI, pipes, tests) a plain line at most
 * every 2 s. The ETA comes from bytes read against the file size, so it holds for files whose
 * line count nobody knows in advance.
 */
export class ImportProgress {
  private bar: SingleBar | undefined;
  private readonly started = performance.now();
  private last = 0;
  private count = 0;
  private bytes = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly unit: 'lines' | 'rows',
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  start(): void {
    if (!this.out.isTTY) return;
    this.bar = new SingleBar(
      {
        format: `import [{bar}] {percentage}% | {count} ${this.unit} | {rate} ${this.unit}/s | ETA {etaText}`,
        stream: this.out,
        barsize: 30,
        hideCursor: true,
        fps: 5,
      },
      Presets.shades_classic,
    );
    this.bar.start(Math.max(1, this.totalBytes), 0, this.payload());
  }

  /** Cheap to call for every line; renders only when due. */
  update(count: number, bytesRead: number): void {
    this.count = count;
    this.bytes = bytesRead;
    const now = performance.now();
    if (now - this.last < (this.bar ? BAR_EVERY_MS : PLAIN_EVERY_MS)) return;
    if (!this.bar && now - this.started < PLAIN_EVERY_MS) return;
    this.last = now;
    if (this.bar) {
      this.bar.update(this.bytes, this.payload());
    } else {
      const { count: n, rate, etaText } = this.payload();
      const percent = this.totalBytes > 0 ? Math.floor((100 * this.bytes) / this.totalBytes) : 100;
      this.out.write(
        `import: ${n} ${this.unit}, ${rate} ${this.unit}/s, ${percent}% of the file, ETA ${etaText}\n`,
      );
    }
  }

  stop(): void {
    if (!this.bar) return;
    this.bar.update(this.bytes, this.payload());
    this.bar.stop();
    this.bar = undefined;
  }

  private payload(): { count: string; rate: string; etaText: string } {
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.count / seconds : 0;
    const eta =
      this.bytes > 0 ? (seconds * (this.totalBytes - this.bytes)) / this.bytes : undefined;
    return {
      count: grouped(this.count),
      rate: grouped(Math.round(rate)),
      etaText: eta === undefined ? '?' : duration(eta),
    };
  }
}

export const grouped = (n: number): string => n.toLocaleString('en-US');

export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
