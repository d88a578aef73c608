/**
 * Streams.Read: one method carries stream reads, `$all` reads and both kinds of subscription,
 * told apart by the options' oneofs exactly as the server's switch does.
 */
import type { ServerWritableStream, handleServerStreamingCall } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { Controls } from './controls';
import type { InMemoryLog, StoredEvent } from './in-memory-log';
import { type UuidFormat, eventResponse, streamNameOf, streamNotFoundResponse } from './messages';
import { endWithStatus, send, statusError } from './streaming';
import type { SubscriptionPlan, SubscriptionRegistry } from './subscriptions';

type Options = ReadReq.Options;
const { CountOptionCase, ReadDirection, StreamOptionCase } = ReadReq.Options;

/** The server's read page size, which is also a filter's default search window. */
const READ_BATCH_SIZE = 32;

export function readHandler(
  log: InMemoryLog,
  controls: Controls,
  subscriptions: SubscriptionRegistry,
): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    if (!controls.admit('Streams.Read', (error) => endWithStatus(call, error))) return;
    const options = call.request.getOptions();
    if (!options) {
      endWithStatus(call, statusError(status.INVALID_ARGUMENT, 'ReadReq without options'));
      return;
    }
    // Without a UUID option the server answers structured ids; the client always asks for strings.
    const format: UuidFormat =
      options.getUuidOption()?.getContentCase() === ReadReq.Options.UUIDOption.ContentCase.STRING
        ? 'string'
        : 'structured';
    if (options.getCountOptionCase() === CountOptionCase.SUBSCRIPTION) {
      let plan: SubscriptionPlan;
      try {
        plan = subscriptionPlan(log, options, format);
      } catch (error) {
        // e.g. a filter regex JavaScript cannot compile: the server fails such a call too.
        return endWithStatus(call, statusError(status.UNKNOWN, (error as Error).message));
      }
      subscriptions.subscribe(call, plan);
    } else {
      void readOnce(call, log, controls, options, format);
    }
  };
}

async function readOnce(
  call: ServerWritableStream<ReadReq, ReadResp>,
  log: InMemoryLog,
  controls: Controls,
  options: Options,
  format: UuidFormat,
): Promise<void> {
  const untrack = controls.track({ end: (error) => endWithStatus(call, error) });
  try {
    const direction =
      options.getReadDirection() === ReadDirection.BACKWARDS ? 'backwards' : 'forwards';
    const count = Number(options.getCount());
    let events: StoredEvent[] | undefined;
    if (options.getStreamOptionCase() === StreamOptionCase.STREAM) {
      const stream = options.getStream()!;
      const streamId = streamNameOf(stream.getStreamIdentifier());
      const from = stream.hasStart()
        ? 'start'
        : stream.hasEnd()
          ? 'end'
          : Number(stream.getRevision());
      events = log.readStream(streamId, from, direction, count);
      // A missing stream is a message, not a status: the call itself still ends OK.
      if (!events && !(await send(call, streamNotFoundResponse(streamId)))) return;
    } else {
      const all = options.getAll()!;
      const from = all.hasStart()
        ? 'start'
        : all.hasEnd()
          ? 'end'
          : Number(all.getPosition()!.getCommitPosition());
      events = log.readAll(from, direction, count);
    }
    for (const event of events ?? []) {
      if (!(await send(call, eventResponse(event, format)))) return;
    }
    call.end();
  } finally {
    untrack();
  }
}

function subscriptionPlan(
  log: InMemoryLog,
  options: Options,
  format: UuidFormat,
): SubscriptionPlan {
  if (options.getStreamOptionCase() === StreamOptionCase.STREAM) {
    const stream = options.getStream()!;
    const streamId = streamNameOf(stream.getStreamIdentifier());
    // From a revision means strictly after it; from the end, only events still to come.
    const after = stream.hasStart() || stream.hasEnd() ? -1 : Number(stream.getRevision());
    return {
      startIndex: stream.hasEnd() ? log.all.length : 0,
      matches: (e) => e.streamId === streamId && e.revision > after,
      checkpointInterval: null,
      uuidFormat: format,
    };
  }
  const all = options.getAll()!;
  // A subscription from a position starts strictly after it (the position was already seen).
  const startIndex = all.hasStart()
    ? 0
    : all.hasEnd()
      ? log.all.length
      : log.firstAtOrAfter(Number(all.getPosition()!.getCommitPosition()) + 1);
  const filter = options.getFilter();
  if (!filter) {
    return { startIndex, matches: () => true, checkpointInterval: null, uuidFormat: format };
  }
  const window = filter.hasMax() ? filter.getMax() : READ_BATCH_SIZE;
  return {
    startIndex,
    matches: eventFilter(filter),
    checkpointInterval: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
    uuidFormat: format,
  };
}

/** A regex wins over prefixes when both are set; .NET's IsMatch is unanchored, like `test`. */
function eventFilter(filter: ReadReq.Options.FilterOptions): (event: StoredEvent) => boolean {
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const field = (event: StoredEvent): string => (onStream ? event.streamId : event.type);
  const regex = expression.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (event) => pattern.test(field(event));
  }
  const prefixes = expression.getPrefixList();
  return (event) => prefixes.some((prefix) => field(event).startsWith(prefix));
}
