import { mkdir, mkdtemp, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const STAGING_PREFIX = '.rommer-extract-';

/**
 * A private folder inside the destination where one extraction writes first. Only a complete,
 * verified extraction is moved into place (renames on the same file system), so a failure leaves
 * the destination without partial files.
 */
export class Staging {
  readonly root: string;
  readonly #destDir: string;
  readonly #createdDest: boolean;
  readonly #madeDirs = new Set<string>();

  private constructor(root: string, destDir: string, createdDest: boolean) {
    this.root = root;
    this.#destDir = destDir;
    this.#createdDest = createdDest;
  }

  static async create(destDir: string): Promise<Staging> {
    const created = (await mkdir(destDir, { recursive: true })) !== undefined;
    const root = await mkdtemp(join(destDir, STAGING_PREFIX));
    return new Staging(root, destDir, created);
  }

  /** Absolute staging path for a safe relative path, its parent folders created. */
  async prepareFile(relative: string): Promise<string> {
    const target = join(this.root, relative);
    await this.ensureDir(dirname(target));
    return target;
  }

  async ensureDir(absolute: string): Promise<void> {
    if (this.#madeDirs.has(absolute)) return;
    await mkdir(absolute, { recursive: true });
    this.#madeDirs.add(absolute);
  }

  /** Moves the staged files and folders into the destination, then removes the staging folder. */
  async commit(files: readonly string[], dirs: readonly string[]): Promise<void> {
    const moved: string[] = [];
    try {
      for (const dir of dirs) await mkdir(join(this.#destDir, dir), { recursive: true });
      const made = new Set<string>();
      for (const file of files) {
        const target = join(this.#destDir, file);
        const parent = dirname(target);
        if (!made.has(parent)) {
          await mkdir(parent, { recursive: true });
          made.add(parent);
        }
        await rename(join(this.root, file), target);
        moved.push(target);
      }
    } catch (error) {
      // Take back what this call already moved, so the destination holds nothing partial.
      await Promise.all(moved.map((target) => rm(target, { force: true })));
      await this.discard();
      throw error;
    }
    await rm(this.root, { recursive: true, force: true });
  }

  /** Removes everything this extraction wrote (and the destination, if it made it and it is empty). */
  async discard(): Promise<void> {
    await rm(this.root, { recursive: true, force: true, maxRetries: 3 });
    if (this.#createdDest) await rmdir(this.#destDir).catch(() => undefined);
  }
}
