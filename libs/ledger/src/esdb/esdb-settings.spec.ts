import { StoreConfigError } from '../errors';
import { parseEsdbSettings } from './esdb-settings';

describe('EventStoreDB connection settings', () => {
  it('accepts the settings the client acts on, in any letter case, and names the hosts only', () => {
    const s = parseEsdbSettings(
      'esdb://admin:changeit@node1:2113,node2:2113?tls=true&tlsCAFile=/etc/ca.crt&NODEPREFERENCE=leader&keepAliveInterval=10000',
    );
    expect(s.hosts).toBe('node1:2113,node2:2113');
    expect(s.connectionString).toContain('tlsCAFile=/etc/ca.crt');
  });

  it('refuses a misspelt key with every problem and the list of what is supported', () => {
    const refuse = () => parseEsdbSettings('esdb://localhost:2113?tls=true&tlsCaFiel=ca.crt&foo=1');
    expect(refuse).toThrow(StoreConfigError);
    expect(refuse).toThrow(
      /unknown setting "tlsCaFiel".*unknown setting "foo".*Supported settings: tls, tlsCAFile/,
    );
  });

  it('refuses tlsVerifyCert=false, which the client parses but ignores, pointing to tlsCAFile', () => {
    expect(() => parseEsdbSettings('esdb://localhost:2113?tlsVerifyCert=false')).toThrow(
      /tlsVerifyCert=false is parsed but ignored.*tlsCAFile/,
    );
    expect(parseEsdbSettings('esdb://localhost:2113?tlsVerifyCert=true').hosts).toBe(
      'localhost:2113',
    );
  });
});
