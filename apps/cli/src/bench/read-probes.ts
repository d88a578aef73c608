/** One read of the district, timed twice: the first call after the figures are kept, and again. */
export interface ReadProbe {
  name: string;
  path: string;
  /** Target in ms (same for both calls), with how the issue words it. */
  targetMs: number;
  targetText: string;
  firstMs: number;
  againMs: number;
  status: number;
  bytes: number;
}

export interface ReadFigures {
  /** The district's rates asked for at once, while the API was still building its kept figures. */
  beforeKept: { ms: number; status: number };
  /** From serving (caught up) until every kept year's figures were ready. */
  keptSeconds: number;
  /** Whether the year is kept at all (a store with few of its records is evaluated per request). */
  kept: boolean;
  probes: ReadProbe[];
}

const KEPT_TIMEOUT_MS = 10 * 60_000;

/** The past days whose rates are read, month-day of the year measured. */
const AS_OF_DAYS = ['06-15', '01-01', '04-01', '09-08'];

/** The reads a supervisor, an auditor and finance make first, against the running API. */
export async function readProbes(
  base: string,
  key: string,
  year: number,
  unitId: string,
): Promise<ReadFigures> {
  const get = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
    const bytes = (await response.arrayBuffer()).byteLength;
    return { ms: performance.now() - started, status: response.status, bytes };
  };
  const q = `period=${year}&unit=${encodeURIComponent(unitId)}`;
  const beforeKept = await get(`/api/v1/rates?${q}`);
  const started = performance.now();
  for (;;) {
    const health = (await (await fetch(`${base}/health`)).json()) as {
      figures?: { kept: number[]; ready: number[] };
    };
    const f = health.figures ?? { kept: [], ready: [] };
    // Every kept year ready (the year asked for, or none if the store holds too few of its
    // records): a build still running would take CPU from the reads and writes measured next.
    if (f.kept.length === f.ready.length) break;
    if (performance.now() - started > KEPT_TIMEOUT_MS)
      throw new Error(
        `the figures of ${year} were not kept within ${KEPT_TIMEOUT_MS / 60_000} min`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
  const keptSeconds = (performance.now() - started) / 1000;
  const kept =
    (
      (await (await fetch(`${base}/health`)).json()) as { figures?: { ready: number[] } }
    ).figures?.ready.includes(year) ?? false;
  const reads: Omit<ReadProbe, 'firstMs' | 'againMs' | 'status' | 'bytes'>[] = [
    { name: 'district rates', path: `/api/v1/rates?${q}`, targetMs: 200, targetText: '200 ms' },
    {
      name: "the district's 10-day progress",
      path: `/api/v1/progress?${q}`,
      targetMs: 1000,
      targetText: '1 s',
    },
    {
      name: 'a lineage page (50 residents)',
      path: `/api/v1/rates/signing_overall/lineage?${q}&page=0&pageSize=50`,
      targetMs: 200,
      targetText: '200 ms',
    },
    { name: 'the xlsx export', path: `/api/v1/export?${q}`, targetMs: 2000, targetText: '2 s' },
    // An auditor picks any day: one in mid-window, the year's first (the whole district was
    // registered on it when it went live), a quarter's first (every chronic patient owes one
    // more follow-up from it) and one late in a window. Each is a date not asked before.
    ...AS_OF_DAYS.map((day) => ({
      name: `rates as of a new past date (${year}-${day})`,
      path: `/api/v1/rates?${q}&asOf=${year}-${day}`,
      targetMs: 1000,
      targetText: '1 s',
    })),
    {
      name: 'funds table',
      path: `/api/v1/funds?year=${year}&unit=${encodeURIComponent(unitId)}`,
      targetMs: 200,
      targetText: '200 ms',
    },
    { name: 'alerts list', path: `/api/v1/alerts?${q}`, targetMs: 200, targetText: '200 ms' },
  ];
  const probes: ReadProbe[] = [];
  for (const read of reads) {
    const first = await get(read.path);
    const again = await get(read.path);
    probes.push({
      ...read,
      firstMs: first.ms,
      againMs: again.ms,
      status: again.status,
      bytes: again.bytes,
    });
  }
  return {
    beforeKept: { ms: beforeKept.ms, status: beforeKept.status },
    keptSeconds,
    kept,
    probes,
  };
}
