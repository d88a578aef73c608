import { type GeneratedSeed, generateSeed } from '../generate-seed';
import { DEFAULT_RATES, INJECT_PATTERNS, parseInjection } from './patterns';

const ALL = INJECT_PATTERNS.map((pattern) => ({
  pattern,
  // Centre checkup days (decoys) take a quarter of the centres' doctors first: rates high enough
  // to leave every doctor pattern three cases or more.
  rate: pattern === 'copied-vitals' ? 0.4 : DEFAULT_RATES[pattern] * 3,
}));
const small = (inject = ALL, seed = 3) =>
  generateSeed({ scale: 'small', year: 2024, seed, inject });
const lines = (g: GeneratedSeed) => [...g.commands()].map((c) => c.json);
const times = (g: GeneratedSeed) => [...g.commands()].map((c) => c.recordedAt);

describe('parseInjection', () => {
  it('reads PATTERN and PATTERN:RATE, with documented defaults', () => {
    expect(parseInjection('workload')).toEqual({ pattern: 'workload', rate: 0.05 });
    expect(parseInjection('after-death:0.5')).toEqual({ pattern: 'after-death', rate: 0.5 });
    expect(parseInjection('over-claim:1')).toEqual({ pattern: 'over-claim', rate: 1 });
  });
  it('refuses unknown patterns and rates outside (0, 1]', () => {
    expect(() => parseInjection('benford-funds')).toThrow(/unknown pattern/);
    expect(() => parseInjection('workload:0')).toThrow(/fraction in \(0, 1\]/);
    expect(() => parseInjection('workload:1.5')).toThrow(/fraction/);
    expect(() => parseInjection('workload:abc')).toThrow(/fraction/);
    expect(() => parseInjection('workload:0.1:2')).toThrow(/unknown pattern/);
  });
});

describe('generateSeed with inject', () => {
  const planted = small();

  it('leaves a seed without injections exactly as it was', () => {
    const plain = generateSeed({ scale: 'small', year: 2024, seed: 3 });
    const empty = small([]);
    expect(plain.planted).toEqual([]);
    expect(lines(empty)).toEqual(lines(plain));
    expect(times(empty)).toEqual(times(plain));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = small();
    expect(again.planted).toEqual(planted.planted);
    expect(lines(again)).toEqual(lines(planted));
    expect(small(ALL, 4).planted).not.toEqual(planted.planted);
  });

  it('plants every pattern, each subject once, in recorded-time order within the cut-off', () => {
    const byPattern = new Map<string, number>();
    for (const c of planted.planted) byPattern.set(c.pattern, (byPattern.get(c.pattern) ?? 0) + 1);
    for (const p of INJECT_PATTERNS) expect([p, (byPattern.get(p) ?? 0) >= 3]).toEqual([p, true]);
    const subjects = planted.planted.map((c) => `${c.subject.kind}:${c.subject.id}`);
    expect(new Set(subjects).size).toBe(subjects.length);
    const t = times(planted);
    for (let i = 1; i < t.length; i += 1) expect(t[i] >= t[i - 1]).toBe(true);
    expect(t[t.length - 1]).toBeLessThanOrEqual(planted.capMs);
    expect(planted.total).toBe(t.length);
  });

  it('names subjects the way the detectors report them', () => {
    const kinds = new Map(planted.planted.map((c) => [c.pattern, c.subject.kind]));
    expect(Object.fromEntries(kinds)).toEqual({
      'after-death': 'resident',
      'after-move': 'resident',
      'follow-up-burst': 'resident',
      workload: 'doctor',
      'copied-vitals': 'doctor',
      'digit-preference': 'doctor',
      backdating: 'doctor',
      'sign-without-service': 'doctor',
      'over-claim': 'report',
      places: 'doctor',
    });
    for (const c of planted.planted) expect(c.period).toBe(2024);
  });

  it('writes every planted command, and records a service after death before the death itself', () => {
    const commands = [...planted.commands()].map((c) => ({
      t: c.recordedAt,
      c: JSON.parse(c.json) as { type: string; commandId: string; occurredAt: string },
    }));
    const at = new Map(commands.map((x, i) => [x.c.commandId, { ...x, i }]));
    for (const c of planted.planted)
      for (const id of c.commandIds) expect([id, at.has(id)]).toEqual([id, true]);
    for (const c of planted.planted.filter((x) => x.pattern === 'after-death')) {
      const [service, death] = c.commandIds.map((id) => at.get(id)!);
      expect(death.c.type).toBe('RecordResidentDeath');
      expect(service.c.occurredAt > death.c.occurredAt).toBe(true);
      expect(service.i).toBeLessThan(death.i);
    }
  });

  it('makes a workload day of at least 80 face-to-face services for the doctor', () => {
    const c = planted.planted.find((x) => x.pattern === 'workload' && !x.decoy && !x.subtle)!;
    const days = new Map<string, number>();
    for (const { json } of planted.commands()) {
      const x = JSON.parse(json) as { doctorId?: string; occurredAt: string; commandId: string };
      if (x.doctorId === c.subject.id && c.commandIds.includes(x.commandId))
        days.set(x.occurredAt, (days.get(x.occurredAt) ?? 0) + 1);
    }
    expect(Math.max(...days.values())).toBeGreaterThanOrEqual(80);
  });
});

describe('decoys and subtle variants', () => {
  const planted = small();
  const workload = planted.planted.filter((c) => c.pattern === 'workload');

  it('holds a centre checkup day: four or more doctors of one centre, 18 or more residents each', () => {
    const decoys = workload.filter((c) => c.decoy);
    expect(decoys.length).toBeGreaterThanOrEqual(4);
    for (const c of decoys) expect(c.commandIds.length).toBeGreaterThanOrEqual(18);
    const days = new Set(
      decoys.map((c) => {
        const first = [...planted.commands()].find((x) => x.json.includes(c.commandIds[0]))!;
        return (JSON.parse(first.json) as { occurredAt: string }).occurredAt;
      }),
    );
    expect(days.size).toBeLessThanOrEqual(Math.ceil(decoys.length / 4));
  });

  it('plants subtle workload: a campaign standout under capacity, and home visits', () => {
    const subtle = workload.filter((c) => c.subtle);
    expect(subtle.some((c) => /colleagues/.test(c.subtle!))).toBe(true);
    expect(subtle.some((c) => /home visits/.test(c.subtle!))).toBe(true);
    for (const c of subtle) expect(c.commandIds.length).toBeLessThan(60);
  });
});
