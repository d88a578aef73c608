import { EventLog } from '../../testing/events';
import { fundPreDisbursementDetector } from './fund-pre-disbursement.detector';

const run = (log: EventLog) =>
  fundPreDisbursementDetector.detect({ period: 2024, view: log.view() });

function town() {
  const log = new EventLog();
  log.unit('dist');
  log.unit('c1', 'dist');
  log.add(
    'orgunit-v1',
    'OrgUnitRegistered',
    { unitId: 'v1', name: 'v1', kind: 'village_clinic', parentId: 'c1' },
    '2020-01-01',
  );
  log.add(
    'orgunit-c2',
    'OrgUnitRegistered',
    { unitId: 'c2', name: 'c2', kind: 'community_centre', parentId: 'dist' },
    '2020-01-01',
  );
  log.add(
    'funds-c1-2024',
    'FundsAllocated',
    { year: 2024, unitId: 'c1', sourceLevel: 'district', amountFen: 1_000_000 },
    '2024-02-01',
  );
  const pay = (to: string, kind: string, amountFen: number, day: string, year = 2024) =>
    log.add(
      'funds-c1-2024',
      'FundsDisbursed',
      { year, fromUnitId: 'c1', toUnitId: to, kind, amountFen, basis: { note: 'x' } },
      day,
    );
  return { log, pay };
}

describe('fund-pre-disbursement', () => {
  it('flags a clinic pre-disbursed more than 70% of its share', () => {
    const { log, pay } = town();
    const pre = pay('v1', 'pre_disbursement', 70_001, '2024-02-20');
    pay('v1', 'settlement', 29_999, '2024-12-20');
    expect(run(log)).toEqual([
      expect.objectContaining({
        detector: 'fund-pre-disbursement',
        subject: { kind: 'unit', id: 'v1' },
        severity: 'medium',
        evidence: [pre],
      }),
    ]);
  });

  it('near miss: exactly 70%, a centre as payee, another year', () => {
    const { log, pay } = town();
    pay('v1', 'pre_disbursement', 70_000, '2024-02-20');
    pay('v1', 'settlement', 30_000, '2024-12-20');
    pay('c2', 'pre_disbursement', 100_000, '2024-02-20');
    pay('v1', 'pre_disbursement', 100_000, '2023-02-20', 2023);
    expect(run(log)).toEqual([]);
  });

  it('flags a pre-disbursement later than one month after the centre received the funds (near miss: on the day)', () => {
    const { log, pay } = town();
    pay('v1', 'pre_disbursement', 70_000, '2024-03-01');
    const late = pay('v1', 'pre_disbursement', 1, '2024-03-02');
    pay('v1', 'settlement', 40_000, '2024-12-20');
    expect(run(log)).toEqual([
      expect.objectContaining({
        subject: { kind: 'unit', id: 'v1' },
        score: 1,
        severity: 'medium',
        evidence: [late],
      }),
    ]);
  });
});
