import { HUANCUI_2024 } from '../catalog/huancui-2024.catalog';
import type { LedgerModel } from '../model/ledger-model';
import { buildLedger, fx } from '../testing/ledger-fixture';
import { evaluatePeriod } from './evaluate-period';
import { lineage } from './lineage';
import { asOfInstant, periodOf } from './period';

const TODAY = '2025-06-30';
const HOUR = 3_600_000;
type Command = { at: string; command: Record<string, unknown>; sourceRecordedAt?: string };
/** Recorded at 18:00 China time on the day, unless said otherwise. */
const rec = (day: string, command: Record<string, unknown>, at = `${day}T10:00:00.000Z`) => ({
  at,
  command,
});
const edu = (unitId: string, kind: string, day: string, title = `${kind} ${day}`, at?: string) =>
  rec(
    day,
    {
      type: 'RecordHealthEducationActivity',
      unitId,
      doctorId: 'd1',
      kind,
      title,
      audience: 30,
      occurredAt: day,
    },
    at,
  );
const found = (
  unitId: string,
  recordId: string,
  diseaseClass: string,
  foundAt: string,
  reportedAfterMs: number | null,
) => {
  const reportedAt =
    reportedAfterMs === null
      ? undefined
      : new Date(Date.parse(foundAt) + reportedAfterMs).toISOString();
  return {
    at: new Date(Date.parse(foundAt) + 2 * 24 * HOUR).toISOString(),
    command: {
      type: 'RecordInfectiousDiseaseCase',
      unitId,
      recordId,
      doctorId: 'd1',
      disease: diseaseClass === 'A' ? '霍乱' : diseaseClass === 'B' ? '乙肝' : '手足口病',
      diseaseClass,
      occurredAt: foundAt,
      reportedAt,
    },
  };
};
const supervision = (unitId: string, kind: string, day: string) =>
  rec(day, {
    type: 'RecordHealthSupervisionReport',
    unitId,
    doctorId: 'd1',
    kind,
    occurredAt: day,
  });
const month = (m: number) => String(m).padStart(2, '0');

/**
 * Centre c1 and its station s1, counted by hand for 2024 (a centre's row is its own and its
 * station's together, as a centre's residents are):
 *
 * Lectures: c1 one a month except March (the 1 April one does not cover it), two in May,
 *   December's recorded only on 20 January: 11 of 12 months. s1 one every two months except
 *   March–April (Jan–Feb's on 29 February, the block's last day): 5 of 6. c1 row 16 / 18.
 * Consultations: c1 eight (one short of nine): 8 / 9; s1's one counts nowhere (no station minimum).
 * Boards: c1 two every two months except one in July–August: 11 / 12; s1 one each: 6 / 6. Row 17 / 18.
 * Printed material: c1 twelve handouts of eleven titles (one repeated): 11 / 12.
 * Videos: c1 six titles: 6 / 6.
 * Cases (c1): k1 C reported after 5 h; k2 B after 25 h (late); k3 B after exactly 24 h;
 *   k4 A after 2 h 1 min (late); k5 C not reported; k6 C migrated with its report an hour
 *   before it was found (kept, not reported). s1: k7 C after 3 h.
 *   Reported 5 / 7 (k1 k2 k3 k4 k7); in time 3 / 5 (k1 k3 k7).
 * Supervision: c1 two reports, s1 one: a count of 3.
 */
const commands: Command[] = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre()),
  rec('2020-01-01', fx.station()),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
];
for (let m = 1; m <= 12; m += 1) {
  if (m === 3) commands.push(edu('c1', 'lecture', '2024-04-01'));
  else if (m === 12) commands.push(edu('c1', 'lecture', '2024-12-15', 'l', '2025-01-20T02:00:00Z'));
  else if (m === 6) commands.push(edu('c1', 'lecture', '2024-06-10'));
  else commands.push(edu('c1', 'lecture', `2024-${month(m)}-12`));
  if (m % 2 === 1) {
    const last = m === 1 ? '2024-02-29' : m === 5 ? '2024-06-20' : `2024-${month(m + 1)}-05`;
    if (m !== 3) commands.push(edu('s1', 'lecture', last));
    commands.push(edu('s1', 'board_renewal', `2024-${month(m)}-08`));
    commands.push(edu('c1', 'board_renewal', `2024-${month(m)}-09`, 'front'));
    if (m !== 7) commands.push(edu('c1', 'board_renewal', `2024-${month(m + 1)}-09`, 'hall'));
  }
  if (m <= 8) commands.push(edu('c1', 'consultation', `2024-${month(m)}-20`));
  if (m <= 6) commands.push(edu('c1', 'video', `2024-${month(m)}-22`, `video ${m}`));
}
commands.push(edu('c1', 'lecture', '2024-05-28'));
commands.push(edu('s1', 'consultation', '2024-04-07'));
for (let k = 1; k <= 12; k += 1)
  commands.push(edu('c1', 'printed_material', `2024-${month(k)}-03`, `leaflet ${Math.min(k, 11)}`));
commands.push(
  found('c1', 'k1', 'C', '2024-03-01T01:00:00Z', 5 * HOUR),
  found('c1', 'k2', 'B', '2024-04-01T01:00:00Z', 25 * HOUR),
  found('c1', 'k3', 'B', '2024-05-01T01:00:00Z', 24 * HOUR),
  found('c1', 'k4', 'A', '2024-06-01T01:00:00Z', 2 * HOUR + 60_000),
  found('c1', 'k5', 'C', '2024-06-15T01:00:00Z', null),
  {
    ...found('c1', 'k6', 'C', '2024-07-01T05:00:00Z', -HOUR),
    sourceRecordedAt: '2024-07-02T00:00:00Z',
  },
  found('s1', 'k7', 'C', '2024-08-01T01:00:00Z', 3 * HOUR),
  supervision('c1', 'water_safety', '2024-05-20'),
  supervision('c1', 'school_health', '2024-09-03'),
  supervision('s1', 'illegal_practice', '2024-10-11'),
);

describe('unit-level services: activities against the plan’s minimums', () => {
  let model: LedgerModel;
  beforeAll(async () => ({ model } = await buildLedger(commands)));

  const figures = (unitId: string, period = periodOf(2024, null, TODAY)) => {
    const rows = evaluatePeriod(model, HUANCUI_2024, period, TODAY).rows.filter(
      (r) => r.unitId === unitId,
    );
    return (id: string) => {
      const row = rows.find((r) => r.indicatorId === id)!;
      return [row.numerator, row.denominator];
    };
  };

  it('counts the centre’s and the station’s own lectures against their periods', () => {
    expect(figures('s1')('edu_lectures')).toEqual([5, 6]);
    expect(figures('c1')('edu_lectures')).toEqual([16, 18]);
    expect(figures('dist')('edu_lectures')).toEqual([16, 18]);
  });

  it('counts consultations, boards and kinds up to the minimum only', () => {
    const c1 = figures('c1');
    expect(c1('edu_consultations')).toEqual([8, 9]);
    expect(figures('s1')('edu_consultations')).toEqual([0, 0]);
    expect(figures('s1')('edu_boards')).toEqual([6, 6]);
    expect(c1('edu_boards')).toEqual([17, 18]);
    expect(c1('edu_printed_kinds')).toEqual([11, 12]);
    expect(c1('edu_video_kinds')).toEqual([6, 6]);
  });

  it('counts cases reported, and reports in time by the class’s limit', () => {
    const c1 = figures('c1');
    expect(c1('idr_reporting_rate')).toEqual([5, 7]);
    expect(c1('idr_timeliness')).toEqual([3, 5]);
    expect(figures('s1')('idr_timeliness')).toEqual([1, 1]);
  });

  it('shows supervision reports as a count, with no rate and no target', () => {
    const row = evaluatePeriod(model, HUANCUI_2024, periodOf(2024, null, TODAY), TODAY).rows.find(
      (r) => r.unitId === 'c1' && r.indicatorId === 'hsa_reports',
    )!;
    expect([row.numerator, row.denominator, row.rate, row.status]).toEqual([
      3,
      0,
      null,
      'no_target',
    ]);
  });

  it('as of 31 December: December’s lecture was not yet recorded, so December is missed', () => {
    const asOf = periodOf(2024, asOfInstant('2024-12-31'), TODAY);
    expect(figures('c1', asOf)('edu_lectures')).toEqual([15, 18]);
  });

  it('as of 15 June: June counts for c1 (held on the 10th), the station’s May–June not yet due', () => {
    const asOf = periodOf(2024, asOfInstant('2024-06-15'), TODAY);
    // c1: January–June due, March missed (5 / 6); s1: January–February done, March–April missed (1 / 2).
    expect(figures('c1', asOf)('edu_lectures')).toEqual([6, 8]);
    expect(figures('s1', asOf)('edu_lectures')).toEqual([1, 2]);
  });

  it('as of 30 June: the station’s May–June has ended and was met', () => {
    const asOf = periodOf(2024, asOfInstant('2024-06-30'), TODAY);
    expect(figures('s1', asOf)('edu_lectures')).toEqual([2, 3]);
  });

  it('traces a figure to its slots: the missed month, the late report, the migrated one', () => {
    const def = (id: string) => HUANCUI_2024.indicators.find((d) => d.id === id)!;
    const period = periodOf(2024, null, TODAY);
    const lectures = lineage(model, def('edu_lectures'), 'c1', period, 0, 100);
    expect([lectures.counted, lectures.counted + lectures.notCounted]).toEqual([16, 18]);
    const march = lectures.entries.find((e) => e.unitId === 'c1' && e.slot?.startsWith('2024-03'))!;
    expect(march.counted).toBe(false);
    expect(march.reason).toEqual({ en: 'no lecture in 2024-03', zh: '2024-03 无健康知识讲座' });
    const may = lectures.entries.find((e) => e.unitId === 'c1' && e.slot?.startsWith('2024-05'))!;
    expect(may.evidence.length).toBe(2);
    const timely = lineage(model, def('idr_timeliness'), 'c1', period, 0, 100, 'not_counted');
    expect(timely.entries.map((e) => e.reason?.en)).toEqual([
      'reported 25 h 0 min after it was found (limit 24 h)',
      'reported 2 h 1 min after it was found (limit 2 h)',
    ]);
    const reported = lineage(model, def('idr_reporting_rate'), 'c1', period, 0, 100, 'not_counted');
    expect(reported.entries.map((e) => e.slot)).toEqual(['k5 手足口病 (C)', 'k6 手足口病 (C)']);
    expect(reported.entries[1].reason?.en).toMatch(/before it was found \(a migrated record\)/);
  });
});
