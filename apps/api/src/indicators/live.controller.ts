import { Controller, Headers, Inject, Query, Sse, type MessageEvent } from '@nestjs/common';
import { EventBus, ofType } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { type Principal, authenticate, authorize } from '@libs/access';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@libs/ledger';
import { storeFactLookup } from '@libs/records';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { RateQueries } from './rate-queries.service';
import { ValidQuery } from '../http/valid-query';
import { PeriodQuery, parseRatesParams } from './rates-request';
import { unitForRequest } from './rates-scope';
import { AlertRaisedOnLedger, FiguresChanged } from './projection-events';
import type { RatesView } from './live-delta';
import { LiveViews } from './live-views.service';

/**
 * Server-Sent Events: the caller's figures now (event `rates`), then only what changed (event
 * `delta`: the rows, teams, doctors and pace entries that differ, and the keys gone), each with
 * the log position as its id. A reconnect whose Last-Event-ID is the current position gets
 * `ready` instead of the whole view again; any other gets the whole view.
 */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api/v1')
export class LiveController {
  constructor(
    private readonly events: EventBus,
    private readonly views: LiveViews,
    private readonly queries: RateQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Sse('live')
  @ApiOperation({ summary: 'Live figures for your scope (text/event-stream) / 实时指标推送' })
  async live(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(PeriodQuery)) params: PeriodQuery,
    @Headers('authorization') authorization: string,
    @Headers('last-event-id') lastEventId: string | undefined,
  ): Promise<Observable<MessageEvent>> {
    // PeriodQuery has no asOf: the live feed is always "now".
    const q = parseRatesParams(params, Number(this.queries.today().slice(0, 4)));
    const unitId = await unitForRequest(
      principal,
      q.unit,
      this.queries.tree(q),
      storeFactLookup(this.store),
      this.queries.today(),
    );
    return new Observable<MessageEvent>((subscriber) => {
      // The view the subscriber holds: the first push sends it whole, later ones what changed.
      let shown: RatesView | undefined;
      const push = async () => {
        // A key revoked while the stream is open gets nothing more: checked again before each push.
        const still = await authenticate(this.store, authorization).then(
          () => true,
          () => false,
        );
        if (!still) return subscriber.complete();
        const view = await this.views.view(q, unitId);
        const id = String(view.position);
        if (!shown) {
          shown = view;
          // A reconnect that saw this very position has this very view: no need to send it again.
          if (lastEventId === id)
            subscriber.next({ type: 'ready', id, data: { position: view.position } });
          else subscriber.next({ type: 'rates', id, data: view });
          return;
        }
        const delta = this.views.delta(q, unitId, shown, view);
        if (delta === null) return;
        shown = view;
        if (delta === 'snapshot') subscriber.next({ type: 'rates', id, data: view });
        else subscriber.next({ type: 'delta', id, data: delta });
      };
      const pushSafely = () => void push().catch((error: Error) => subscriber.error(error));
      // A new alert goes to those who may read alerts of its unit (supervisors in scope, auditors).
      const pushAlert = (event: RecordedEvent) =>
        void authorize(
          principal,
          { permission: 'audit:read', units: [String(event.data.unitId)], read: true },
          storeFactLookup(this.store),
          this.queries.today(),
        ).then(
          () => subscriber.next({ type: 'alert', data: event.data }),
          () => undefined,
        );
      pushSafely();
      const changes = this.events.pipe(ofType(FiguresChanged)).subscribe(pushSafely);
      const alerts = this.events
        .pipe(ofType(AlertRaisedOnLedger))
        .subscribe(({ event }) => pushAlert(event));
      return () => {
        changes.unsubscribe();
        alerts.unsubscribe();
      };
    });
  }
}
