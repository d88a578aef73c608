import { SqliteEventStore, type RecordedEvent } from '@libs/ledger';
import { executeCommand } from '@libs/records';
import { LedgerModel } from '../model/ledger-model';

let counter = 0;

/**
 * Builds a real ledger (in-memory SQLite, the real deciders) from commands, each recorded at a
 * chosen ledger time, and returns its events and the model built from them.
 */
export async function buildLedger(
  commands: {
    at: string;
    command: Record<string, unknown>;
    /** A migrated command: the source system's recording time. */
    sourceRecordedAt?: string;
  }[],
) {
  let now = new Date('2000-01-01T00:00:00Z');
  const clock = () => now;
  const store = new SqliteEventStore({ path: ':memory:', clock });
  // Ledger time only moves forward, so commands are applied in recorded order (stable sort).
  const ordered = [...commands].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const { at, command, sourceRecordedAt } of ordered) {
    now = new Date(at);
    // A source time makes the command a migrated one, as an import of history sends it.
    await executeCommand(
      { commandId: `fx-${(counter += 1)}`, ...command },
      { store, clock, actor: 'fixture', ...(sourceRecordedAt ? { sourceRecordedAt } : {}) },
    );
  }
  const events: RecordedEvent[] = await store.readAll();
  await store.close();
  const model = new LedgerModel();
  events.forEach((e) => model.apply(e));
  return { events, model };
}

/** Command builders for fixtures: one small district with one centre and one doctor. */
export const fx = {
  district: () => ({
    type: 'RegisterOrgUnit',
    unitId: 'dist',
    name: '环翠区',
    kind: 'district',
    occurredAt: '2020-01-01',
  }),
  centre: (unitId = 'c1', parentId = 'dist') => ({
    type: 'RegisterOrgUnit',
    unitId,
    name: unitId,
    kind: 'community_centre',
    parentId,
    occurredAt: '2020-01-01',
  }),
  station: (unitId = 's1', parentId = 'c1') => ({
    type: 'RegisterOrgUnit',
    unitId,
    name: unitId,
    kind: 'station',
    parentId,
    occurredAt: '2020-01-01',
  }),
  team: (unitId = 't1', parentId = 'c1') => ({
    type: 'RegisterOrgUnit',
    unitId,
    name: unitId,
    kind: 'team',
    parentId,
    occurredAt: '2020-01-01',
  }),
  doctor: (doctorId = 'd1', unitId = 'c1', teamId: string | undefined = 't1') => ({
    type: 'RegisterDoctor',
    doctorId,
    unitId,
    teamId,
    occurredAt: '2020-01-01',
  }),
  resident: (residentId: string, birthDate: string, unitId = 'c1', tags: string[] = []) => ({
    type: 'RegisterResident',
    residentId,
    birthDate,
    sex: 'female',
    unitId,
    tags,
    occurredAt: '2020-01-01',
  }),
  contract: (
    residentId: string,
    contractId: string,
    start: string,
    end: string,
    household = false,
  ) => ({
    type: 'SignContract',
    residentId,
    contractId,
    doctorId: 'd1',
    teamId: 't1',
    start,
    end,
    household,
    occurredAt: start,
  }),
  checkup: (residentId: string, on: string, complete = true, recordId?: string) => ({
    type: 'RecordCheckup',
    residentId,
    recordId,
    doctorId: 'd1',
    kind: 'elderly_annual',
    complete,
    occurredAt: on,
  }),
  tcm: (residentId: string, on: string) => ({
    type: 'RecordTcmAssessment',
    residentId,
    doctorId: 'd1',
    constitution: 'balanced',
    occurredAt: on,
  }),
  enrol: (residentId: string, condition: string, on: string) => ({
    type: 'EnrollChronicCare',
    residentId,
    condition,
    occurredAt: on,
  }),
  followUp: (
    residentId: string,
    condition: string,
    on: string,
    v: Record<string, unknown>,
    mode = 'face_to_face_clinic',
  ) => ({
    type: 'RecordFollowUp',
    residentId,
    doctorId: 'd1',
    condition,
    mode,
    occurredAt: on,
    ...v,
  }),
  targets: (unitId: string, year: number, targets: Record<string, number>) => ({
    type: 'AssignTargets',
    unitId,
    year,
    targets: Object.entries(targets).map(([indicator, count]) => ({ indicator, count })),
    occurredAt: `${year}-01-02`,
  }),
};
