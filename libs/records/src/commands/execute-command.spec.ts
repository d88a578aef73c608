import {
  CommandIdReusedError,
  type EventStore,
  SqliteEventStore,
  StoreContentionError,
  WrongExpectedRevisionError,
} from '@libs/ledger';
import { commandFingerprint } from './command-fingerprint';
import { executeCommand } from './execute-command';
import { parseCommand } from './parse-command';

const clock = () => new Date('2024-06-30T04:00:00.000Z');
const unitCommand = (over: Record<string, unknown> = {}) => ({
  type: 'RegisterOrgUnit',
  commandId: 'u-1',
  unitId: 'huancui',
  name: '环翠区',
  kind: 'district',
  occurredAt: '2020-01-01',
  ...over,
});

/** A store whose first `losses` appends lose the race to another writer. */
function racingStore(store: EventStore, losses: number): EventStore & { attempts: number } {
  const racing = Object.create(store) as EventStore & { attempts: number };
  racing.attempts = 0;
  racing.append = async (streamId, events, options) => {
    racing.attempts += 1;
    if (racing.attempts <= losses) throw new WrongExpectedRevisionError(streamId, -1, 0);
    return store.append(streamId, events, options);
  };
  return racing;
}

describe('executeCommand', () => {
  let store: SqliteEventStore;
  beforeEach(() => (store = new SqliteEventStore({ path: ':memory:' })));
  afterEach(() => store.close());

  it('stores the command fingerprint with the events it produced', async () => {
    const result = await executeCommand(unitCommand(), { store, clock, actor: 'a' });
    const [event] = await store.readStream(result.streamId);
    const { request } = parseCommand(unitCommand());
    expect(event.commandFingerprint).toBe(commandFingerprint(request));
  });

  it('answers a repeat of the same command as a duplicate with the first result', async () => {
    const first = await executeCommand(unitCommand(), { store, clock, actor: 'a' });
    const again = await executeCommand(unitCommand({ expectedRevision: 0 }), {
      store,
      clock,
      actor: 'a',
    });
    expect(again).toEqual({ ...first, duplicate: true });
  });

  it('refuses the same id with other content, appending nothing', async () => {
    await executeCommand(unitCommand(), { store, clock, actor: 'a' });
    const head = await store.headPosition();
    await expect(
      executeCommand(unitCommand({ name: '环翠区（新）' }), { store, clock, actor: 'a' }),
    ).rejects.toBeInstanceOf(CommandIdReusedError);
    expect(await store.headPosition()).toBe(head);
  });

  it('keeps re-deciding through lost races when the sender pinned no revision', async () => {
    const racing = racingStore(store, 12);
    const result = await executeCommand(unitCommand(), { store: racing, clock, actor: 'a' });
    expect(result.events).toHaveLength(1);
    expect(racing.attempts).toBe(13);
  });

  it('gives up as a retryable contention, not a revision conflict, after the deadline', async () => {
    const racing = racingStore(store, Number.MAX_SAFE_INTEGER);
    await expect(
      executeCommand(unitCommand(), { store: racing, clock, actor: 'a', retryDeadlineMs: 50 }),
    ).rejects.toBeInstanceOf(StoreContentionError);
    expect(await store.headPosition()).toBe(0);
  });

  it("leaves a pinned revision's conflict to the sender", async () => {
    await executeCommand(unitCommand(), { store, clock, actor: 'a' });
    await expect(
      executeCommand(unitCommand({ commandId: 'u-2', expectedRevision: -1 }), {
        store,
        clock,
        actor: 'a',
      }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });
});

describe('commandFingerprint', () => {
  const fp = (raw: Record<string, unknown>) => commandFingerprint(parseCommand(raw).request);

  it('ignores key order, the commandId and the expectedRevision', () => {
    const { name, ...rest } = unitCommand();
    expect(fp({ ...rest, name })).toBe(fp(unitCommand()));
    expect(fp(unitCommand({ commandId: 'other', expectedRevision: 3 }))).toBe(fp(unitCommand()));
  });

  it('differs when any field of the content differs', () => {
    expect(fp(unitCommand({ name: '环翠' }))).not.toBe(fp(unitCommand()));
    expect(fp(unitCommand({ occurredAt: '2020-01-02' }))).not.toBe(fp(unitCommand()));
  });
});
