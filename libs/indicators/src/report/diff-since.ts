import { type IndicatorCatalog, isUnitIndicator } from '../catalog/indicator-definition';
import { type LineageEntry, lineage } from '../evaluate/lineage';
import type { Period } from '../evaluate/period';
import { type EventRef, knownAt } from '../model/event-ref';
import type { LedgerModel } from '../model/ledger-model';

export interface ResidentChange {
  residentId: string;
  contractId?: string;
  recordId?: string;
  change: 'now_counted' | 'no_longer_counted' | 'joined' | 'left';
  reasonThen?: { en: string; zh: string };
  reasonNow?: { en: string; zh: string };
  /** The resident's events recorded after the earlier view: what made the difference. */
  events: EventRef[];
}

export interface IndicatorChange {
  indicatorId: string;
  then: { numerator: number; denominator: number };
  now: { numerator: number; denominator: number };
  residents: ResidentChange[];
}

const keyOf = (e: LineageEntry) => `${e.residentId}|${e.contractId ?? e.recordId ?? ''}`;

/**
 * What changed in a unit's figures between an as-of view and now, resident by resident, with
 * the events recorded in between that explain each change.
 */
export function diffSince(
  model: LedgerModel,
  catalog: IndicatorCatalog,
  unitId: string,
  then: Period,
  now: Period,
): IndicatorChange[] {
  const changes: IndicatorChange[] = [];
  for (const def of catalog.indicators) {
    // Resident by resident: a unit-level figure changes by the unit's own records, which its
    // lineage lists with their recording times.
    if (isUnitIndicator(def)) continue;
    const all = (p: Period) => lineage(model, def, unitId, p, 0, Number.MAX_SAFE_INTEGER);
    const before = all(then);
    const after = all(now);
    const a = new Map(before.entries.map((e) => [keyOf(e), e]));
    const b = new Map(after.entries.map((e) => [keyOf(e), e]));
    const residents: ResidentChange[] = [];
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(key);
      const y = b.get(key);
      if (x && y && x.counted === y.counted) continue;
      const change = !x ? 'joined' : !y ? 'left' : y.counted ? 'now_counted' : 'no_longer_counted';
      const entry = (y ?? x)!;
      const resident = model.residents.get(entry.residentId!);
      const refs = resident
        ? residentRefs(resident).filter(
            (r) => then.asOf !== null && knownAt(r, then.asOfBasis) > then.asOf,
          )
        : [];
      residents.push({
        residentId: entry.residentId!,
        contractId: entry.contractId,
        recordId: entry.recordId,
        change,
        reasonThen: x?.reason,
        reasonNow: y?.reason,
        events: refs,
      });
    }
    const tally = (p: typeof before) => ({
      numerator: p.counted,
      denominator: p.counted + p.notCounted,
    });
    if (residents.length > 0)
      changes.push({ indicatorId: def.id, then: tally(before), now: tally(after), residents });
  }
  return changes;
}

function residentRefs(r: NonNullable<ReturnType<LedgerModel['residents']['get']>>): EventRef[] {
  const refs: EventRef[] = [];
  if (r.registered) refs.push(r.registered.ref);
  for (const list of [r.tagChanges, r.reassignments, r.movedOut, r.died])
    refs.push(...list.map((f) => f.ref));
  for (const rec of r.records.values())
    refs.push(
      rec.created.ref,
      ...[rec.corrections, rec.voids, rec.renewals, rec.terminations].flatMap((l) =>
        l.map((f) => f.ref),
      ),
    );
  return refs.sort((x, y) => x.position - y.position);
}
