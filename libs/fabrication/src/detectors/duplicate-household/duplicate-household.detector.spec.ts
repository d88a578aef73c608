import { EventLog } from '../../testing/events';
import { duplicateHouseholdDetector } from './duplicate-household.detector';

type Member = [birthDate: string, sex: 'male' | 'female'];

const FAMILY: Member[] = [
  ['1952-03-14', 'male'],
  ['1954-11-02', 'female'],
  ['1979-06-30', 'female'],
  ['2008-01-19', 'male'],
];

/** A household registered in a unit, one registration per member; returns their event ids. */
function household(
  log: EventLog,
  householdId: string,
  unitId: string,
  members: Member[],
  day = '2020-01-01',
): string[] {
  return members.map(([birthDate, sex], i) =>
    log.add(
      `resident-${householdId}-${i}`,
      'ResidentRegistered',
      { residentId: `${householdId}-${i}`, birthDate, sex, unitId, householdId, tags: [] },
      day,
    ),
  );
}

function district(): EventLog {
  const log = new EventLog();
  log.unit('d');
  log.unit('c1', 'd');
  log.unit('c2', 'd');
  return log;
}

const detect = (log: EventLog, period = 2024) =>
  duplicateHouseholdDetector.detect({ period, view: log.view() });

describe('duplicate-household (疑似重复建档)', () => {
  it('finds a family registered again in another centre, both served, with every matched registration as evidence', () => {
    const log = district();
    const original = household(log, 'h1', 'c1', FAMILY);
    const copy = household(log, 'h2', 'c2', FAMILY.slice(0, 3), '2023-04-01');
    log.checkup('h1-0', '2024-03-01');
    log.checkup('h2-1', '2024-05-01');
    const [alert, ...rest] = detect(log);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      detector: 'duplicate-household',
      subject: { kind: 'resident', id: 'h2-0' },
      score: 3,
      severity: 'medium',
      evidence: [...original.slice(0, 3), ...copy],
    });
    expect(alert.explanation.zh).toContain('家庭 h2（c2）与家庭 h1（c1）有 3 名成员');
    expect(alert.explanation.en).toContain(
      'household h2 (c2) and household h1 (c1) have 3 members',
    );
  });

  it('near miss: two members alike is what chance gives a district, and stays quiet', () => {
    const log = district();
    household(log, 'h1', 'c1', FAMILY);
    household(log, 'h2', 'c2', [...FAMILY.slice(0, 2), ['1990-01-01', 'male']]);
    log.checkup('h1-0', '2024-03-01');
    log.checkup('h2-0', '2024-03-02');
    expect(detect(log)).toEqual([]);
  });

  it('near miss: the same members in one centre, or a copy nobody serves, are not this alert', () => {
    const log = district();
    household(log, 'h1', 'c1', FAMILY);
    household(log, 'h2', 'c1', FAMILY);
    household(log, 'h3', 'c2', FAMILY);
    log.checkup('h1-0', '2024-03-01');
    log.checkup('h2-0', '2024-03-01');
    // h3 in the other centre is on the register but served by nobody in 2024.
    expect(detect(log)).toEqual([]);
  });

  it('near miss: a family whose members died before the period is not counted in it', () => {
    const log = district();
    household(log, 'h1', 'c1', FAMILY);
    household(log, 'h2', 'c2', FAMILY);
    log.checkup('h1-0', '2024-03-01');
    log.checkup('h2-3', '2024-03-01');
    for (const i of [0, 1])
      log.add(`resident-h2-${i}`, 'ResidentDied', { residentId: `h2-${i}` }, '2023-02-01');
    expect(detect(log)).toEqual([]);
  });
});
