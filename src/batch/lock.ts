/**
 * One build at a time per output folder (issue 8, item 4): two builds writing into the same out/
 * mix their files and build records. A lock folder, `<out>/.gareport.lock`, held with
 * proper-lockfile: made atomically (mkdir), its mtime refreshed while the build runs, and taken over
 * once it has not been refreshed for STALE_MS (the build that held it was killed).
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { lock } from 'proper-lockfile';

export const LOCK_NAME = '.gareport.lock';
/** A lock not refreshed for this long belongs to a build that is gone. */
export const STALE_MS = 10_000;
const POLL_MS = 250;

export interface LockWaiting {
  /** How long to wait for another build before giving up. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Called once, when the folder turns out to be locked and waiting begins. */
  onWait?: (() => void) | undefined;
}

export type LockOutcome =
  | { locked: true; release: () => Promise<void> }
  | { locked: false; reason: 'timeout' | 'aborted' };

/** Locks the output folder (which must exist), waiting for another build to finish. */
export async function lockOutput(out: string, waiting: LockWaiting): Promise<LockOutcome> {
  const deadline = Date.now() + waiting.timeoutMs;
  let waited = false;
  for (;;) {
    if (waiting.signal?.aborted) return { locked: false, reason: 'aborted' };
    try {
      const release = await lock(out, {
        lockfilePath: join(out, LOCK_NAME),
        realpath: false,
        stale: STALE_MS,
        // The lock could not be refreshed (an event loop blocked for STALE_MS, or the lock folder
        // removed by hand): another build may now take it. Nothing this build can do about it; the
        // default, throwing from a timer, would end it with an uncaught exception.
        onCompromised: () => undefined,
      });
      return { locked: true, release: () => release().catch(() => undefined) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    if (!waited) {
      waited = true;
      waiting.onWait?.();
    }
    if (Date.now() >= deadline) return { locked: false, reason: 'timeout' };
    await sleep(POLL_MS, undefined, { signal: waiting.signal }).catch(() => undefined);
  }
}
