/** A command as the import format carries it; the seed writes nothing else. */
export interface SeedCommand {
  type: string;
  commandId: string;
  occurredAt: string;
  [field: string]: unknown;
}

/** One command with the moment the ledger is to learn of it (epoch ms). */
export interface TimedCommand {
  recordedAt: number;
  json: string;
}

/** Commands of one part of the district in recorded-time order, kept compact as JSON lines. */
export interface SortedCommands {
  times: Float64Array;
  lines: string[];
}

/** Collects (recordedAt, command) pairs; sorting is stable, so equal times keep the order of writing. */
export class CommandLog {
  private readonly times: number[] = [];
  private readonly lines: string[] = [];

  get size(): number {
    return this.times.length;
  }

  push(recordedAt: number, command: SeedCommand): number {
    this.times.push(recordedAt);
    this.lines.push(JSON.stringify(command));
    return recordedAt;
  }

  sorted(): SortedCommands {
    const { times, lines } = this;
    const order = Array.from({ length: times.length }, (_, i) => i);
    order.sort((a, b) => times[a] - times[b] || a - b);
    return { times: Float64Array.from(order, (i) => times[i]), lines: order.map((i) => lines[i]) };
  }
}

/** k-way merge of sorted parts; on equal times the earlier part goes first. */
export function* mergeSorted(parts: readonly SortedCommands[]): Generator<TimedCommand> {
  const next = parts.map(() => 0);
  for (;;) {
    let best = -1;
    for (let p = 0; p < parts.length; p += 1) {
      if (
        next[p] < parts[p].times.length &&
        (best === -1 || parts[p].times[next[p]] < parts[best].times[next[best]])
      ) {
        best = p;
      }
    }
    if (best === -1) return;
    const i = next[best]++;
    yield { recordedAt: parts[best].times[i], json: parts[best].lines[i] };
  }
}
