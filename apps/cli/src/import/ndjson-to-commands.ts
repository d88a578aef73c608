import type { ImportItem } from './import-item';
import type { Line } from './read-lines';
import { lineTooLong, malformedJson } from './reject-reason';

/** Shown in the rejects file instead of an over-long line. */
const SHOWN_OF_LONG_LINE = 1000;

/**
 * NDJSON: one command object per line, exactly the HTTP body. Blank lines are skipped; a line
 * that is not JSON is a reject, never a crash. `defaultType` fills in a missing `type`.
 */
export async function* ndjsonToCommands(
  lines: AsyncIterable<Line>,
  maxLineBytes: number,
  defaultType?: string,
): AsyncGenerator<ImportItem> {
  for await (const { number, text, bytesRead, tooLong } of lines) {
    if (tooLong) {
      const input = `${text.slice(0, SHOWN_OF_LONG_LINE)}…`;
      yield { line: number, input, bytesRead, reject: lineTooLong(maxLineBytes) };
      continue;
    }
    if (text.trim() === '') continue;
    let command: unknown;
    try {
      command = JSON.parse(text);
    } catch (error) {
      yield { line: number, input: text, bytesRead, reject: malformedJson(error) };
      continue;
    }
    if (defaultType && isObject(command) && command.type === undefined)
      command = { type: defaultType, ...command };
    yield { line: number, input: text, bytesRead, command };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
