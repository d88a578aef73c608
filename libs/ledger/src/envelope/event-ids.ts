import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';

// A fixed namespace so the same command always yields the same event ids, in any adapter.
const LEDGER_NAMESPACE = 'b7f3c1a2-5d4e-4f60-9a8b-1c2d3e4f5a6b';

/** Event ids derived from a commandId make a repeated command recognisable by every store. */
export function eventIdFor(commandId: string | undefined, index: number): string {
  return commandId ? uuidv5(`${commandId}#${index}`, LEDGER_NAMESPACE) : uuidv4();
}
