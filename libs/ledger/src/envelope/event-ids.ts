import { createHash, randomUUID } from 'node:crypto';

// A fixed namespace so the same command always yields the same event ids, in any adapter.
const LEDGER_NAMESPACE = 'b7f3c1a2-5d4e-4f60-9a8b-1c2d3e4f5a6b';
const NAMESPACE_BYTES = Buffer.from(LEDGER_NAMESPACE.replace(/-/g, ''), 'hex');

/** Event ids derived from a commandId make a repeated command recognisable by every store. */
export function eventIdFor(commandId: string | undefined, index: number): string {
  return commandId ? uuidV5(`${commandId}#${index}`) : randomUUID();
}

/**
 * RFC 9562 version-5 UUID in the ledger's namespace: the same value the `uuid` package's v5
 * gives (event-ids.spec.ts compares them), computed without re-parsing the namespace and
 * re-encoding the name byte by byte on every call, which made it a tenth of a bulk append.
 */
function uuidV5(name: string): string {
  const digest = createHash('sha1').update(NAMESPACE_BYTES).update(name, 'utf8').digest();
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
