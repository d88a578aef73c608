import { loadCheckpointConfig } from './checkpoint-config';

describe('LEDGER_CHECKPOINT_DIR / LEDGER_CHECKPOINT_MINUTES', () => {
  it('is off unless a folder is named', () => {
    expect(loadCheckpointConfig({})).toBeUndefined();
    expect(loadCheckpointConfig({ LEDGER_CHECKPOINT_DIR: '  ' })).toBeUndefined();
  });

  it('writes every 60 minutes by default, or every N minutes', () => {
    expect(loadCheckpointConfig({ LEDGER_CHECKPOINT_DIR: '/w' })).toEqual({
      dir: '/w',
      everyMinutes: 60,
    });
    expect(
      loadCheckpointConfig({ LEDGER_CHECKPOINT_DIR: '/w', LEDGER_CHECKPOINT_MINUTES: '2.5' }),
    ).toEqual({ dir: '/w', everyMinutes: 2.5 });
  });

  it('refuses a period that is not a positive number of minutes, or one without a folder', () => {
    for (const bad of ['0', '-5', 'hourly', '1e3', '10081'])
      expect(() =>
        loadCheckpointConfig({ LEDGER_CHECKPOINT_DIR: '/w', LEDGER_CHECKPOINT_MINUTES: bad }),
      ).toThrow(/LEDGER_CHECKPOINT_MINUTES/);
    expect(() => loadCheckpointConfig({ LEDGER_CHECKPOINT_MINUTES: '5' })).toThrow(
      /LEDGER_CHECKPOINT_DIR is not/,
    );
  });
});
