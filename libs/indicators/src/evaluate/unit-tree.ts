import { chinaDay } from '@libs/records';
import { knownBy } from '../model/event-ref';
import type { LedgerModel } from '../model/ledger-model';
import type { Period } from './period';

export interface UnitNode {
  unitId: string;
  name: string;
  kind: string;
  parentId: string | null;
}

/** The hierarchy as it was on the period's day, as known at asOf: renames and moves effective-dated. */
export class UnitTree {
  readonly nodes = new Map<string, UnitNode>();
  private readonly chains = new Map<string, string[]>();

  constructor(model: LedgerModel, period: Period) {
    const known = knownBy(period.asOf, period.asOfBasis);
    for (const u of model.units.values()) {
      const versions = u.versions
        .filter(known)
        .filter((v) => chinaDay(v.ref.occurredAt) <= period.day);
      if (versions.length === 0) continue;
      const closed = u.closures.filter(known).some((c) => chinaDay(c.ref.occurredAt) <= period.day);
      if (closed) continue;
      const v = versions[versions.length - 1].data;
      this.nodes.set(u.unitId, {
        unitId: u.unitId,
        name: v.name,
        kind: u.kind,
        parentId: v.parentId,
      });
    }
  }

  /** The unit and its ancestors, nearest first. */
  chain(unitId: string): string[] {
    const cached = this.chains.get(unitId);
    if (cached) return cached;
    const chain: string[] = [];
    for (
      let id: string | null = unitId;
      id && !chain.includes(id) && chain.length < 12;
      id = this.nodes.get(id)?.parentId ?? null
    )
      chain.push(id);
    this.chains.set(unitId, chain);
    return chain;
  }

  within(unitId: string, root: string): boolean {
    return this.chain(unitId).includes(root);
  }

  children(unitId: string | null): UnitNode[] {
    return [...this.nodes.values()].filter((n) => n.parentId === unitId);
  }
}
