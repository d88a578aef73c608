import { validationCatalog } from '@libs/commands';
import {
  type CommandRequest,
  CommandValidationError,
  commandFingerprint,
  parseCommand,
} from '@libs/records';
import { type GeneratedSeed, type SeedOptions, generateSeed } from '../generate-seed';

/** What the seed generated, without its commands: plain data, so it can cross threads. */
export type GeneratedSummary = Omit<GeneratedSeed, 'commands'>;

/** One generated command, validated exactly as executeCommand validates it. */
export interface SeedCommandItem {
  kind: 'command';
  /** The simulated ledger time the command is recorded at. */
  recordedAt: number;
  type: string;
  commandId: string;
  /** The validated request and its fingerprint; absent when validation refused it. */
  validated?: { request: CommandRequest; fingerprint: string };
  invalid?: { code: string; message: string };
}

export type SeedItem =
  { kind: 'generated'; summary: GeneratedSummary; generateMs: number } | SeedCommandItem;

/**
 * The seed's pure half: generate the district, then each command parsed and validated, in
 * recorded order, after one summary item. It needs no store, so it can run on a worker thread
 * while the main thread decides and appends.
 */
export function* seedItems(options: SeedOptions): Generator<SeedItem> {
  const started = performance.now();
  const generated = generateSeed(options);
  const { commands: _commands, ...summary } = generated;
  yield { kind: 'generated', summary, generateMs: performance.now() - started };
  const catalog = validationCatalog();
  for (const { recordedAt, json } of generated.commands()) {
    const raw = JSON.parse(json) as { type: string; commandId: string };
    const item: SeedCommandItem = {
      kind: 'command',
      recordedAt,
      type: raw.type,
      commandId: raw.commandId,
    };
    try {
      const { request } = parseCommand(raw, catalog);
      item.validated = { request, fingerprint: commandFingerprint(request) };
    } catch (error) {
      if (!(error instanceof CommandValidationError)) throw error;
      item.invalid = { code: error.code, message: error.message };
    }
    yield item;
  }
}
