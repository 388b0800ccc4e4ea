import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temporary file beside `path` that a write goes to first (hidden, unique to this process and moment). */
function tempFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
}

/**
 * Writes a file so that a crash at any moment leaves either the old or the new content: the data goes
 * to a temporary file in the same folder, is flushed to disk, and is renamed over the target. On any
 * failure (a full disk, a target that is a folder, no permission) the temporary file is removed and the
 * error is thrown: nothing is left behind and the target is untouched.
 */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = tempFor(path);
  const fd = openSync(tmp, 'wx');
  try {
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

/** `writeFileAtomic` without blocking the thread (the editor's extension host): the same steps, awaited. */
export async function writeFileAtomicAsync(path: string, content: string): Promise<void> {
  const tmp = tempFor(path);
  const file = await open(tmp, 'wx');
  try {
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
