import { canonicalJson, sha256Hex } from '@libs/ledger';
import type { CommandRequest } from './command-request';

/**
 * Fields about how a command travels, not what it says: the id is the key the fingerprint is
 * stored under, and expectedRevision is a precondition a sender may refresh when it retries.
 * The actor never reaches here (it comes from the credential).
 */
const TRANSPORT_ONLY = new Set(['commandId', 'expectedRevision']);

/**
 * SHA-256 of the validated command's RFC 8785 canonical JSON without transport-only fields, so
 * key order, whitespace and number spelling do not make one command look like two.
 */
export function commandFingerprint(request: CommandRequest): string {
  const content = Object.fromEntries(
    Object.entries(request as unknown as Record<string, unknown>).filter(
      ([key, value]) => !TRANSPORT_ONLY.has(key) && value !== undefined,
    ),
  );
  return sha256Hex(canonicalJson(content));
}
