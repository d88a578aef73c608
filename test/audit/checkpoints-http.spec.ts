import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { CheckpointWriter } from '../../apps/api/src/audit/checkpoint-writer.service';
import { type RunningApi, startApi } from '../support/api-app';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

/** The API as a checkpoint writer: LEDGER_CHECKPOINT_DIR and LEDGER_CHECKPOINT_MINUTES. */
describe('periodic checkpoints written by the API', () => {
  const dir = tempDir('ledger-api-checkpoints');
  const store = dir.file('ledger.sqlite');
  const witness = dir.file('witness');
  let api: RunningApi;
  let n = 0;
  const register = (unitId: string) =>
    api.post('/api/v1/commands', {
      type: 'RegisterOrgUnit',
      commandId: `u-${(n += 1)}`,
      unitId,
      name: unitId,
      kind: 'district',
      occurredAt: '2020-01-01',
    });

  /** The writer reads its settings from the environment, like the rest of the API's. */
  async function startWith(env: Record<string, string>): Promise<RunningApi> {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return await startApi({ LEDGER_STORE: `sqlite:${store}` });
    } finally {
      for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    }
  }

  beforeAll(async () => {
    api = await startWith({ LEDGER_CHECKPOINT_DIR: witness, LEDGER_CHECKPOINT_MINUTES: '60' });
  });
  afterAll(async () => {
    await api?.close();
    dir.remove();
  });

  it('writes a checkpoint when the log grew, none when it did not, and verify --witness proves the log extends them', async () => {
    const writer = api.app.get(CheckpointWriter);
    await writer.tick();
    expect((await register('a')).status).toBe(201);
    const first = await writer.tick();
    expect(first).toMatch(/checkpoint-\d{12}-\d{8}T\d{6}Z\.json$/);
    expect(existsSync(first!)).toBe(true);
    expect(await writer.tick()).toBeUndefined();
    expect((await register('b')).status).toBe(201);
    const second = await writer.tick();
    expect(second).not.toBe(first);
    expect(readdirSync(witness).length).toBeGreaterThanOrEqual(2);

    const key = await api.get('/api/v1/ledger/public-key', null);
    const pem = dir.file('ledger-public.pem');
    writeFileSync(pem, key.body.pem);
    const result = await runCli([
      'verify',
      '--store',
      `sqlite:${store}`,
      '--witness',
      witness,
      '--public-key',
      pem,
      '--lang',
      'en',
    ]);
    expect(result.stdout).toMatch(/key pinned/);
    expect(result.stdout).not.toMatch(/NOT EXTENDED/);
    expect(result.code).toBe(0);
  });

  it('refuses to start with a period that is not a number of minutes', async () => {
    await expect(
      startWith({ LEDGER_CHECKPOINT_DIR: witness, LEDGER_CHECKPOINT_MINUTES: 'hourly' }),
    ).rejects.toThrow(/LEDGER_CHECKPOINT_MINUTES "hourly" must be a number of minutes/);
  });
});
