/**
 * The state tests steer and inspect: call counts, refusal, injected conflicts and the calls
 * still open (so stop() can end them). Shared by every service of one double.
 */
import { type ServerErrorResponse, status } from '@grpc/grpc-js';
import { statusError } from './streaming';

/** A call that outlives its first message; `end` finishes it with the given status. */
export interface OpenCall {
  end(error: ServerErrorResponse): void;
}

export class Controls {
  readonly calls = new Map<string, number>();
  readonly openCalls = new Set<OpenCall>();
  private refusing = false;
  /** One entry per conflictNextAppend(); undefined matches any stream. */
  private readonly conflicts: Array<string | undefined> = [];

  refuse(on: boolean): void {
    this.refusing = on;
  }

  /**
   * Counts a call (or, for BatchAppend, a batch) and says whether to serve it; while refusing,
   * `reject` is given the UNAVAILABLE error a node that is down or not ready would produce.
   */
  admit(method: string, reject: (error: ServerErrorResponse) => void): boolean {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    if (!this.refusing) return true;
    reject(statusError(status.UNAVAILABLE, `The EventStoreDB test double refuses ${method}`));
    return false;
  }

  armConflict(streamId: string | undefined): void {
    this.conflicts.push(streamId);
  }

  /** True (once per arming) when this append must be answered as a lost race. */
  takeConflict(streamId: string): boolean {
    const index = this.conflicts.findIndex((s) => s === undefined || s === streamId);
    if (index < 0) return false;
    this.conflicts.splice(index, 1);
    return true;
  }

  track(call: OpenCall): () => void {
    this.openCalls.add(call);
    return () => this.openCalls.delete(call);
  }

  endOpenCalls(error: ServerErrorResponse): void {
    for (const call of [...this.openCalls]) call.end(error);
    this.openCalls.clear();
  }
}
