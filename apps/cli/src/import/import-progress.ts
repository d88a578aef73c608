import { Presets, SingleBar } from 'cli-progress';
import { messages } from '../text/lang';

const BAR_EVERY_MS = 200;
const PLAIN_EVERY_MS = 2000;

/** The progress words; the English ones are what scripts and the bench's children read. */
const texts = () =>
  messages({
    zh: {
      unit: { lines: '行', rows: '行' },
      bar: (unit: string) =>
        `import [{bar}] {percentage}% | {count} ${unit} | 每秒 {rate} ${unit} | 预计剩余 {etaText}`,
      line: (n: string, unit: string, rate: string, percent: number, eta: string) =>
        `import：已处理 ${n} ${unit}，每秒 ${rate} ${unit}，已读文件的 ${percent}%，预计剩余 ${eta}`,
    },
    en: {
      unit: { lines: 'lines', rows: 'rows' },
      bar: (unit: string) =>
        `import [{bar}] {percentage}% | {count} ${unit} | {rate} ${unit}/s | ETA {etaText}`,
      line: (n: string, unit: string, rate: string, percent: number, eta: string) =>
        `import: ${n} ${unit}, ${rate} ${unit}/s, ${percent}% of the file, ETA ${eta}`,
    },
  });

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
        format: texts().bar(texts().unit[this.unit]),
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
      this.out.write(`${texts().line(n, texts().unit[this.unit], rate, percent, etaText)}\n`);
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
