/**
 * Small helpers for grpc-js server calls: writing with backpressure, and ending a call with a
 * status from outside its handler (drops, stop, refusals).
 */
import { Metadata, type ServerErrorResponse, type status } from '@grpc/grpc-js';
import type { Writable } from 'node:stream';

/** What the helpers need of a server-streaming or bidi call. */
export type ResponseStream<T> = Writable & {
  cancelled: boolean;
  write(message: T): boolean;
};

export function statusError(
  code: status,
  details: string,
  metadata?: Metadata,
): ServerErrorResponse {
  return Object.assign(new Error(details), { code, details, metadata: metadata ?? new Metadata() });
}

export function isOpen(call: ResponseStream<unknown>): boolean {
  return !call.cancelled && !call.writableEnded && !call.destroyed;
}

/**
 * Writes one message, waiting for the stream to drain when its buffer is full, so a slow client
 * slows the double down instead of growing an unbounded buffer. False once the call is over.
 */
export async function send<T>(call: ResponseStream<T>, message: T): Promise<boolean> {
  if (!isOpen(call)) return false;
  if (call.write(message)) return true;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      call.off('drain', done);
      call.off('close', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('close', done);
    call.on('cancelled', done);
  });
  return isOpen(call);
}

/**
 * grpc-js turns an 'error' event on a response stream into the call's final status, sent after
 * the messages already written. Callers must not write afterwards (a write after end would
 * replace the status with UNKNOWN), hence the isOpen checks in `send`.
 */
export function endWithStatus(call: ResponseStream<unknown>, error: ServerErrorResponse): void {
  if (!isOpen(call)) return;
  call.emit('error', error);
}
