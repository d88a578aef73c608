import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { asOfInstant, periodOf } from '@libs/indicators/evaluate/period';
import { assertNotInFuture, chinaDay } from '@libs/records/rules/dates';
import { latestSeedYear } from '@libs/synthetic';
import { startApi, type RunningApi } from '../support/api-app';
import { chinaDayAt, chinaToday, chinaYear } from '../support/china-day';
import { shiftClock } from '../support/shifted-clock';

/**
 * The ledger counts days in China time (UTC+8), while the UTC date lags a day from 16:00 to
 * 24:00 UTC. These run the day logic at the instants where the two part, whatever the real
 * clock says, so the ordinary suite covers what `npm run test:clock` checks spec by spec.
 */
const INSTANTS = [
  // [instant, its UTC date, its China day]
  ['2026-06-30T15:59:00Z', '2026-06-30', '2026-06-30'], // last minute where both agree
  ['2026-06-30T16:01:00Z', '2026-06-30', '2026-07-01'], // 00:01 in China: a new day and quarter
  ['2026-06-30T23:59:00Z', '2026-06-30', '2026-07-01'], // last minute where they differ
  ['2026-12-31T16:01:00Z', '2026-12-31', '2027-01-01'], // 00:01 in China on New Year's Day
] as const;

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const refusalCode = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('China days at the instants where the UTC date differs', () => {
  describe.each(INSTANTS)('at %s', (instant, utcDate, day) => {
    const ms = Date.parse(instant);

    it(`is ${day} in China (UTC date ${utcDate})`, () => {
      expect(new Date(ms).toISOString().slice(0, 10)).toBe(utcDate);
      expect(chinaDay(instant)).toBe(day);
      expect(chinaDayAt(ms)).toBe(day);
    });

    it('accepts a record dated that China day and refuses the next day as future', () => {
      expect(refusalCode(() => assertNotInFuture(day, instant))).toBeUndefined();
      expect(refusalCode(() => assertNotInFuture(nextDay(day), instant))).toBe(
        'OCCURRED_IN_FUTURE',
      );
    });

    it('takes a progress check as of that instant on the China day, in the China year', () => {
      const year = Number(day.slice(0, 4));
      expect(periodOf(year, instant, day)).toMatchObject({ day, start: `${year}-01-01` });
      // "As of <day>" means by the end of that China day, so it includes the instant.
      expect(asOfInstant(day) >= new Date(ms).toISOString()).toBe(true);
      expect(asOfInstant(utcDate) >= new Date(ms).toISOString()).toBe(utcDate === day);
    });

    it('never seeds a year whose late entries (to 31 January, China time) are still open', () => {
      expect(latestSeedYear(new Date(ms))).toBe(2025);
    });
  });

  it('opens a year for seeding at 00:00 on 31 January China time, not at the UTC midnight', () => {
    expect(latestSeedYear(new Date('2027-01-30T15:59:59Z'))).toBe(2025);
    expect(latestSeedYear(new Date('2027-01-30T16:00:00Z'))).toBe(2026);
  });
});

describe('the ledger over HTTP with its clock at those instants', () => {
  describe.each(INSTANTS)('at %s', (instant, _utcDate, day) => {
    let api: RunningApi;
    let restore: () => void;
    let n = 0;
    const send = (type: string, fields: Record<string, unknown>) =>
      api.post('/api/v1/commands', {
        type,
        commandId: `cd-${(n += 1)}`,
        occurredAt: '2020-01-01',
        ...fields,
      });

    beforeAll(async () => {
      restore = shiftClock(instant);
      api = await startApi();
      for (const [type, fields] of [
        ['RegisterOrgUnit', { unitId: 'hc', name: '环翠区', kind: 'district' }],
        ['RegisterDoctor', { doctorId: 'd-1', unitId: 'hc' }],
        [
          'RegisterResident',
          { residentId: 'r-1', birthDate: '1950-01-01', sex: 'male', unitId: 'hc' },
        ],
      ] as const) {
        const r = await send(type, fields);
        if (r.status >= 300) throw new Error(JSON.stringify(r.body));
      }
    });
    afterAll(async () => {
      await api?.close();
      restore?.();
    });

    it(`reads ${day} as today in the test and in the ledger`, () => {
      expect(chinaToday()).toBe(day);
      expect(chinaYear()).toBe(Number(day.slice(0, 4)));
    });

    it('accepts a checkup dated today in China and refuses one dated tomorrow', async () => {
      const today = await send('RecordCheckup', {
        residentId: 'r-1',
        doctorId: 'd-1',
        kind: 'elderly_annual',
        complete: true,
        occurredAt: day,
      });
      expect(today.status).toBe(201);
      // Stamped by the ledger's own clock, which the shift moved too.
      const [stamped] = (await api.store.readAll()).slice(-1);
      expect(Math.abs(Date.parse(stamped.recordedAt) - Date.parse(instant))).toBeLessThan(60_000);
      const tomorrow = await send('RecordCheckup', {
        residentId: 'r-1',
        doctorId: 'd-1',
        kind: 'other',
        complete: true,
        occurredAt: nextDay(day),
      });
      expect(tomorrow.body.error).toBe('OCCURRED_IN_FUTURE');
    });

    it('accepts a home visit dated today for a sample drawn today (the sampling spec at night)', async () => {
      const drawn = await api.post('/api/v1/samples', {
        sampleId: 's-1',
        indicator: 'elderly_health_management',
        unitId: 'hc',
        period: Number(day.slice(0, 4)),
        size: 1,
        seed: 'clock',
      });
      expect(drawn.status).toBe(201);
      expect(drawn.body.sample.residents).toHaveLength(1);
      const visit = await send('RecordVerificationVisit', {
        sampleId: 's-1',
        residentId: 'r-1',
        result: 'confirmed',
        occurredAt: day,
      });
      expect(visit.status).toBe(201);
    });
  });
});

describe('the shifted test clock (test/support/shifted-clock.js)', () => {
  it('starts at the chosen instant and keeps ticking, leaving other Date calls alone', async () => {
    const before = Date.now();
    const restore = shiftClock('2026-06-30T16:01:00Z');
    try {
      const first = Date.now();
      expect(Math.abs(first - Date.parse('2026-06-30T16:01:00Z'))).toBeLessThan(5_000);
      expect(Math.abs(new Date().getTime() - first)).toBeLessThan(5_000);
      await new Promise((r) => setTimeout(r, 20));
      expect(Date.now()).toBeGreaterThan(first);
      expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
      expect(Date.UTC(2024, 0, 1)).toBe(Date.parse('2024-01-01T00:00:00Z'));
      expect(new Date()).toBeInstanceOf(Date);
    } finally {
      restore();
    }
    expect(Math.abs(Date.now() - before)).toBeLessThan(5_000);
  });

  it("gives a child spawned with the test's environment the test's clock (as runCli does)", () => {
    // Under npm run test:clock both read the shifted time; otherwise both read the real one.
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], {
      encoding: 'utf8',
      env: { ...process.env },
    });
    expect(Math.abs(Number(child.stdout) - Date.now())).toBeLessThan(10_000);
  });

  it('carries the same clock into a child process through LEDGER_TEST_NOW', () => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        LEDGER_TEST_NOW: '2026-12-31T16:01:00Z',
        LEDGER_TEST_CLOCK_FOR: '',
        NODE_OPTIONS: `--require ${JSON.stringify(join(__dirname, '..', 'support', 'shifted-clock.js'))}`,
      },
    });
    expect(child.stderr).toBe('');
    expect(Math.abs(Number(child.stdout) - Date.parse('2026-12-31T16:01:00Z'))).toBeLessThan(
      10_000,
    );
  });
});
