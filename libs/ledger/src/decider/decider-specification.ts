import { deepStrictEqual, fail } from 'node:assert/strict';
import type { Decider } from './decider';
import { foldEvents } from './decider';

type ErrorCheck = (error: unknown) => boolean;

export interface Then<Event> {
  then(expected: Event[]): void;
  thenNothingHappens(): void;
  /** With a function, the error must also satisfy it; with a string, its `code` must equal it. */
  thenThrows(check?: ErrorCheck | string): void;
}

/**
 * given / when / then for pure deciders, after Emmett's DeciderSpecification: history in,
 * command, expected events or the rule that refused it.
 */
export const DeciderSpecification = {
  for<Command, Event, State>(decider: Decider<Command, Event, State>) {
    return (given: Event[]) => ({
      when(command: Command): Then<Event> {
        const run = (): Event[] => decider.decide(command, foldEvents(decider, given));
        return {
          then(expected) {
            deepStrictEqual(run(), expected);
          },
          thenNothingHappens() {
            deepStrictEqual(run(), []);
          },
          thenThrows(check) {
            let produced: Event[];
            try {
              produced = run();
            } catch (error) {
              if (typeof check === 'string') {
                deepStrictEqual((error as { code?: unknown }).code, check);
              } else if (check && !check(error)) {
                fail(`the error did not match the expectation: ${String(error)}`);
              }
              return;
            }
            fail(`expected the command to be refused, but it produced ${JSON.stringify(produced)}`);
          },
        };
      },
    });
  },
};
