import type { RecordedEvent } from '@libs/ledger';
import { HUANCUI_2024 } from '../catalog/huancui-2024.catalog';
import { LedgerModel } from '../model/ledger-model';
import { buildLedger, fx } from '../testing/ledger-fixture';
import { type PeriodResult, evaluatePeriod } from './evaluate-period';
import { lineage } from './lineage';
import { type Period, asOfInstant, periodOf } from './period';

const TODAY = '2025-06-30';
const rec = (day: string, command: Record<string, unknown>) => ({
  at: `${day}T02:00:00.000Z`,
  command,
});
const withRecord = (id: string, unitId: string, registeredOn: string) => ({
  ...fx.resident(id, '1950-03-01', unitId),
  healthRecord: 'electronic',
  healthRecordComplete: true,
  healthRecordOpenedOn: '2019-05-01',
  occurredAt: registeredOn,
});

/**
 * One person registered twice (重复建档), counted by hand for 2024. Every resident is 74 and
 * holds a complete electronic record:
 *   a1 centre c1, registered 2020-06-01, ID number hash H
 *   a2 centre c2, registered 2021-03-01, hash H: the same person, registered again (a checkup
 *      in 2024 is recorded under a2)
 *   b3 centre c1, registered 2020-06-01, hash K
 *   m4 centre c2, hash K, registered on 2020-01-01 by a migration the ledger learned of on
 *      2024-08-01: before then b3 is the only registration known; from then on m4 came first
 * Without the hashes: EHR coverage 4 / 4 in the district (c1 2 / 2, c2 2 / 2), in use 1 / 4.
 * With them: 2 / 2 (a1 and m4; c1 1 / 1, c2 1 / 1), in use 0 / 2: a2 and b3 are left out.
 * As of 2024-07-31 (m4 unknown): 2 / 2, a1 and b3, both in c1 (c2 0 / 0).
 */
const commands = [
  rec('2020-01-01', fx.district()),
  rec('2020-01-01', fx.centre('c1')),
  rec('2020-01-01', fx.centre('c2')),
  rec('2020-01-01', fx.team()),
  rec('2020-01-01', fx.doctor()),
  rec('2020-06-01', withRecord('a1', 'c1', '2020-06-01')),
  rec('2021-03-01', withRecord('a2', 'c2', '2021-03-01')),
  rec('2020-06-01', withRecord('b3', 'c1', '2020-06-01')),
  rec('2024-08-01', withRecord('m4', 'c2', '2020-01-01')),
  rec('2024-05-10', fx.checkup('a2', '2024-05-10')),
];
const HASHES: Record<string, string> = { a1: 'H', a2: 'H', b3: 'K', m4: 'K' };
const EHR = ['ehr_standardised_rate', 'ehr_standardised_coverage', 'ehr_dynamic_use'];

/** The registrations carry the hash of the ID number, as one given with an identity does. */
const withHashes = (events: RecordedEvent[]) =>
  events.map((e) =>
    e.type === 'ResidentRegistered' && HASHES[(e.data as { residentId: string }).residentId]
      ? {
          ...e,
          data: {
            ...e.data,
            personalData: {
              fields: ['idNumber'],
              idNumberHash: HASHES[(e.data as { residentId: string }).residentId],
            },
          },
        }
      : e,
  );

/** An identity event appended to a resident's stream on a day (ledger and occurred time). */
function identityEvent(
  events: RecordedEvent[],
  type: 'ResidentIdentityCorrected' | 'ResidentIdentityErased' | 'ResidentDied',
  residentId: string,
  day: string,
  idNumberHash?: string,
): RecordedEvent {
  const streamId = `resident-${residentId}`;
  const last = events.filter((e) => e.streamId === streamId).pop()!;
  const at = `${day}T02:00:00.000Z`;
  return {
    ...last,
    eventId: `${type}-${residentId}-${day}`,
    type,
    revision: last.revision + 1,
    position: Math.max(...events.map((e) => e.position)) + 1,
    recordedAt: at,
    occurredAt: at,
    data:
      type === 'ResidentDied'
        ? { residentId, occurredAt: at }
        : type === 'ResidentIdentityErased'
          ? { residentId, occurredAt: at, reason: 'asked by the resident' }
          : {
              residentId,
              occurredAt: at,
              personalData: idNumberHash
                ? { fields: ['idNumber'], idNumberHash }
                : { fields: ['name'] },
            },
  };
}

const modelOf = (events: RecordedEvent[]) => {
  const model = new LedgerModel();
  events.forEach((e) => model.apply(e));
  return model;
};

const NOW = periodOf(2024, null, TODAY);
const figure = (result: PeriodResult, unitId: string, indicatorId: string) => {
  const row = result.rows.find((r) => r.unitId === unitId && r.indicatorId === indicatorId)!;
  return [row.numerator, row.denominator];
};
const ehr = (model: LedgerModel, unitId: string, period: Period = NOW) => {
  const result = evaluatePeriod(model, HUANCUI_2024, period, TODAY);
  return EHR.map((id) => figure(result, unitId, id));
};

describe('a person registered twice counts once in the EHR indicators', () => {
  let plain: RecordedEvent[];
  let hashed: RecordedEvent[];
  beforeAll(async () => {
    ({ events: plain } = await buildLedger(commands));
    hashed = withHashes(plain);
  });

  it('counts every registration while no hash is known', () => {
    const model = modelOf(plain);
    expect(ehr(model, 'dist')).toEqual([
      [4, 4],
      [4, 4],
      [1, 4],
    ]);
  });

  it('counts the first registration of each person only, in numerators and denominators', () => {
    const model = modelOf(hashed);
    expect(ehr(model, 'dist')).toEqual([
      [2, 2],
      [2, 2],
      [0, 2],
    ]);
    expect(ehr(model, 'c1')).toEqual([
      [1, 1],
      [1, 1],
      [0, 1],
    ]);
    expect(ehr(model, 'c2')).toEqual([
      [1, 1],
      [1, 1],
      [0, 1],
    ]);
  });

  it('leaves every other indicator as it was: the services of a duplicate are real records', () => {
    const rows = (events: RecordedEvent[]) =>
      evaluatePeriod(modelOf(events), HUANCUI_2024, NOW, TODAY).rows.filter(
        (r) => !EHR.includes(r.indicatorId),
      );
    const before = rows(plain);
    expect(before.some((r) => r.numerator > 0)).toBe(true);
    expect(rows(hashed)).toEqual(before);
  });

  it('does not let a registration the ledger learned of after asOf shadow anyone before it', () => {
    const model = modelOf(hashed);
    const asOf = periodOf(2024, asOfInstant('2024-07-31'), '2024-07-31');
    // a1 and b3 count, a2 is a1's duplicate; m4 is not known yet.
    expect(ehr(model, 'c1', asOf)[1]).toEqual([2, 2]);
    expect(ehr(model, 'c2', asOf)[1]).toEqual([0, 0]);
  });

  it('counts both again once the hash of one is erased or corrected away, from that day on', () => {
    const erased = [...hashed, identityEvent(hashed, 'ResidentIdentityErased', 'a2', '2024-09-01')];
    expect(ehr(modelOf(erased), 'dist')[1]).toEqual([3, 3]);
    expect(ehr(modelOf(erased), 'c2')[1]).toEqual([2, 2]);
    // As of a day before the erasure a2 is still a1's duplicate.
    const before = periodOf(2024, asOfInstant('2024-08-31'), '2024-08-31');
    expect(ehr(modelOf(erased), 'dist', before)[1]).toEqual([2, 2]);

    const corrected = [
      ...hashed,
      identityEvent(hashed, 'ResidentIdentityCorrected', 'a1', '2024-09-01', 'H2'),
    ];
    expect(ehr(modelOf(corrected), 'dist')[1]).toEqual([3, 3]);
    // A correction of the name alone carries no hash: the ID number, and the duplicate, stay.
    const renamed = [
      ...hashed,
      identityEvent(hashed, 'ResidentIdentityCorrected', 'a1', '2024-09-01'),
    ];
    expect(ehr(modelOf(renamed), 'dist')[1]).toEqual([2, 2]);
    // Corrected onto K: a1 (2020-06-01) is now the same person as b3 and m4, m4 first.
    const onto = [
      ...hashed,
      identityEvent(hashed, 'ResidentIdentityCorrected', 'a1', '2024-09-01', 'K'),
    ];
    expect(ehr(modelOf(onto), 'dist')[1]).toEqual([2, 2]);
    expect(ehr(modelOf(onto), 'c1')[1]).toEqual([0, 0]);
  });

  it('counts the next registration once the first one dies', () => {
    const died = [...hashed, identityEvent(hashed, 'ResidentDied', 'a1', '2024-09-01')];
    // a1 is gone: a2 counts in c2 beside m4; b3 stays m4's duplicate.
    expect(ehr(modelOf(died), 'dist')[1]).toEqual([2, 2]);
    expect(ehr(modelOf(died), 'c1')[1]).toEqual([0, 0]);
    expect(ehr(modelOf(died), 'c2')[1]).toEqual([2, 2]);
  });

  it('shows the duplicate in the lineage as not counted, with the reason, outside the counts', () => {
    const model = modelOf(hashed);
    const page = lineage(
      model,
      HUANCUI_2024.indicators.find((d) => d.id === 'ehr_standardised_coverage')!,
      'dist',
      NOW,
      0,
      50,
    );
    expect([page.counted, page.notCounted]).toEqual([2, 0]);
    const a2 = page.entries.find((e) => e.residentId === 'a2')!;
    expect(a2).toMatchObject({
      counted: false,
      duplicateOf: 'a1',
      reason: { zh: '重复建档：与居民 a1 为同一人', en: 'duplicate registration of resident a1' },
    });
    expect(page.entries.find((e) => e.residentId === 'b3')).toMatchObject({ duplicateOf: 'm4' });
    expect(page.entries.filter((e) => e.counted).map((e) => e.residentId)).toEqual(['a1', 'm4']);
  });
});
