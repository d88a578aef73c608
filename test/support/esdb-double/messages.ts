/**
 * Conversion between the client's generated protobuf classes and the log's plain values. The
 * shapes follow what the server fills in (streams.proto / shared.proto / google.rpc.Status), so
 * the client's own decoders (convertGrpcEvent, unpackError, CommandError) see familiar messages.
 */
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as WellKnownEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import {
  BadRequest,
  MaximumAppendSizeExceeded,
  StreamIdentifier,
  Timeout,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { ExpectedRevision, ProposedEvent, StoredEvent } from './in-memory-log';

export type UuidFormat = 'string' | 'structured';

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';
}

export function streamIdentifier(streamId: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamId, 'utf8'));
}

/**
 * The server parses ids into a Guid and prints them back in lower-case "D" form, whichever of
 * the two wire forms the client used. A malformed id fails the append, as it does there.
 */
export function uuidOf(uuid: UUID | undefined): string {
  if (uuid?.hasStructured()) {
    const s = uuid.getStructured()!;
    const hex =
      BigInt.asUintN(64, BigInt(s.getMostSignificantBits())).toString(16).padStart(16, '0') +
      BigInt.asUintN(64, BigInt(s.getLeastSignificantBits())).toString(16).padStart(16, '0');
    return formatUuid(hex);
  }
  const text = (uuid?.getString() ?? '').toLowerCase();
  const hex = text.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`Invalid UUID: '${uuid?.getString() ?? ''}'`);
  return formatUuid(hex);
}

/** Structured ids carry the two halves as signed 64-bit integers, big-endian, as .NET does. */
export function uuidMessage(id: string, format: UuidFormat): UUID {
  if (format === 'string') return new UUID().setString(id);
  const hex = id.replace(/-/g, '');
  const structured = new UUID.Structured()
    .setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString())
    .setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  return new UUID().setStructured(structured);
}

function formatUuid(hex: string): string {
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}

/** The fields both proposed-message kinds (Append and BatchAppend) share. */
interface ProposedMessageLike {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

export function proposedEventOf(message: ProposedMessageLike): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: uuidOf(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** Stream reads carry positions too (23.10+), so commit and prepare are always filled. */
export function eventResponse(event: StoredEvent, format: UuidFormat): ReadResp {
  const record = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, format))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  record
    .getMetadataMap()
    .set('type', event.type)
    .set('created', event.created.toString())
    .set('content-type', event.isJson ? 'application/json' : 'application/octet-stream');
  const read = new ReadResp.ReadEvent().setEvent(record).setCommitPosition(String(event.position));
  return new ReadResp().setEvent(read);
}

export function checkpointResponse(position: number): ReadResp {
  const checkpoint = new ReadResp.Checkpoint()
    .setCommitPosition(String(position))
    .setPreparePosition(String(position));
  return new ReadResp().setCheckpoint(checkpoint);
}

export function streamNotFoundResponse(streamId: string): ReadResp {
  return new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId)),
  );
}

/**
 * BatchAppend reports failures as a google.rpc.Status inside the response, with the details
 * packed in an Any whose type name the client switches on (unpackError.js).
 */
export function wrongExpectedVersionStatus(current: number, expected: ExpectedRevision): Status {
  const details = new WrongExpectedVersion();
  if (current >= 0) details.setCurrentStreamRevision(String(current));
  else details.setCurrentNoStream(new WellKnownEmpty());
  if (expected === 'any') details.setExpectedAny(new WellKnownEmpty());
  else if (expected === 'no_stream') details.setExpectedNoStream(new WellKnownEmpty());
  else if (expected === 'stream_exists') details.setExpectedStreamExists(new WellKnownEmpty());
  else details.setExpectedStreamPosition(String(expected));
  return packedStatus(
    Code.ALREADY_EXISTS,
    'WrongExpectedVersion',
    details.serializeBinary(),
    'event_store.client.WrongExpectedVersion',
  );
}

export function timeoutStatus(): Status {
  return packedStatus(
    Code.DEADLINE_EXCEEDED,
    'Timeout',
    new Timeout().serializeBinary(),
    'event_store.client.Timeout',
  );
}

/** Malformed input in a batch (e.g. a bad event id) fails that batch only. */
export function badRequestStatus(message: string): Status {
  return packedStatus(
    Code.INVALID_ARGUMENT,
    'BadRequest',
    new BadRequest().setMessage(message).serializeBinary(),
    'event_store.client.BadRequest',
  );
}

export function maximumAppendSizeStatus(maxAppendSize: number): Status {
  return packedStatus(
    Code.INVALID_ARGUMENT,
    'MaximumAppendSizeExceeded',
    new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize).serializeBinary(),
    'event_store.client.MaximumAppendSizeExceeded',
  );
}

function packedStatus(code: Code, message: string, details: Uint8Array, typeName: string): Status {
  const any = new Any();
  any.pack(details, typeName);
  return new Status().setCode(code).setMessage(message).setDetails(any);
}

/** The server's size check counts what it will store, not the protobuf framing. */
export function appendSize(event: ProposedEvent): number {
  return event.data.length + event.metadata.length + Buffer.byteLength(event.type) * 2;
}
