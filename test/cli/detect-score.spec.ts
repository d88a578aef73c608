import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { reconcile, reconcileWith, reconciliationPeriods, submittedReportOf } from '@libs/audit';
import {
  LedgerModel,
  ResidentwiseEvaluation,
  catalogForPeriod,
  evaluatePeriod,
  periodOf,
} from '@libs/indicators';
import { type RecordedEvent, SqliteEventStore } from '@libs/ledger';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/**
 * The synthetic district with every fabrication pattern planted (`seed --inject`), and the
 * detectors scored against its ground truth (`detect-score`): each detector with planted cases
 * must reach 0.9 precision and recall.
 */
const RATES: Record<string, number> = {
  'after-death': 0.3,
  'after-move': 0.3,
  'follow-up-burst': 0.02,
  workload: 0.2,
  'copied-vitals': 0.4,
  'digit-preference': 0.2,
  backdating: 0.3,
  'sign-without-service': 0.3,
  'over-claim': 0.6,
  places: 0.6,
};
const INJECT = Object.entries(RATES).flatMap(([p, r]) => ['--inject', `${p}:${r}`]);
const SMALL_2024 = ['--scale', 'small', '--year', '2024', '--seed', '3'];

interface Planted {
  pattern: string;
  subject: { kind: string; id: string };
  period: number;
  commandIds: string[];
}
const readTruth = (file: string): Planted[] =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Planted);

describe('ledger seed --inject and detect-score', () => {
  const dir = tempDir('ledger-detect-score');
  const store = dir.file('planted.sqlite');
  const truth = `${store}.truth.jsonl`;
  afterAll(() => dir.remove());

  let seeded: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    seeded = await runCli(['seed', ...SMALL_2024, ...INJECT, '--store', `sqlite:${store}`]);
  }, 180_000);

  it('applies the planted district with no refusal and writes the truth beside the store', () => {
    expect(seeded.stderr).not.toMatch(/REFUSED/);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/被拒 0，/);
    expect(seeded.stdout).toContain(`已写入 ${truth}`);
    const cases = readTruth(truth);
    for (const pattern of Object.keys(RATES)) {
      const n = cases.filter((c) => c.pattern === pattern).length;
      expect([pattern, n >= 5]).toEqual([pattern, true]);
    }
    expect(new Set(cases.map((c) => c.period))).toEqual(new Set([2024]));
  });

  it('puts every planted record in the store', async () => {
    const log = new SqliteEventStore({ path: store });
    try {
      const commandIds = new Set((await log.readAll()).map((e) => e.commandId));
      const missing = readTruth(truth)
        .flatMap((c) => c.commandIds)
        .filter((id) => !commandIds.has(id));
      expect(missing).toEqual([]);
    } finally {
      await log.close();
    }
  });

  it('gives, resident by resident, the figures and reconciliation of the whole model', async () => {
    const log = new SqliteEventStore({ path: store });
    const events = await log.readAll().finally(() => log.close());
    const today = '2025-03-01';
    const whole = new LedgerModel();
    const frame = new LedgerModel();
    const byResident = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      whole.apply(e);
      if (!e.streamId.startsWith('resident-')) frame.apply(e);
      else byResident.set(e.streamId, [...(byResident.get(e.streamId) ?? []), e]);
    }
    // 2024's catalog sets signing against the year before: the relative target is exercised.
    const catalog = catalogForPeriod(2024)!;
    expect(catalog.indicators.some((d) => typeof d.target === 'object')).toBe(true);
    const periods = [
      { catalog, period: periodOf(2024, null, today) },
      { catalog, period: periodOf(2024, '2024-06-30T15:59:59.999Z', today) },
    ];
    const evaluation = new ResidentwiseEvaluation(periods, today);
    for (const stream of byResident.values()) {
      const one = new LedgerModel();
      stream.forEach((e) => one.apply(e));
      for (const r of one.residents.values()) evaluation.add(r);
    }
    const results = evaluation.results(frame);
    periods.forEach(({ period }, i) => {
      const expected = evaluatePeriod(whole, catalog, period, today).rows;
      expect(expected.some((r) => r.numerator > 0)).toBe(true);
      expect(results[i].rows).toEqual(expected);
    });

    const reports = events
      .map(submittedReportOf)
      .filter((r): r is NonNullable<typeof r> => r !== undefined && r.period === 2024);
    expect(reports.length).toBeGreaterThan(0);
    const needed = reconciliationPeriods(reports, today);
    const reportEvaluation = new ResidentwiseEvaluation(needed, today);
    for (const stream of byResident.values()) {
      const one = new LedgerModel();
      stream.forEach((e) => one.apply(e));
      for (const r of one.residents.values()) reportEvaluation.add(r);
    }
    const byKey = new Map(
      reportEvaluation.results(frame).map((result, i) => [needed[i].key, result]),
    );
    const lines = reconcileWith(byKey, reports, today);
    expect(lines.some((l) => l.overClaim)).toBe(true);
    expect(lines).toEqual(reconcile(whole, reports, today));
  }, 120_000);

  it('scores every detector at 0.9 precision and recall or better', async () => {
    const result = await runCli([
      'detect-score',
      '--period',
      '2024',
      '--truth',
      truth,
      '--json',
      '--store',
      `sqlite:${store}`,
    ]);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      pass: boolean;
      scores: { detector: string; planted: number; precision: number; recall: number }[];
    };
    const planted = report.scores.filter((s) => s.planted > 0);
    expect(planted.map((s) => s.detector).sort()).toEqual(Object.keys(RATES).sort());
    for (const s of planted) {
      expect([s.detector, s.precision >= 0.9, s.recall >= 0.9]).toEqual([s.detector, true, true]);
    }
    expect(report.pass).toBe(true);
    expect(result.code).toBe(0);
  }, 120_000);

  it('prints the table and fails when the truth names cases nobody finds', async () => {
    const table = await runCli([
      'detect-score',
      '--period',
      '2024',
      '--truth',
      truth,
      '--store',
      `sqlite:${store}`,
      '--lang',
      'en',
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/detector\s+planted\s+alerts\s+TP\s+FP\s+FN\s+precision\s+recall/);
    expect(table.stdout).toMatch(/^workload\s+\d+\s+\d+/m);

    const wrong = dir.file('wrong.truth.jsonl');
    writeFileSync(
      wrong,
      `${JSON.stringify({ pattern: 'workload', subject: { kind: 'doctor', id: 'nobody' }, period: 2024, commandIds: [] })}\n`,
    );
    const failed = await runCli([
      'detect-score',
      '--period',
      '2024',
      '--truth',
      wrong,
      '--store',
      `sqlite:${store}`,
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/低于 0\.9：workload/);
  }, 120_000);

  it('plants the same cases and commands for the same seed, and nothing without --inject', async () => {
    const a = dir.file('a.ndjson');
    const b = dir.file('b.ndjson');
    const plain = dir.file('plain.ndjson');
    const runs = await Promise.all([
      runCli(['seed', ...SMALL_2024, ...INJECT, '--emit', a]),
      runCli(['seed', ...SMALL_2024, ...INJECT, '--emit', b]),
      runCli(['seed', ...SMALL_2024, '--emit', plain]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    expect(readFileSync(`${b}.truth.jsonl`, 'utf8')).toBe(readFileSync(`${a}.truth.jsonl`, 'utf8'));
    expect(readFileSync(`${a}.truth.jsonl`, 'utf8')).toBe(readFileSync(truth, 'utf8'));
    expect(existsSync(`${plain}.truth.jsonl`)).toBe(false);
    expect(readFileSync(plain, 'utf8')).not.toBe(readFileSync(a, 'utf8'));
  }, 120_000);

  it('refuses an unknown pattern or rate clearly', async () => {
    const bad = await runCli(['seed', '--inject', 'teleport', '--emit', dir.file('x.ndjson')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown pattern "teleport"/);
    const rate = await runCli(['seed', '--inject', 'workload:2', '--emit', dir.file('y.ndjson')]);
    expect(rate.code).not.toBe(0);
    expect(rate.stderr).toMatch(/rate of workload must be a fraction/);
  });
});
