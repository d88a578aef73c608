import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { LedgerProjection } from './ledger-projection.service';
import { type LiveDelta, type RatesView, liveDelta } from './live-delta';
import type { RatesQuery } from './rate-queries.service';
import { RatesViewQuery } from './queries/figure-queries';

const MAX_DELTAS = 1_000;

/**
 * What the live feed's subscribers share: one view per unit and log position, and one delta per
 * unit and pair of positions. A hundred dashboards on the district then cost one view and one
 * delta per change, not a hundred of each, and the event loop stays free for writes.
 */
@Injectable()
export class LiveViews {
  private readonly views = new Map<string, { position: number; view: Promise<RatesView> }>();
  private readonly deltas = new Map<string, LiveDelta | 'snapshot' | null>();

  constructor(
    private readonly figures: QueryBus,
    private readonly projection: LedgerProjection,
  ) {}

  view(q: RatesQuery, unitId: string): Promise<RatesView> {
    const key = `${q.year}|${unitId}`;
    const position = this.projection.model.position;
    const hit = this.views.get(key);
    if (hit?.position === position) return hit.view;
    const view = this.figures.execute<RatesViewQuery, RatesView>(new RatesViewQuery(q, unitId));
    this.views.set(key, { position, view });
    // A failed view is not kept: the next push asks again.
    view.catch(() => this.views.delete(key));
    return view;
  }

  delta(q: RatesQuery, unitId: string, shown: RatesView, next: RatesView) {
    const key = `${q.year}|${unitId}|${shown.position}|${next.position}`;
    if (this.deltas.has(key)) return this.deltas.get(key)!;
    if (this.deltas.size >= MAX_DELTAS) this.deltas.clear();
    const delta = liveDelta(shown, next);
    this.deltas.set(key, delta);
    return delta;
  }
}
