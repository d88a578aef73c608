/**
 * Streams.Append (client streaming): options first, then one proposed message per event. A
 * wrong expected version is a normal response (not a status) on 21.x+ servers; a too-large
 * append is a status with the `exception` trailer the client's CommandError switches on.
 */
import { Metadata, type handleClientStreamingCall, status } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { Controls } from './controls';
import type { ExpectedRevision, InMemoryLog, ProposedEvent } from './in-memory-log';
import { appendSize, proposedEventOf, streamNameOf } from './messages';
import { statusError } from './streaming';

export function appendHandler(
  log: InMemoryLog,
  controls: Controls,
  maxAppendSize: number,
): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let answered = false;
    const answer: typeof callback = (error, value) => {
      if (answered) return;
      answered = true;
      untrack();
      callback(error, value);
    };
    const untrack = controls.track({ end: (error) => answer(error) });
    if (!controls.admit('Streams.Append', (error) => answer(error))) return;

    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let size = 0;
    call.on('data', (request: AppendReq) => {
      if (answered) return;
      if (!options) {
        options = request.getOptions();
        if (!options)
          answer(statusError(status.INVALID_ARGUMENT, 'First AppendReq must carry options'));
        return;
      }
      try {
        const event = proposedEventOf(request.getProposedMessage()!);
        size += appendSize(event);
        events.push(event);
      } catch (error) {
        return answer(statusError(status.UNKNOWN, (error as Error).message));
      }
      if (size > maxAppendSize) answer(maxAppendSizeExceeded(maxAppendSize));
    });
    call.on('end', () => {
      if (answered) return;
      if (!options) return answer(statusError(status.INVALID_ARGUMENT, 'Append without options'));
      const streamId = streamNameOf(options.getStreamIdentifier());
      const expected = expectedOf(options);
      if (controls.takeConflict(streamId)) {
        // As if another writer had appended one event just before us: nothing is stored.
        return answer(null, wrongExpectedVersion(log.currentRevision(streamId) + 1, expected));
      }
      const outcome = log.append(streamId, expected, events);
      if (outcome.kind === 'wrong_expected_version') {
        return answer(null, wrongExpectedVersion(outcome.currentRevision, expected));
      }
      const success = new AppendResp.Success();
      if (outcome.currentRevision >= 0) success.setCurrentRevision(String(outcome.currentRevision));
      else success.setNoStream(new Empty());
      if (outcome.position === null) success.setNoPosition(new Empty());
      else {
        success.setPosition(
          new AppendResp.Position()
            .setCommitPosition(String(outcome.position))
            .setPreparePosition(String(outcome.position)),
        );
      }
      answer(null, new AppendResp().setSuccess(success));
    });
    // A client that goes away mid-append stores nothing; answering just releases the call.
    const abandoned = (): void => answer(statusError(status.CANCELLED, 'Append abandoned'));
    call.on('cancelled', abandoned);
    call.on('error', abandoned);
  };
}

function expectedOf(options: AppendReq.Options): ExpectedRevision {
  if (options.hasAny()) return 'any';
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return Number(options.getRevision());
}

/**
 * Current servers fill both the new fields and the deprecated `*_20_6_0` ones; client 6.2.1
 * reads only the new ones, so the double leaves the old ones out.
 */
function wrongExpectedVersion(current: number, expected: ExpectedRevision): AppendResp {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (current >= 0) wrong.setCurrentRevision(String(current));
  else wrong.setCurrentNoStream(new Empty());
  if (expected === 'any') wrong.setExpectedAny(new Empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedRevision(String(expected));
  return new AppendResp().setWrongExpectedVersion(wrong);
}

function maxAppendSizeExceeded(maxAppendSize: number): ReturnType<typeof statusError> {
  const trailers = new Metadata();
  trailers.set('exception', 'maximum-append-size-exceeded');
  trailers.set('maximum-append-size', String(maxAppendSize));
  return statusError(
    status.INVALID_ARGUMENT,
    `Maximum Append Size of ${maxAppendSize} Exceeded.`,
    trailers,
  );
}
