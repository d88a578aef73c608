import { EventLog } from '../../testing/events';
import { duplicateRegistrationDetector } from './duplicate-registration.detector';

const HASH = `hmac-sha256:${'d'.repeat(64)}`;
const OTHER = `hmac-sha256:${'e'.repeat(64)}`;

/** A registration carrying the keyed hash of its ID number, as RegisterResident writes it. */
const register = (log: EventLog, residentId: string, hash: string | null, day = '2020-01-01') =>
  log.add(
    `resident-${residentId}`,
    'ResidentRegistered',
    {
      residentId,
      birthDate: '1950-01-01',
      sex: 'female',
      unitId: 'c1',
      householdId: null,
      tags: [],
      ...(hash ? { personalData: { fields: ['name', 'idNumber'], idNumberHash: hash } } : {}),
    },
    day,
  );
const detect = (log: EventLog, period = 2024) =>
  duplicateRegistrationDetector.detect({ period, view: log.view() });

describe('duplicate-registration (重复建档)', () => {
  it('raises one ID number registered as two residents, with both registrations as evidence', () => {
    const log = new EventLog();
    const first = register(log, 'r1', HASH);
    const second = register(log, 'r2', HASH, '2023-05-01');
    register(log, 'r3', OTHER);
    const [alert, ...rest] = detect(log);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      detector: 'duplicate-registration',
      subject: { kind: 'resident', id: 'r2' },
      score: 2,
      severity: 'medium',
      evidence: [first, second],
    });
    expect(alert.explanation.zh).toContain('重复建档');
  });

  it('near miss: a holder who died before the period is no duplicate in it', () => {
    const log = new EventLog();
    register(log, 'r1', HASH);
    register(log, 'r2', HASH);
    log.died('r1', '2023-06-01');
    expect(detect(log)).toEqual([]);
    expect(detect(log, 2023)).toHaveLength(1);
  });

  it('follows corrections and erasures: a number moved away or erased is no longer shared', () => {
    const log = new EventLog();
    register(log, 'r1', HASH);
    const r2 = register(log, 'r2', null);
    const fix = log.add(
      'resident-r2',
      'ResidentIdentityCorrected',
      { residentId: 'r2', personalData: { fields: ['idNumber'], idNumberHash: HASH } },
      '2024-02-01',
    );
    expect(detect(log)[0].evidence).toEqual([expect.any(String), r2, fix]);
    log.add(
      'resident-r1',
      'ResidentIdentityErased',
      { residentId: 'r1', reason: 'x' },
      '2024-03-01',
    );
    expect(detect(log)).toEqual([]);
  });

  it('near miss: registrations without an ID number never match', () => {
    const log = new EventLog();
    register(log, 'r1', null);
    register(log, 'r2', null);
    expect(detect(log)).toEqual([]);
  });
});
