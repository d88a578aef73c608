import { validationCatalog } from '@libs/commands';
import { systemClock } from '@libs/ledger';
import { type Action, type CommandRequest, commandFingerprint, parseCommand } from '@libs/records';
import {
  type ImportItem,
  type XlsxMapping,
  csvToCommands,
  readXlsxRows,
  rejectReasonFor,
  xlsxToCommands,
} from '@libs/commands/sheets';
import { ndjsonToCommands } from './ndjson-to-commands';
import { readCsvRecords } from './read-csv-records';
import { readLines } from './read-lines';
import { sourceTimeOfLine } from './source-time-of-line';

/** What the reading half of an import needs: plain data, so a worker thread can receive it. */
export interface ItemSource {
  path: string;
  format: 'ndjson' | 'csv' | 'xlsx';
  /** xlsx: how the sheet's columns become a command. */
  mapping?: XlsxMapping;
  maxLineBytes: number;
  /** --type: fills in a missing `type`. */
  defaultType?: string;
  /** A migration: lines may carry sourceRecordedAt. */
  migrating: boolean;
}

/** The file's lines as command objects (or rejects), before validation. */
export function rawItems(source: ItemSource): AsyncGenerator<ImportItem> {
  if (source.format === 'xlsx') return xlsxToCommands(readXlsxRows(source.path), source.mapping!);
  const lines = readLines(source.path, source.maxLineBytes);
  return source.format === 'csv'
    ? csvToCommands(readCsvRecords(lines, source.maxLineBytes), source.defaultType)
    : ndjsonToCommands(lines, source.maxLineBytes, source.defaultType);
}

/**
 * The file's lines validated exactly as executeCommand validates a command (same parser, same
 * messages), with the source time taken off and the fingerprint computed. Validation needs no
 * store, so it can run on its own thread while the main one decides and appends.
 */
export async function* validatedItems(
  source: ItemSource,
  catalog: ReadonlyMap<string, Action> = validationCatalog(),
): AsyncGenerator<ImportItem> {
  for await (const item of rawItems(source)) yield validateItem(item, source.migrating, catalog);
}

function validateItem(
  item: ImportItem,
  migrating: boolean,
  catalog: ReadonlyMap<string, Action>,
): ImportItem {
  if (item.reject) return item;
  try {
    const line = sourceTimeOfLine(item.command, migrating, systemClock);
    const { action, request } = parseCommand(line.command, catalog);
    const { command: _raw, ...rest } = item;
    return {
      ...rest,
      validated: {
        type: action.type,
        request: request as CommandRequest,
        fingerprint: commandFingerprint(request),
        ...(line.sourceRecordedAt !== undefined ? { sourceRecordedAt: line.sourceRecordedAt } : {}),
      },
    };
  } catch (error) {
    const reason = rejectReasonFor(error);
    if (!reason) throw error;
    return { ...item, reject: reason };
  }
}
