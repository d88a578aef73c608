import { randomUUID } from 'node:crypto';
import {
  type EventStoreDBClient,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';

/**
 * What a command claimed before its events were appended: the stream it targets, its
 * fingerprint, and the stream's revision when it was claimed (its events, if any, follow it).
 */
export interface CommandClaim {
  commandId: string;
  streamId: string;
  fingerprint: string | null;
  after: number;
}

/** Outside the ledger's own prefixes, so partition filters and verify never see claims. */
export const claimStreamOf = (commandId: string): string => `ledger-command-${commandId}`;

const CLAIM_TYPE = 'CommandClaimed';

/**
 * Global command idempotency on a store with no index by command id: one stream per command id,
 * written with "no stream" expected, so exactly one writer ever creates it and every later one
 * learns who did. The claim's event id is random on purpose: with a derived id the server's own
 * idempotency would answer a second claim "success" and hide it. See docs/decisions/0016.
 */
export class CommandClaims {
  constructor(private readonly client: EventStoreDBClient) {}

  /** Writes the claim; answers the earlier claim instead when the command id has one. */
  async claim(claim: CommandClaim): Promise<CommandClaim | null> {
    try {
      const result = await this.client.appendToStream(
        claimStreamOf(claim.commandId),
        jsonEvent({ id: randomUUID(), type: CLAIM_TYPE, data: { ...claim } }),
        { expectedRevision: NO_STREAM },
      );
      // throwOnAppendFailure=false turns the refusal into a result; it means the same.
      if (result.success) return null;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    const earlier = await this.find(claim.commandId);
    if (!earlier) throw new Error(`claim of command ${claim.commandId} refused but not readable`);
    return earlier;
  }

  async find(commandId: string): Promise<CommandClaim | undefined> {
    try {
      // Read to the end (one event): leaving the client's read stream early keeps its call open.
      const read = [];
      for await (const resolved of this.client.readStream(claimStreamOf(commandId), {
        maxCount: 1,
      }))
        read.push(resolved);
      const event = read[0]?.event;
      const data = event?.data as Partial<CommandClaim> | undefined;
      if (event?.type !== CLAIM_TYPE || !data || typeof data.streamId !== 'string')
        return undefined;
      return {
        commandId,
        streamId: data.streamId,
        fingerprint: typeof data.fingerprint === 'string' ? data.fingerprint : null,
        after: typeof data.after === 'number' ? data.after : -1,
      };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }
}
