/**
 * One run at a time per output folder and shard. Two processes writing the
 * same chunks into one folder would delete each other's temporary files; so a
 * run holds an exclusive lock (`flock`) on `<out>/.partsflow/lock-<i>of<N>`
 * while it writes. Shards of one run lock different files and still run side
 * by side. The operating system drops the lock when the process ends, killed
 * or not, so a stale lock never blocks a rerun.
 *
 * @module
 */

/** A held lock; {@link FolderLock.release} lets the next run in. */
export interface FolderLock {
  /** Releases the lock (idempotent). */
  release(): void;
}

/** Path of the lock file of shard `index` of `count` in the state folder `state`. */
export function lockPath(state: string, index: number, count: number): string {
  return `${state}/lock-${index}of${count}`;
}

/**
 * Takes the lock at `path` without waiting: null when another process holds
 * it. The state folder must exist.
 */
export async function tryLock(path: string): Promise<FolderLock | null> {
  const file = await Deno.open(path, { read: true, write: true, create: true });
  let held = false;
  try {
    held = await file.tryLock(true);
  } finally {
    if (!held) file.close();
  }
  if (!held) return null;
  let open = true;
  return {
    release() {
      if (!open) return;
      open = false;
      file.close(); // closing the file drops the lock
    },
  };
}
