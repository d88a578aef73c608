import { createHash } from 'node:crypto';
import { monthAgeDay, parseCommand, scheduledDose } from '@libs/records';
import { type GeneratedSeed, generateSeed, latestSeedYear, seedCapMs } from './generate-seed';
import { scaledRows } from './huancui-2024';

type Command = {
  type: string;
  commandId: string;
  occurredAt: string;
  residentId?: string;
  [k: string]: unknown;
};

const digest = (g: GeneratedSeed) => {
  const hash = createHash('sha256');
  for (const { recordedAt, json } of g.commands()) hash.update(`${recordedAt} ${json}\n`);
  return hash.digest('hex');
};
const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

describe('generateSeed (small, 2024, seed 7)', () => {
  const seed = generateSeed({ scale: 'small', year: 2024, seed: 7 });
  const timed = [...seed.commands()].map(({ recordedAt, json }) => ({
    recordedAt,
    c: JSON.parse(json) as Command,
  }));
  const byResident = new Map<string, { recordedAt: number; c: Command }[]>();
  for (const t of timed) {
    if (!t.c.residentId) continue;
    const list = byResident.get(t.c.residentId) ?? [];
    list.push(t);
    byResident.set(t.c.residentId, list);
  }
  const of = (type: string) => timed.filter((t) => t.c.type === type).map((t) => t.c);

  it('is deterministic: the same seed gives the same commands and times, another seed others', () => {
    expect(digest(generateSeed({ scale: 'small', year: 2024, seed: 7 }))).toBe(digest(seed));
    expect(digest(generateSeed({ scale: 'small', year: 2024, seed: 8 }))).not.toBe(digest(seed));
  });

  it('names every doctor (surname and given name), the same for the same seed, not for another', () => {
    const doctors = of('RegisterDoctor');
    expect(doctors.length).toBeGreaterThan(10);
    for (const d of doctors) expect(d.name).toMatch(/^\p{Script=Han}{2,3}$/u);
    expect(new Set(doctors.map((d) => d.name)).size).toBeGreaterThan(doctors.length / 4);
    const namesOf = (s: number) =>
      [...generateSeed({ scale: 'small', year: 2024, seed: s }).commands()]
        .map(({ json }) => JSON.parse(json) as Command)
        .filter((c) => c.type === 'RegisterDoctor')
        .map((c) => c.name);
    expect(namesOf(7)).toEqual(doctors.map((d) => d.name));
    expect(namesOf(8)).not.toEqual(doctors.map((d) => d.name));
  });

  it('registers each centre with the scaled population and exactly its 65+ count, 65+ all year', () => {
    const residents = of('RegisterResident');
    for (const row of scaledRows('small')) {
      const mine = residents.filter((c) => (c.residentId as string).startsWith(`hc-${row.code}-`));
      expect(mine).toHaveLength(row.population);
      expect(mine.filter((c) => (c.birthDate as string) <= '1959-01-01')).toHaveLength(row.elderly);
      // Nobody else turns 65 during the year, so the count holds on every day of it.
      expect(mine.filter((c) => (c.birthDate as string) <= '1959-12-31')).toHaveLength(row.elderly);
    }
  });

  it('assigns every centre its scaled targets for the year', () => {
    const sheets = of('AssignTargets');
    for (const row of scaledRows('small')) {
      const sheet = sheets.find((c) => c.unitId === `hc-${row.code}`)!;
      expect(sheet.year).toBe(2024);
      expect(sheet.targets).toContainEqual({
        indicator: 'hypertension_target',
        count: row.hypertension,
      });
      expect(sheet.targets).toContainEqual({ indicator: 'elderly_population', count: row.elderly });
    }
  });

  it('enrols about as many patients as the targets', () => {
    const enrolled = (condition: string) =>
      of('EnrollChronicCare').filter((c) => c.condition === condition).length;
    const rows = scaledRows('small');
    const target = (k: 'hypertension' | 'diabetes') => rows.reduce((n, r) => n + r[k], 0);
    expect(enrolled('hypertension') / target('hypertension')).toBeGreaterThan(0.95);
    expect(enrolled('hypertension') / target('hypertension')).toBeLessThan(1.06);
    expect(enrolled('diabetes') / target('diabetes')).toBeGreaterThan(0.95);
  });

  it('dates every follow-up after its enrolment and before any death or move-out', () => {
    let checked = 0;
    for (const list of byResident.values()) {
      const end = list.find(
        (t) => t.c.type === 'RecordResidentDeath' || t.c.type === 'RecordResidentMovedOut',
      )?.c.occurredAt;
      for (const { c } of list) {
        if (c.type !== 'RecordFollowUp') continue;
        const enrolment = list.find(
          (t) => t.c.type === 'EnrollChronicCare' && t.c.condition === c.condition,
        )!;
        expect(c.occurredAt > enrolment.c.occurredAt).toBe(true);
        if (end) expect(c.occurredAt < end).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('records no service dated after a death or move-out', () => {
    const services = new Set([
      'RecordFollowUp',
      'RecordCheckup',
      'RecordTcmAssessment',
      'SignContract',
      'RenewContract',
      'EnrollChronicCare',
    ]);
    for (const list of byResident.values()) {
      const end = list.find(
        (t) => t.c.type === 'RecordResidentDeath' || t.c.type === 'RecordResidentMovedOut',
      )?.c.occurredAt;
      if (end)
        for (const { c } of list) if (services.has(c.type)) expect(c.occurredAt < end).toBe(true);
    }
  });

  it('never records a command before it happened, in order, and by 31 January after the year', () => {
    let previous = 0;
    for (const { recordedAt, c } of timed) {
      expect(c.occurredAt.slice(0, 10) <= chinaDay(recordedAt)).toBe(true);
      expect(recordedAt).toBeGreaterThanOrEqual(previous);
      previous = recordedAt;
    }
    expect(previous).toBeLessThanOrEqual(seedCapMs(2024));
    expect(new Date(timed[0].recordedAt).toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('records each resident first, and each fix after the record it fixes', () => {
    for (const list of byResident.values()) {
      expect(list[0].c.type).toBe('RegisterResident');
      for (const { c, recordedAt } of list) {
        if (c.type !== 'CorrectRecord' && c.type !== 'VoidRecord') continue;
        const target = list.find((t) => t.c.recordId === c.recordId && t.c.type !== c.type)!;
        expect(target.recordedAt).toBeLessThan(recordedAt);
        expect((c.reason as string).length).toBeGreaterThan(0);
      }
    }
  });

  it('uses unique command ids, and every command passes the catalog validation', () => {
    expect(new Set(timed.map((t) => t.c.commandId)).size).toBe(timed.length);
    for (const { c } of timed) expect(() => parseCommand(c)).not.toThrow();
  });

  it('lands near the completion levels of the seeds (elderly checkups, TCM, control)', () => {
    const elderly = new Set(
      of('RegisterResident')
        .filter((c) => (c.birthDate as string) <= '1959-01-01')
        .map((c) => c.residentId),
    );
    const checked = new Set(
      of('RecordCheckup')
        .filter((c) => c.kind === 'elderly_annual' && c.complete)
        .map((c) => c.residentId),
    );
    const tcm = new Set(of('RecordTcmAssessment').map((c) => c.residentId));
    expect(checked.size / elderly.size).toBeGreaterThan(0.6);
    expect(checked.size / elderly.size).toBeLessThan(0.75);
    expect(tcm.size / elderly.size).toBeGreaterThan(0.72);
    expect(tcm.size / elderly.size).toBeLessThan(0.85);
    const last = new Map<string, Command>();
    for (const c of of('RecordFollowUp'))
      if (c.condition === 'hypertension' && !(c.recordId as string).endsWith('-dup'))
        last.set(c.residentId!, c);
    const controlled = [...last.values()].filter(
      (c) => (c.systolic as number) < 140 && (c.diastolic as number) < 90,
    ).length;
    expect(controlled / last.size).toBeGreaterThan(0.45);
    expect(controlled / last.size).toBeLessThan(0.6);
  });

  it('visits newborns after the discharge, most within 7 days, and checks children up to 6', () => {
    const born = of('RegisterResident').filter((c) => (c.birthDate as string) >= '2024-01-01');
    const visits = of('RecordNewbornVisit');
    const day = (d: unknown) => Date.parse(d as string) / 86_400_000;
    const after = visits.map((v) => day(v.occurredAt) - day(v.dischargedOn));
    expect(Math.min(...after)).toBeGreaterThanOrEqual(0);
    const inTime = after.filter((d) => d <= 7).length;
    expect(inTime / born.length).toBeGreaterThan(0.85);
    expect(inTime / born.length).toBeLessThan(1);
    const birthOf = new Map(of('RegisterResident').map((c) => [c.residentId!, c.birthDate]));
    const checkups = of('RecordChildCheckup');
    expect(checkups.length).toBeGreaterThan(0);
    for (const c of checkups) expect(birthOf.get(c.residentId!)! >= '2018-01-01').toBe(true);
  });

  it('vaccinates children at the schedule ages: a certificate nearly each, no dose too young', () => {
    const births = new Map(
      of('RegisterResident').map((c) => [c.residentId!, c.birthDate as string]),
    );
    const young = [...births].filter(([, b]) => b >= '2018-01-01').map(([id]) => id);
    const certified = new Set(of('IssueVaccinationCertificate').map((c) => c.residentId));
    expect(certified.size / young.length).toBeGreaterThan(0.95);
    const doses = of('RecordVaccineDose');
    for (const c of doses) {
      const row = scheduledDose(c.vaccine as string, c.dose as number)!;
      expect(c.occurredAt >= monthAgeDay(births.get(c.residentId!)!, row.minAgeMonths)).toBe(true);
    }
    const thisYear = doses.filter((c) => c.occurredAt >= '2024-01-01');
    const lacking = thisYear.filter((c) => !c.lotNumber || !c.site || !c.doctorId);
    expect(lacking.length / thisYear.length).toBeLessThan(0.03);
  });
});

describe('seed years', () => {
  it('allows only a year whose late entries are over', () => {
    expect(latestSeedYear(new Date('2025-01-30T00:00:00Z'))).toBe(2023);
    expect(latestSeedYear(new Date('2025-02-01T00:00:00Z'))).toBe(2024);
  });

  it('refuses an unknown scale, a year before the programme and a negative seed', () => {
    expect(() => generateSeed({ scale: 'huge' as never, year: 2024, seed: 1 })).toThrow(
      /unknown scale/,
    );
    expect(() => generateSeed({ scale: 'small', year: 2015, seed: 1 })).toThrow(/year/);
    expect(() => generateSeed({ scale: 'small', year: 2024, seed: -1 })).toThrow(/seed/);
  });
});
