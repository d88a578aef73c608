import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { LogFrontier } from '@libs/audit/checkpoint/log-frontier';
import { checkpointOf } from '@libs/audit/checkpoint/take-checkpoint';
import { writeCheckpointFile } from '@libs/audit/checkpoint/witness-folder';
import type { LedgerKey } from '@libs/audit/seal/ledger-key';
import { EVENT_STORE, type EventStore, systemClock } from '@libs/ledger';
import type { CheckpointConfig } from './checkpoint-config';
import { LEDGER_SIGNING_KEY } from './seals.controller';

export const CHECKPOINT_CONFIG = Symbol('CheckpointConfig');

/**
 * Writes a signed checkpoint into the configured witness folder at start and every N minutes,
 * when the log grew since the last one. It keeps the Merkle frontier of what it has read, so
 * each round reads only the new events — and a log rewritten under a running API cannot change
 * the history its next checkpoints commit to.
 */
@Injectable()
export class CheckpointWriter implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Checkpoints');
  private readonly frontier = new LogFrontier();
  private lastWrittenSize = 0;
  private timer?: NodeJS.Timeout;
  private running?: Promise<string | undefined>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_SIGNING_KEY) private readonly key: LedgerKey,
    @Inject(CHECKPOINT_CONFIG) private readonly settings: CheckpointConfig | Error | undefined,
  ) {}

  private get config(): CheckpointConfig | undefined {
    return this.settings instanceof Error ? undefined : this.settings;
  }

  /** A bad LEDGER_CHECKPOINT_* setting stops the start, with its sentence. */
  onModuleInit(): void {
    if (this.settings instanceof Error) throw this.settings;
  }

  onApplicationBootstrap(): void {
    if (!this.config) return;
    this.timer = setInterval(() => void this.tick(), this.config.everyMinutes * 60_000);
    // The timer alone must not keep a process alive that is otherwise done.
    this.timer.unref();
    void this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    // The store closes after the modules are destroyed: let a round in progress finish first.
    await this.running;
  }

  /** One round: the path of the checkpoint written, or undefined when nothing was new. */
  tick(): Promise<string | undefined> {
    if (!this.config) return Promise.resolve(undefined);
    // Rounds never overlap: a slow read is followed by the next round, not raced by it.
    this.running ??= this.round(this.config.dir).finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(dir: string): Promise<string | undefined> {
    try {
      await this.frontier.catchUp(this.store);
      const size = this.frontier.treeSize;
      if (size === 0 || size === this.lastWrittenSize) return undefined;
      const file = writeCheckpointFile(dir, checkpointOf(this.frontier, this.key, systemClock));
      this.lastWrittenSize = size;
      this.logger.log(`checkpoint of ${size} events written to ${file}`);
      return file;
    } catch (error) {
      // A full disk or a gone folder must not take the API down; it is logged each round.
      this.logger.error(`checkpoint not written to ${dir}: ${(error as Error).message}`);
      return undefined;
    }
  }
}
