import { ledgerCommandContext } from '@libs/commands';
import { SqliteEventStore } from '@libs/ledger';
import { executeCommand } from '@libs/records';

/**
 * A small district for 2023, recorded during 2023 with an injected clock: two centres, a doctor
 * each, three elderly residents each, and some annual checkups.
 */
export async function buildDistrict2023(path: string): Promise<void> {
  let now = new Date('2023-01-02T02:00:00Z');
  const store = new SqliteEventStore({ path, clock: () => now });
  let n = 0;
  const run = async (at: string, command: Record<string, unknown>) => {
    now = new Date(at);
    await executeCommand(
      { commandId: `c${(n += 1)}`, occurredAt: '2022-12-01', ...command },
      { store, clock: () => now, actor: 'recorder-1' },
    );
  };
  await run('2023-01-02T02:00:00Z', {
    type: 'RegisterOrgUnit',
    unitId: 'hc',
    name: '环翠区',
    kind: 'district',
  });
  for (const c of ['jy', 'zd']) {
    await run('2023-01-02T02:00:00Z', {
      type: 'RegisterOrgUnit',
      unitId: c,
      name: c === 'jy' ? '鲸园社区卫生服务中心' : '竹岛社区卫生服务中心',
      kind: 'community_centre',
      parentId: 'hc',
    });
    await run('2023-01-02T02:00:00Z', { type: 'RegisterDoctor', doctorId: `d-${c}`, unitId: c });
    for (let i = 0; i < 3; i += 1)
      await run('2023-01-02T02:00:00Z', {
        type: 'RegisterResident',
        residentId: `${c}${i}`,
        birthDate: '1950-01-01',
        sex: 'male',
        unitId: c,
      });
  }
  const checkup = (residentId: string, doctorId: string, day: string) =>
    run(`${day}T02:00:00Z`, {
      type: 'RecordCheckup',
      residentId,
      doctorId,
      kind: 'elderly_annual',
      complete: true,
      occurredAt: day,
    });
  await checkup('jy0', 'd-jy', '2023-03-01');
  await checkup('zd0', 'd-zd', '2023-04-11');
  await checkup('jy1', 'd-jy', '2023-05-20');
  await checkup('zd1', 'd-zd', '2023-06-02');
  await checkup('jy0', 'd-jy', '2023-09-01');
  await store.close();
}

/** A late checkup for 2023, recorded after the seal by another actor (recordedAt never goes backwards). */
export async function addLateRecord(path: string): Promise<void> {
  const now = new Date('2024-02-01T02:00:00Z');
  const store = new SqliteEventStore({ path, clock: () => now });
  await executeCommand(
    {
      type: 'RecordCheckup',
      commandId: 'late-1',
      residentId: 'zd2',
      doctorId: 'd-zd',
      kind: 'elderly_annual',
      complete: true,
      occurredAt: '2023-12-20',
    },
    { store, clock: () => now, actor: 'late-recorder' },
  );
  await store.close();
}

/**
 * Runs one command as the API and import do — every ledger command, with the period-lock guard —
 * at ledger time `at`. Throws the refusal when the command is refused.
 */
export async function recordWithLocks(
  path: string,
  at: string,
  actor: string,
  command: Record<string, unknown>,
): Promise<void> {
  const now = new Date(at);
  const clock = () => now;
  const store = new SqliteEventStore({ path, clock });
  try {
    await executeCommand(command, {
      store,
      clock,
      actor,
      ...ledgerCommandContext({ store, clock }),
    });
  } finally {
    await store.close();
  }
}
