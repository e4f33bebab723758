// Both of the store's connections live in one process and better-sqlite3 waits for a lock by
// blocking the event loop. If a Prisma write waited on the bulk writer's open transaction, the
// importer could never reach commit(): a deadlock until the busy timeout. So the store lets Prisma
// write only while no import is open, and allows one import at a time.
import { StoreError } from './errors.js';

export class WriteGate {
  #open: { path: string; done: Promise<void>; release: () => void } | undefined;

  get busy(): boolean {
    return this.#open !== undefined;
  }

  /** Marks an import as open; throws when one already is. */
  enterImport(file: string, path: string): () => void {
    if (this.#open !== undefined) {
      throw new StoreError(`${file}: cannot import ${path} while the import of ${this.#open.path} is still open (commit or abort it first)`);
    }
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const entry = { path, done, release };
    this.#open = entry;
    return () => {
      if (this.#open === entry) this.#open = undefined;
      release();
    };
  }

  /** Resolves once no import is open. */
  async whenIdle(): Promise<void> {
    while (this.#open !== undefined) await this.#open.done;
  }
}
