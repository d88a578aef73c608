import { assertNotLocked, lockDecision } from './lock-decision';
import type { LockExceptionFact, SealFact } from './lock-streams';

const seal = (unitId = 'district', year = 2023): SealFact => ({
  unitId,
  year,
  position: 42,
  sealedAt: '2024-01-20T02:00:00.000Z',
});
const exception = (over: Partial<LockExceptionFact> = {}): LockExceptionFact => ({
  exceptionId: 'x1',
  unitId: 'centre',
  year: 2023,
  reason: 'late paper forms',
  expiresAt: '2024-03-01T00:00:00.000Z',
  grantedBy: 'sup',
  grantedAt: '2024-02-01T00:00:00.000Z',
  ...over,
});
const NOW = '2024-02-15T00:00:00.000Z';
const ask = (over: Partial<Parameters<typeof lockDecision>[0]> = {}) =>
  lockDecision({
    days: ['2023-11-05'],
    chain: ['centre', 'district'],
    seals: [seal()],
    exceptions: [],
    now: NOW,
    ...over,
  });
const refusal = (verdict: ReturnType<typeof lockDecision>) => {
  try {
    assertNotLocked(verdict);
  } catch (error) {
    return error as {
      code: string;
      messageZh: string;
      messageEn: string;
      details: Record<string, unknown>;
    };
  }
  return undefined;
};

describe('lockDecision: a sealed year refuses records of its units', () => {
  it('refuses a day in a year sealed for an ancestor (PERIOD_LOCKED, zh + en)', () => {
    const error = refusal(ask());
    expect(error).toMatchObject({
      code: 'PERIOD_LOCKED',
      details: { year: 2023, day: '2023-11-05', sealedUnit: 'district', sealPosition: 42 },
    });
    expect(error!.messageZh).toContain('封存');
    expect(error!.messageEn).toContain('sealed');
  });

  it('refuses when the seal is on the unit itself', () => {
    expect(ask({ seals: [seal('centre')] }).locked).toBe(true);
  });

  it('near miss: the first day of the next year is open', () => {
    expect(ask({ days: ['2024-01-01'] })).toEqual({ locked: false, exceptions: [] });
  });

  it('near miss: the last instant of 2023 in China time is locked, the next is not', () => {
    expect(ask({ days: ['2023-12-31T15:59:59.999Z'] }).locked).toBe(true);
    expect(ask({ days: ['2023-12-31T16:00:00.000Z'] }).locked).toBe(false);
  });

  it('near miss: a seal of a unit outside the chain does not lock', () => {
    expect(ask({ seals: [seal('other-district')] }).locked).toBe(false);
  });

  it('refuses when any touched day is locked (a correction moving a record into or out of the year)', () => {
    expect(ask({ days: ['2024-02-15', '2023-11-05'] }).locked).toBe(true);
  });
});

describe('lockDecision: a lock exception lets records through until it expires', () => {
  it('allows a day covered by an unexpired exception on the unit, naming it', () => {
    expect(ask({ exceptions: [exception()] })).toEqual({
      locked: false,
      exceptions: [exception()],
    });
  });

  it('allows through an exception granted on an ancestor', () => {
    expect(ask({ exceptions: [exception({ unitId: 'district' })] }).locked).toBe(false);
  });

  it('refuses at the instant the exception expires', () => {
    expect(ask({ exceptions: [exception({ expiresAt: NOW })] }).locked).toBe(true);
  });

  it('near miss: allows one millisecond before expiry', () => {
    expect(ask({ exceptions: [exception({ expiresAt: '2024-02-15T00:00:00.001Z' })] }).locked).toBe(
      false,
    );
  });

  it('refuses with an exception for another year', () => {
    expect(ask({ exceptions: [exception({ year: 2022 })] }).locked).toBe(true);
  });

  it('refuses with an exception for a sibling unit', () => {
    expect(ask({ exceptions: [exception({ unitId: 'other-centre' })] }).locked).toBe(true);
  });
});
