/**
 * Streams.BatchAppend (bidi): one long-lived call carries many appends, each a run of requests
 * sharing a correlation id, the first with options, the last with is_final. Every outcome is a
 * response carrying that correlation id and the stream; failures are a google.rpc.Status in
 * the response, never a call status, so one failed append leaves the call open for the rest.
 */
import { type handleBidiStreamingCall, status } from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { AllStreamPosition, type UUID } from '@eventstore/db-client/generated/shared_pb';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { Status } from '@eventstore/db-client/generated/status_pb';
import type { Controls } from './controls';
import type { ExpectedRevision, InMemoryLog, ProposedEvent } from './in-memory-log';
import {
  appendSize,
  badRequestStatus,
  maximumAppendSizeStatus,
  proposedEventOf,
  streamIdentifier,
  streamNameOf,
  timeoutStatus,
  uuidOf,
  wrongExpectedVersionStatus,
} from './messages';
import { endWithStatus, isOpen, send, statusError } from './streaming';

interface PendingWrite {
  streamId: string;
  expected: ExpectedRevision;
  events: ProposedEvent[];
  size: number;
}

export function batchAppendHandler(
  log: InMemoryLog,
  controls: Controls,
  maxAppendSize: number,
): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    const pending = new Map<string, PendingWrite>();
    const untrack = controls.track({ end: (error) => endWithStatus(call, error) });
    const reply = (
      correlation: UUID,
      streamId: string,
      result: Status | BatchAppendResp.Success,
    ) => {
      const response = new BatchAppendResp()
        .setCorrelationId(correlation)
        .setStreamIdentifier(streamIdentifier(streamId));
      if (result instanceof BatchAppendResp.Success) response.setSuccess(result);
      else response.setError(result);
      void send(call, response);
    };

    call.on('data', (request: BatchAppendReq) => {
      if (!isOpen(call)) return; // ended by a refusal or stop(): later requests go nowhere
      const correlation = request.getCorrelationId()!;
      let key: string;
      try {
        key = uuidOf(correlation);
      } catch (error) {
        return endWithStatus(call, statusError(status.INVALID_ARGUMENT, (error as Error).message));
      }
      const options = request.getOptions();
      if (options && !pending.has(key)) {
        if (!controls.admit('Streams.BatchAppend', (error) => endWithStatus(call, error))) return;
        const streamId = streamNameOf(options.getStreamIdentifier());
        const deadline = options.getDeadline()?.toDate();
        if (deadline && deadline.getTime() <= Date.now()) {
          return reply(correlation, streamId, timeoutStatus());
        }
        pending.set(key, { streamId, expected: expectedOf(options), events: [], size: 0 });
      }
      // Requests for a batch that already failed (or never had options) are ignored, as there.
      const write = pending.get(key);
      if (!write) return;
      try {
        for (const message of request.getProposedMessagesList()) {
          const event = proposedEventOf(message);
          write.size += appendSize(event);
          write.events.push(event);
        }
      } catch (error) {
        pending.delete(key);
        return reply(correlation, write.streamId, badRequestStatus((error as Error).message));
      }
      if (write.size > maxAppendSize) {
        pending.delete(key);
        return reply(correlation, write.streamId, maximumAppendSizeStatus(maxAppendSize));
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      reply(correlation, write.streamId, commit(log, controls, write));
    });
    // The client never half-closes (it cancels on dispose), but a closed request side ends the call.
    call.on('end', () => {
      if (isOpen(call)) call.end();
    });
    call.on('close', untrack);
    call.on('cancelled', untrack);
  };
}

function commit(
  log: InMemoryLog,
  controls: Controls,
  write: PendingWrite,
): Status | BatchAppendResp.Success {
  if (controls.takeConflict(write.streamId)) {
    // As if another writer had appended one event just before us: nothing is stored.
    return wrongExpectedVersionStatus(log.currentRevision(write.streamId) + 1, write.expected);
  }
  const outcome = log.append(write.streamId, write.expected, write.events);
  if (outcome.kind === 'wrong_expected_version') {
    return wrongExpectedVersionStatus(outcome.currentRevision, write.expected);
  }
  const success = new BatchAppendResp.Success();
  if (outcome.currentRevision >= 0) success.setCurrentRevision(String(outcome.currentRevision));
  else success.setNoStream(new Empty());
  if (outcome.position === null) success.setNoPosition(new Empty());
  else {
    success.setPosition(
      new AllStreamPosition()
        .setCommitPosition(String(outcome.position))
        .setPreparePosition(String(outcome.position)),
    );
  }
  return success;
}

function expectedOf(options: BatchAppendReq.Options): ExpectedRevision {
  if (options.hasAny()) return 'any';
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return Number(options.getStreamPosition());
}
