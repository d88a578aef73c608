import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, verifyLog } from '@libs/ledger';
import { executeCommand } from '../commands/execute-command';
import { registerUnits } from '../testing/register-units';
import { syntheticIdNumber } from '../testing/id-numbers';
import { type IdentityVault, openIdentityVault } from './identity-vault';

const clock = () => new Date('2024-06-30T04:00:00.000Z');
const idNumber = syntheticIdNumber('1950-04-01', 'female');
const register = (over: Record<string, unknown> = {}) => ({
  type: 'RegisterResident',
  commandId: 'reg-r1',
  residentId: 'r1',
  birthDate: '1950-04-01',
  sex: 'female',
  unitId: 'c1',
  occurredAt: '2024-03-01',
  identity: { name: '王秀英', idNumber, phone: '13800000001', address: '鲸园路1号' },
  ...over,
});

describe('personal data through the command handler (real store and vault files)', () => {
  let dir: string;
  let path: string;
  let store: SqliteEventStore;
  let vault: IdentityVault;
  const ctx = () => ({ store, clock, actor: 'operator', vault });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-path-'));
    path = join(dir, 'ledger.sqlite');
    store = new SqliteEventStore({ path });
    vault = openIdentityVault({ kind: 'sqlite', path });
    await registerUnits(
      store,
      [
        ['d1', undefined],
        ['c1', 'd1'],
      ],
      clock,
    );
  });
  afterEach(() => {
    store.close();
    vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const vaultKeys = () => {
    const db = new Database(`${path}.vault.sqlite`, { readonly: true });
    const rows = db.prepare('SELECT resident_id FROM resident_keys').all();
    db.close();
    return rows;
  };

  it('writes the identity to the vault only: the log holds the keyed hash, no value', async () => {
    const result = await executeCommand(register(), ctx());
    expect(result.events).toHaveLength(1);
    expect(vault.read('r1')).toEqual({
      status: 'present',
      identity: { name: '王秀英', idNumber, phone: '13800000001', address: '鲸园路1号' },
    });
    const [event] = await store.readStream('resident-r1');
    expect(event.data.personalData).toEqual({
      fields: ['name', 'idNumber', 'phone', 'address'],
      idNumberHash: vault.matchKey(idNumber),
    });
    store.close();
    const log = readFileSync(path);
    for (const clear of ['王秀英', idNumber, '13800000001', '鲸园路1号'])
      expect(log.includes(Buffer.from(clear, 'utf8'))).toBe(false);
    store = new SqliteEventStore({ path });
    expect((await verifyLog(store)).intact).toBe(true);
  });

  it('a refused command leaves no vault row', async () => {
    const wrong = `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;
    await expect(
      executeCommand(register({ identity: { name: '王秀英', idNumber: wrong } }), ctx()),
    ).rejects.toMatchObject({ code: 'ID_NUMBER_INVALID' });
    await expect(
      executeCommand(register({ unitId: 'nowhere', commandId: 'reg-2' }), ctx()),
    ).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
    expect(vault.read('r1')).toEqual({ status: 'absent' });
    expect(vaultKeys()).toEqual([]);
  });

  it('a repeat answers as a duplicate and completes a vault write lost after the append', async () => {
    const brokenVault = Object.create(vault) as IdentityVault;
    brokenVault.record = () => {
      throw new Error('disk gone');
    };
    await expect(executeCommand(register(), { ...ctx(), vault: brokenVault })).rejects.toThrow(
      'disk gone',
    );
    expect(vault.read('r1')).toEqual({ status: 'absent' });
    const again = await executeCommand(register(), ctx());
    expect(again.duplicate).toBe(true);
    expect(vault.read('r1')).toMatchObject({ status: 'present' });
  });

  it('refuses identity where no vault is wired in, appending nothing', async () => {
    await expect(
      executeCommand(register(), { store, clock, actor: 'operator' }),
    ).rejects.toMatchObject({ code: 'PERSONAL_DATA_VAULT_UNAVAILABLE' });
    expect(await store.readStream('resident-r1')).toEqual([]);
  });

  it('the fingerprint in the log is keyed: another identity under the same commandId is refused', async () => {
    await executeCommand(register(), ctx());
    await expect(
      executeCommand(register({ identity: { name: '王秀兰', idNumber } }), ctx()),
    ).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED' });
  });

  it('a correction merges into the vault; the log notes only the fields', async () => {
    await executeCommand(register(), ctx());
    const result = await executeCommand(
      {
        type: 'CorrectResidentIdentity',
        commandId: 'fix-r1',
        residentId: 'r1',
        identity: { phone: '13800000002' },
        reason: '电话变更',
        occurredAt: '2024-04-01',
      },
      ctx(),
    );
    expect(result.events.map((e) => e.type)).toEqual(['ResidentIdentityCorrected']);
    expect(vault.read('r1')).toEqual({
      status: 'present',
      identity: { name: '王秀英', idNumber, phone: '13800000002', address: '鲸园路1号' },
    });
    const events = await store.readStream('resident-r1');
    expect(events[1].data.personalData).toEqual({ fields: ['phone'] });
  });

  it('an erasure appends its event, then deletes the data key; the chain stays intact', async () => {
    await executeCommand(register(), ctx());
    await executeCommand(
      register({ commandId: 'reg-r2', residentId: 'r2', identity: { name: '李建国' } }),
      ctx(),
    );
    const erase = {
      type: 'EraseResidentIdentity',
      commandId: 'erase-r1',
      residentId: 'r1',
      reason: '本人申请',
      occurredAt: '2024-05-01',
    };
    const result = await executeCommand(erase, ctx());
    expect(result.events.map((e) => e.type)).toEqual(['ResidentIdentityErased']);
    expect(vault.read('r1')).toEqual({ status: 'erased' });
    expect(vault.read('r2')).toMatchObject({ status: 'present' });
    expect(vaultKeys()).toEqual([{ resident_id: 'r2' }]);
    expect((await executeCommand(erase, ctx())).duplicate).toBe(true);
    expect((await verifyLog(store)).intact).toBe(true);
  });

  it('refuses an erasure where no vault is wired in, appending nothing', async () => {
    await executeCommand(register(), ctx());
    await expect(
      executeCommand(
        {
          type: 'EraseResidentIdentity',
          commandId: 'e',
          residentId: 'r1',
          reason: 'x',
          occurredAt: '2024-05-01',
        },
        { store, clock, actor: 'operator' },
      ),
    ).rejects.toMatchObject({ code: 'PERSONAL_DATA_VAULT_UNAVAILABLE' });
    expect(await store.readStream('resident-r1')).toHaveLength(1);
  });

  it('refuses a second registration of one ID number; once the first is erased it is no clash', async () => {
    await executeCommand(register(), ctx());
    const lower = `${idNumber.slice(0, 17)}${idNumber[17].toLowerCase()}`;
    const again = register({
      commandId: 'reg-again',
      residentId: 'r9',
      identity: { idNumber: lower },
    });
    await expect(executeCommand(again, ctx())).rejects.toMatchObject({
      code: 'DUPLICATE_ID_NUMBER',
      details: { existingResidentIds: ['r1'] },
    });
    expect(vault.holdersOf(vault.matchKey(idNumber))).toEqual(['r1']);
    await executeCommand(
      {
        type: 'EraseResidentIdentity',
        commandId: 'erase-r1',
        residentId: 'r1',
        reason: '本人申请',
        occurredAt: '2024-05-01',
      },
      ctx(),
    );
    expect(vault.holdersOf(vault.matchKey(idNumber))).toEqual([]);
    expect((await executeCommand(again, ctx())).events).toHaveLength(1);
  });

  it('a migration keeps a second registration of one ID number', async () => {
    await executeCommand(register(), ctx());
    const migrated = await executeCommand(register({ commandId: 'reg-m', residentId: 'r9' }), {
      ...ctx(),
      sourceRecordedAt: '2024-03-01T08:00:00+08:00',
    });
    expect(migrated.events).toHaveLength(1);
    expect(vault.holdersOf(vault.matchKey(idNumber))).toEqual(['r1', 'r9']);
  });
});
