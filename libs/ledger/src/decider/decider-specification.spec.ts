import { DomainRuleError } from '../errors';
import type { Decider } from './decider';
import { foldEvents } from './decider';
import { DeciderSpecification } from './decider-specification';

// A tiny rule to exercise the helper: a quota that can be used up but never overdrawn.
type Cmd = { type: 'Use'; amount: number };
type Evt = { type: 'Granted'; amount: number } | { type: 'Used'; amount: number };
const quota: Decider<Cmd, Evt, number> = {
  initialState: () => 0,
  evolve: (left, e) => (e.type === 'Granted' ? left + e.amount : left - e.amount),
  decide: (cmd, left) => {
    if (cmd.amount > left)
      throw new DomainRuleError('QUOTA_EXCEEDED', '额度不足', 'quota exceeded');
    return cmd.amount === 0 ? [] : [{ type: 'Used', amount: cmd.amount }];
  },
};
const given = DeciderSpecification.for(quota);

describe('DeciderSpecification', () => {
  it('passes when the decider produces the expected events', () => {
    given([{ type: 'Granted', amount: 5 }])
      .when({ type: 'Use', amount: 3 })
      .then([{ type: 'Used', amount: 3 }]);
  });

  it('fails when the events differ', () => {
    expect(() =>
      given([{ type: 'Granted', amount: 5 }])
        .when({ type: 'Use', amount: 3 })
        .then([{ type: 'Used', amount: 4 }]),
    ).toThrow();
  });

  it('checks refusals by rule code', () => {
    given([{ type: 'Granted', amount: 1 }])
      .when({ type: 'Use', amount: 2 })
      .thenThrows('QUOTA_EXCEEDED');
    expect(() =>
      given([{ type: 'Granted', amount: 1 }])
        .when({ type: 'Use', amount: 2 })
        .thenThrows('OTHER_RULE'),
    ).toThrow();
  });

  it('checks refusals with a predicate', () => {
    given([])
      .when({ type: 'Use', amount: 1 })
      .thenThrows((e) => e instanceof DomainRuleError);
    expect(() =>
      given([])
        .when({ type: 'Use', amount: 1 })
        .thenThrows(() => false),
    ).toThrow(/did not match/);
  });

  it('fails a thenThrows when the command is accepted', () => {
    expect(() =>
      given([{ type: 'Granted', amount: 9 }])
        .when({ type: 'Use', amount: 1 })
        .thenThrows(),
    ).toThrow(/expected the command to be refused/);
  });

  it('supports commands that change nothing', () => {
    given([]).when({ type: 'Use', amount: 0 }).thenNothingHappens();
    expect(() =>
      given([{ type: 'Granted', amount: 2 }])
        .when({ type: 'Use', amount: 1 })
        .thenNothingHappens(),
    ).toThrow();
  });

  it('folds history in order from the initial state', () => {
    expect(
      foldEvents(quota, [
        { type: 'Granted', amount: 4 },
        { type: 'Used', amount: 1 },
      ]),
    ).toBe(3);
  });
});
