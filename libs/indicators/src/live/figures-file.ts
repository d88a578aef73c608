import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { SavedFigures } from './live-figures';
import type { EventStore, StoreLocation } from '@libs/ledger';

// 2: checkpoint books tally teams and doctors too, and carry the year before for relative
// targets (LiveFigures.asOf answers any past day from them); a format-1 save is rebuilt.
const FORMAT = 2;

interface FileContent {
  format: number;
  /** The hash of the event at `figures.position`: the save belongs to this very log. */
  hash: string;
  figures: SavedFigures;
}

/**
 * The kept figures saved beside the SQLite store (`<store>.figures.json`, mode 0600), so a
 * restart serves the district's figures at once and reads the log again behind them. It is a
 * cache, never a source: it is used only when the event at its position still has its hash,
 * and anything wrong with it means the figures are built from the log as on a first start.
 */
export class FiguresFile {
  private constructor(readonly path: string | undefined) {}

  static beside(location: StoreLocation): FiguresFile {
    const file =
      location.kind === 'sqlite' && location.path !== ':memory:'
        ? `${location.path}.figures.json`
        : undefined;
    return new FiguresFile(file);
  }

  /** The saved figures if they belong to this store's log, with why not otherwise. */
  async load(store: EventStore): Promise<{ figures?: SavedFigures; why: string }> {
    if (!this.path || !existsSync(this.path)) return { why: 'no saved figures' };
    let content: FileContent;
    try {
      content = JSON.parse(readFileSync(this.path, 'utf8')) as FileContent;
    } catch (error) {
      return { why: `saved figures unreadable: ${(error as Error).message}` };
    }
    if (content.format !== FORMAT) return { why: `saved figures in format ${content.format}` };
    const position = content.figures?.position ?? 0;
    if (position <= 0) return { why: 'saved figures of an empty log' };
    const [event] = await store.readAll({ after: position - 1, limit: 1 });
    if (!event || event.position !== position || event.hash !== content.hash)
      return { why: `the log no longer has the saved event at position ${position}` };
    return { figures: content.figures, why: `saved at position ${position}` };
  }

  save(figures: SavedFigures, hash: string): void {
    if (!this.path) return;
    const temporary = this.temporary();
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, hash, figures }), { mode: 0o600 });
    // A rename is atomic: a crash leaves the old save or the new one, never half of one.
    renameSync(temporary, this.path);
  }

  /**
   * The same save with the file written off the event loop (a district's figures are 8 MB):
   * a running API saves every 30 s while it answers. One at a time: a save asked for while
   * another is being written is skipped, and the next one takes its figures.
   */
  saveInBackground(figures: SavedFigures, hash: string): Promise<boolean> {
    if (!this.path || this.writing) return Promise.resolve(false);
    const path = this.path;
    const temporary = `${this.temporary()}.background`;
    const content = JSON.stringify({ format: FORMAT, hash, figures });
    this.writing = (async () => {
      try {
        await writeFile(temporary, content, { mode: 0o600 });
        await rename(temporary, path);
        return true;
      } finally {
        this.writing = undefined;
      }
    })();
    return this.writing;
  }

  /** Waits for a save being written in the background, so a last save made after it stays last. */
  async settled(): Promise<void> {
    await this.writing?.catch(() => false);
  }

  private writing: Promise<boolean> | undefined;

  private temporary(): string {
    return `${this.path}.${process.pid}.tmp`;
  }
}
