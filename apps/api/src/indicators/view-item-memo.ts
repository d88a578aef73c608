type Tallies = Map<string, { numerator: number; denominator: number }>;

const MAX_ITEMS = 50_000;

/**
 * The team and doctor items of rates views, kept while their tallies stay the same. A district's
 * view carries a thousand doctors' figures, and the live feed makes a view after every append
 * while one record changes one doctor: the others are handed back as the same objects, so no
 * new garbage is made for them and the delta sees them unchanged by reference.
 */
export class ViewItemMemo {
  private readonly items = new Map<string, { key: string; item: unknown }>();

  item<T>(slot: string, tallies: Tallies, make: () => T): T {
    let key = '';
    for (const [id, t] of tallies) key += `${id}:${t.numerator}/${t.denominator};`;
    const hit = this.items.get(slot);
    if (hit?.key === key) return hit.item as T;
    if (this.items.size >= MAX_ITEMS) this.items.clear();
    const item = make();
    this.items.set(slot, { key, item });
    return item;
  }
}
