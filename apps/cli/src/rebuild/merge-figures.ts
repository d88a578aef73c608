import type { SavedBook, SavedFigures } from '@libs/indicators';

/** Books of disjoint residents added up, key by key. */
function addBooks(books: SavedBook[]): SavedBook {
  const sum = (lists: [string, number[]][][]) => {
    const out = new Map<string, number[]>();
    for (const list of lists)
      for (const [key, counts] of list) {
        const total = out.get(key);
        if (!total) out.set(key, [...counts]);
        else counts.forEach((n, i) => (total[i] += n));
      }
    return [...out];
  };
  return {
    units: sum(books.map((b) => b.units)),
    teams: sum(books.map((b) => b.teams)),
    doctors: sum(books.map((b) => b.doctors)),
  };
}

/**
 * The threads' saved figures as one: the same position, frame and years in each (every thread
 * read the whole log and kept the same years), and books that add up.
 */
export function mergeFigures(parts: SavedFigures[]): SavedFigures {
  const [first] = parts;
  for (const p of parts)
    if (p.position !== first.position || p.years.length !== first.years.length)
      throw new Error('the rebuild threads disagree on the log they read');
  return {
    position: first.position,
    frame: first.frame,
    years: first.years.map((y, i) => ({
      ...y,
      current: y.current.map((_, k) => addBooks(parts.map((p) => p.years[i].current[k]))),
      checkpoints: y.checkpoints.map((_, k) =>
        addBooks(parts.map((p) => p.years[i].checkpoints[k])),
      ),
    })),
  };
}
