import { StoreConfigError } from '../errors';
import { DEFAULT_STORE, describeStoreLocation, parseStoreLocation } from './store-location';

describe('parseStoreLocation', () => {
  it('defaults to the SQLite file under ./data', () => {
    expect(parseStoreLocation(undefined)).toEqual({ kind: 'sqlite', path: './data/ledger.sqlite' });
    expect(parseStoreLocation('  ')).toEqual(parseStoreLocation(DEFAULT_STORE));
  });

  it('reads sqlite paths, including :memory:', () => {
    expect(parseStoreLocation('sqlite:/tmp/x.sqlite')).toEqual({
      kind: 'sqlite',
      path: '/tmp/x.sqlite',
    });
    expect(parseStoreLocation('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('reads EventStoreDB and KurrentDB connection strings', () => {
    expect(parseStoreLocation('esdb://a:2113?tls=false')).toEqual({
      kind: 'esdb',
      connectionString: 'esdb://a:2113?tls=false',
    });
    expect(parseStoreLocation('kurrentdb+discover://a:2113').kind).toBe('esdb');
  });

  it.each(['postgres://x', 'sqlite:', 'esdb://', 'ledger.sqlite'])(
    'refuses %s with a clear error',
    (v) => {
      expect(() => parseStoreLocation(v)).toThrow(StoreConfigError);
      expect(() => parseStoreLocation(v)).toThrow(/LEDGER_STORE/);
    },
  );

  it('hides credentials when describing a connection', () => {
    const location = parseStoreLocation('esdb://admin:changeit@db:2113');
    expect(describeStoreLocation(location)).toBe('esdb://***@db:2113');
  });
});
