import { ConfigError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('has working defaults', () => {
    expect(loadAppConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      store: { kind: 'sqlite', path: './data/ledger.sqlite' },
      storeConnectTimeoutMs: 10_000,
      logLevel: 'info',
    });
  });

  it('reports every bad setting at once', () => {
    let error: unknown;
    try {
      loadAppConfig({
        PORT: 'eighty',
        LEDGER_STORE: 'mongodb://x',
        LOG_LEVEL: 'loud',
        LEDGER_STORE_CONNECT_TIMEOUT_MS: '5s',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT "eighty"/);
    expect(problems.join('\n')).toMatch(/LEDGER_STORE "mongodb:\/\/x"/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL "loud"/);
    expect(problems.join('\n')).toMatch(
      /LEDGER_STORE_CONNECT_TIMEOUT_MS "5s" must be a whole number of milliseconds from 100 to 600000/,
    );
  });

  it('refuses a port out of range', () => {
    expect(() => loadAppConfig({ PORT: '70000' })).toThrow(ConfigError);
  });
});
