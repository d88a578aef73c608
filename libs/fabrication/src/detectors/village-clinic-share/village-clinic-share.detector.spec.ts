import { EventLog } from '../../testing/events';
import { villageClinicShareDetector } from './village-clinic-share.detector';

const run = (log: EventLog, params = {}) =>
  villageClinicShareDetector.detect({ period: 2024, view: log.view() }, params);

function town(clinicRecords: number, centreRecords: number, paidFen: number, people = 10) {
  const log = new EventLog();
  log.unit('dist');
  log.unit('c1', 'dist');
  log.add(
    'orgunit-v1',
    'OrgUnitRegistered',
    { unitId: 'v1', name: 'v1', kind: 'village_clinic', parentId: 'c1' },
    '2020-01-01',
  );
  for (let i = 0; i < people; i++) log.resident(`v${i}`, 'v1');
  log.resident('c0', 'c1');
  for (let i = 0; i < clinicRecords; i++) log.checkup(`v${i % people}`, '2024-03-05');
  for (let i = 0; i < centreRecords; i++) log.checkup('c0', '2024-03-05');
  const paid = log.add(
    'funds-c1-2024',
    'FundsDisbursed',
    {
      year: 2024,
      fromUnitId: 'c1',
      toUnitId: 'v1',
      kind: 'settlement',
      amountFen: paidFen,
      basis: { note: 'x' },
    },
    '2024-12-20',
  );
  return { log, paid };
}

describe('village-clinic-share', () => {
  it('flags a centre whose clinics carry less than 40% of the services', () => {
    const { log, paid } = town(39, 61, 34_000);
    expect(run(log)).toEqual([
      expect.objectContaining({
        detector: 'village-clinic-share',
        subject: { kind: 'unit', id: 'c1' },
        score: 0.39,
        severity: 'medium',
        evidence: [paid],
      }),
    ]);
  });

  it('near miss: exactly 40%, or too few records to judge', () => {
    expect(run(town(40, 60, 34_000).log)).toEqual([]);
    expect(run(town(10, 39, 34_000).log)).toEqual([]);
  });

  it('flags a clinic receiving less than 34 yuan per capita (near miss: exactly 34)', () => {
    const { log, paid } = town(50, 50, 33_999);
    expect(run(log)).toEqual([
      expect.objectContaining({
        subject: { kind: 'unit', id: 'v1' },
        score: 34,
        severity: 'medium',
        evidence: [paid],
      }),
    ]);
    expect(run(town(50, 50, 34_000).log)).toEqual([]);
  });
});
