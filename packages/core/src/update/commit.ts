import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Swaps a staged folder into place as `<dats>/<id>`. Two renames on the same file system: the old
 * folder moves to `<dats>/.trash/` first, then the staged one takes its name. A process killed
 * between the two leaves the old folder in the trash, and `recoverInterruptedCommits` puts it back.
 */
export async function commitStaged(stagedDir: string, targetDir: string, trashDir: string): Promise<void> {
  await fs.mkdir(trashDir, { recursive: true });
  await fs.mkdir(path.dirname(targetDir), { recursive: true });
  const parked = path.join(trashDir, `${path.basename(targetDir)}@${Date.now()}-${process.pid}`);
  let hadTarget = true;
  try {
    await fs.rename(targetDir, parked);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadTarget = false;
  }
  try {
    await fs.rename(stagedDir, targetDir);
  } catch (error) {
    if (hadTarget) await fs.rename(parked, targetDir);
    throw error;
  }
  if (hadTarget) await fs.rm(parked, { recursive: true, force: true });
}

/** Called once no commit is running (sources commit concurrently and share the trash). */
export async function removeIfEmpty(dir: string): Promise<void> {
  // rmdir refuses a non-empty folder: a parked copy is never thrown away here.
  await fs.rmdir(dir).catch(() => undefined);
}

/**
 * After a crash: a source folder that is missing while its parked copy is in the trash gets it
 * back; everything else in the trash and in staging is leftover and removed. Run under the lock.
 */
export async function recoverInterruptedCommits(datsDir: string, trashDir: string, stagingDir: string): Promise<string[]> {
  const restored: string[] = [];
  let parked: string[] = [];
  try {
    parked = (await fs.readdir(trashDir)).sort().reverse();
  } catch {
    parked = [];
  }
  for (const name of parked) {
    const id = name.split('@')[0] ?? name;
    const target = path.join(datsDir, id);
    const exists = await fs.stat(target).then(
      () => true,
      () => false,
    );
    if (!exists && id !== '') {
      await fs.rename(path.join(trashDir, name), target);
      restored.push(id);
    } else {
      await fs.rm(path.join(trashDir, name), { recursive: true, force: true });
    }
  }
  await removeIfEmpty(trashDir);
  await fs.rm(stagingDir, { recursive: true, force: true });
  return restored;
}
