import { v5 as uuidv5, validate, version } from 'uuid';
import { eventIdFor } from './event-ids';

// The namespace every store has used since the first release: ids already in logs depend on it.
const LEDGER_NAMESPACE = 'b7f3c1a2-5d4e-4f60-9a8b-1c2d3e4f5a6b';

describe('eventIdFor', () => {
  it('gives the same id as the uuid package’s v5 for ASCII, Chinese and long command ids', () => {
    const commandIds = [
      'c-1',
      'f3a1b2c3-0000-4000-8000-000000000042',
      '随访-2024-居民000017',
      'x'.repeat(300),
    ];
    for (const commandId of commandIds)
      for (const index of [0, 1, 17])
        expect(eventIdFor(commandId, index)).toBe(
          uuidv5(`${commandId}#${index}`, LEDGER_NAMESPACE),
        );
  });

  it('keeps a pinned id, so a change of implementation cannot move ids already in logs', () => {
    expect(eventIdFor('cmd-1', 0)).toBe('c8b7ef3c-acc3-52d1-9036-aabb126069d7');
    expect(eventIdFor('cmd-1', 0)).not.toBe(eventIdFor('cmd-1', 1));
    expect(version(eventIdFor('cmd-1', 0))).toBe(5);
  });

  it('draws a random version-4 id when there is no command id', () => {
    const id = eventIdFor(undefined, 0);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(4);
    expect(eventIdFor(undefined, 0)).not.toBe(id);
  });
});
