import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import {
  FiguresFile,
  LedgerModel,
  LiveFigures,
  busyYears,
  catalogForPeriod,
} from '@libs/indicators';
import { chinaDay } from '@libs/records';
import { FundBook } from '@libs/funds/fund-book';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
  type Subscription,
  type SubscriptionStatus,
  systemClock,
} from '@libs/ledger';
import { AlertRaisedOnLedger, FiguresChanged } from './projection-events';

import { ModelWarmingError } from './model-warming';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';

/**
 * Keeps the indicator model current: catches up from the start of the log, then follows it
 * live. Changes are announced at most every `BATCH_MS`, so a bulk import becomes a few
 * updates, not thousands.
 */
@Injectable()
export class LedgerProjection implements OnModuleInit, OnApplicationShutdown {
  // Short enough that a dashboard sees an append within the 200 ms it is promised, long enough
  // that a bulk import is announced a few times a second, not per event.
  static readonly BATCH_MS = 50;
  /** How long start-up waits for the model before serving saved figures instead. */
  static readonly WARM_WAIT_MS = 500;
  static readonly SAVE_EVERY_MS = 30_000;
  readonly model = new LedgerModel();
  /** Fund events by year and id, and units' flows: the fund table and DisburseFunds read it. */
  readonly funds = new FundBook();
  /**
   * Doctors by the name they were registered or reassigned with (王医生), for views a person
   * reads: the model counts by code only. A doctor never given a name has none here.
   */
  readonly doctorNames = new Map<string, string>();
  /**
   * The current figures and 10-day checkpoints of every year with records, kept as running
   * tallies once the model has caught up (built in slices of at most 500 residents or 5 ms, so
   * the event loop is never held long); until a year is ready, callers evaluate the model instead.
   */
  readonly figures = new LiveFigures(
    this.model,
    catalogForPeriod,
    () => chinaDay(systemClock().toISOString()),
    500,
    // A build shares the event loop with requests: a slice ends after 5 ms at most.
    5,
  );
  private subscription?: Subscription;
  /** The last drop of the log subscription, until it is live again (/health is degraded). */
  private drop: Extract<SubscriptionStatus, { state: 'reconnecting' }> | null = null;
  private pending: NodeJS.Timeout | null = null;
  private saving: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('Projection');
  private readonly file: FiguresFile;
  private live = false;
  /** The hash of the last event followed: a save names the event it stands at. */
  private lastHash = '';
  private savedWhat = '';

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.file = FiguresFile.beside(config.store);
  }

  /** Whether the model has read the whole log (until then, reads that need residents wait). */
  get caughtUp(): boolean {
    return this.live;
  }

  /** For reads that need every resident: refused (503, retryable) while the model reads the log. */
  async fullModel(): Promise<LedgerModel> {
    if (!this.live)
      throw new ModelWarmingError(this.model.position, await this.store.headPosition());
    await this.catchUp();
    return this.model;
  }

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    const restored = await this.restore();
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    this.subscription = this.store.subscribe(
      (event) => {
        this.funds.apply(event);
        this.followDoctorName(event);
        this.lastHash = event.hash;
        if (this.model.apply(event) && this.live) this.announce();
        this.figures.followed();
        // New alerts go out at once (not batched): the live feed pushes them to supervisors.
        if (this.live && event.type === 'AlertRaised')
          this.events.publish(new AlertRaisedOnLedger(event));
      },
      {
        onStatus: (status) => this.followStatus(status),
        onLive: () => {
          this.live = true;
          caughtUp();
          this.logger.log(
            `indicator model caught up to position ${this.model.position} in ${Date.now() - started} ms`,
          );
          this.keepBusyYears();
        },
      },
    );
    this.subscription.done.catch((error: Error) =>
      this.logger.error(`projection stopped: ${error.message}`),
    );
    // With saved figures the API serves them once a short wait is over, and the model reads the
    // log behind them; a small log is read within the wait, so nothing changes for it.
    if (restored)
      await Promise.race([ready, new Promise((r) => setTimeout(r, LedgerProjection.WARM_WAIT_MS))]);
    else await ready;
    if (!this.live)
      this.logger.log(
        `serving the figures saved at position ${this.figures.position} while the model reads the log (${Date.now() - started} ms)`,
      );
    this.saving = setInterval(() => this.save(true), LedgerProjection.SAVE_EVERY_MS);
    this.saving.unref();
  }

  private followDoctorName(event: RecordedEvent): void {
    if (event.type !== 'DoctorRegistered' && event.type !== 'DoctorAssigned') return;
    const { doctorId, name } = event.data as { doctorId?: unknown; name?: unknown };
    if (typeof doctorId === 'string' && typeof name === 'string' && name !== '')
      this.doctorNames.set(doctorId, name);
  }

  /** Takes in the figures saved beside the store, if they belong to its log. */
  private async restore(): Promise<boolean> {
    const { figures, why } = await this.file.load(this.store);
    if (!figures) {
      if (this.file.path) this.logger.log(`building figures from the log (${why})`);
      return false;
    }
    this.figures.restore(figures);
    this.logger.log(
      `figures of ${figures.years.map((y) => y.year).join(', ') || 'no year'} restored, ${why}`,
    );
    return true;
  }

  /** Saves the kept figures when they moved since the last save (and never while warming). */
  private save(inBackground = false): void {
    if (!this.live) return;
    try {
      // Saved again when the log moved or another year became ready: asked before the books are
      // copied out, which is most of a save's time on the event loop.
      const what = `${this.model.position}|${this.figures.status().ready.join(',')}`;
      if (what === this.savedWhat) return;
      const saved = this.figures.save();
      if (!saved || saved.years.length === 0) return;
      if (!inBackground) {
        this.file.save(saved, this.lastHash);
        this.savedWhat = what;
        return;
      }
      void this.file.saveInBackground(saved, this.lastHash).then(
        (written) => {
          if (written) this.savedWhat = what;
        },
        (error: Error) => this.logger.warn(`figures not saved: ${error.message}`),
      );
    } catch (error) {
      this.logger.warn(`figures not saved: ${(error as Error).message}`);
    }
  }

  /**
   * Keeps the figures of the years most records fall in (a tenth of the busiest year's or more:
   * a year's own services, not the few old contracts it carries) and of the current year,
   * busiest first. Other years are kept when first asked for.
   */
  private keepBusyYears(): void {
    const thisYear = Number(chinaDay(systemClock().toISOString()).slice(0, 4));
    const years = busyYears(this.model.recordYears, thisYear);
    const started = Date.now();
    let last!: Promise<void>;
    for (const year of years) last = this.figures.keep(year);
    void last.then(() =>
      this.logger.log(`figures of ${years.join(', ')} kept after ${Date.now() - started} ms`),
    );
  }

  private announce(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      // The residents the batch changed go back into the books now, a batch's worth at a time.
      // Left to the next read, under a write load with no reader they piled up until the save
      // every 30 s added them all at once: 1.9 s with the event loop held, after 7,000 commands.
      this.figures.flush();
      this.events.publish(new FiguresChanged(this.model.position));
    }, LedgerProjection.BATCH_MS);
  }

  /**
   * Read-your-writes: waits (briefly) until the model has applied everything in the log now, so
   * a figure asked for right after a command includes it.
   */
  async catchUp(timeoutMs = 2000): Promise<void> {
    // Still reading the log after a restart: the saved figures answer, and waiting would not help.
    if (!this.live) return;
    const head = await this.store.headPosition();
    const deadline = Date.now() + timeoutMs;
    while (this.model.position < head && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
  }

  /**
   * The fund book once it has applied everything in the log now; undefined if it has not within
   * the wait, so money is never decided on a book that may miss a payment.
   */
  async caughtUpFunds(timeoutMs = 2000): Promise<FundBook | undefined> {
    const head = await this.store.headPosition();
    const deadline = Date.now() + timeoutMs;
    while (this.funds.position < head && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    return this.funds.position >= head ? this.funds : undefined;
  }

  /**
   * Events appended but not yet applied. Where positions are not dense (EventStoreDB) they are
   * counted, up to `cap`: /health stays cheap however far behind the projection is.
   */
  async lag(head?: number, cap = 1_000): Promise<number> {
    const at = head ?? (await this.store.headPosition());
    if (this.model.position >= at) return 0;
    if (this.store.countAfter) return this.store.countAfter(this.model.position, cap);
    return at - this.model.position;
  }

  /** The last drop of the log subscription, until it is live again (/health is degraded). */
  get feedDown(): Extract<SubscriptionStatus, { state: 'reconnecting' }> | null {
    return this.drop;
  }

  /** Logs every drop and retry, and the recovery once it is live again. */
  private followStatus(status: SubscriptionStatus): void {
    if (status.state === 'reconnecting') {
      this.drop = status;
      this.logger.warn(
        `log subscription lost (${status.reason}); attempt ${status.attempt} to resume after position ${status.checkpoint} in ${status.retryInMs} ms`,
      );
    } else if (status.state === 'live' && this.drop) {
      this.logger.log(
        `log subscription resumed after position ${this.drop.checkpoint} (down since ${this.drop.since}, ${this.drop.attempt} attempts)`,
      );
      this.drop = null;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.pending) clearTimeout(this.pending);
    if (this.saving) clearInterval(this.saving);
    await this.file.settled();
    this.save();
    await this.subscription?.stop();
  }
}
