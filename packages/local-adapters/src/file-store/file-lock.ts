import { randomBytes } from "node:crypto";
import { link, open, readFile, rename, rm, stat } from "node:fs/promises";
import { DependencyFault } from "@onboarding/core";
import { errnoOf, FILE_MODE } from "./files.js";

export interface FileLockOptions {
  /** How long to wait for a lock another writer holds before giving up (a retryable fault). Default 10 s. */
  readonly timeoutMs?: number;
  /**
   * A lock older than this is taken to be left by a crashed writer and is broken. A lock whose
   * process (same machine) is gone is broken at once. Default 30 s: a save holds it for milliseconds.
   */
  readonly staleMs?: number;
}

interface LockContent {
  readonly token: string;
  readonly pid: number;
  readonly at: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoOf(error) === "EPERM";
  }
};

async function readLock(path: string): Promise<LockContent | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as Partial<LockContent>;
    return typeof parsed.token === "string" && typeof parsed.pid === "number" && typeof parsed.at === "number"
      ? (parsed as LockContent)
      : undefined;
  } catch {
    // Missing, or created a moment ago and not written yet.
    return undefined;
  }
}

/**
 * Runs `fn` while holding an exclusive lock file at `path` (created with `O_EXCL`), so one writer
 * at a time, across processes, runs it. Waits with exponential backoff and jitter; recovers a
 * lock left by a crashed process. Meant for a local disk (`O_EXCL` on NFS is not reliable).
 */
export async function withFileLock<T>(
  path: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const token = await acquire(path, options);
  try {
    return await fn();
  } finally {
    await release(path, token);
  }
}

async function acquire(path: string, options: FileLockOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const token = randomBytes(12).toString("hex");
  const deadline = Date.now() + timeoutMs;
  let backoff = 2;
  for (;;) {
    try {
      const handle = await open(path, "wx", FILE_MODE);
      try {
        await handle.writeFile(JSON.stringify({ token, pid: process.pid, at: Date.now() }));
      } finally {
        await handle.close();
      }
      return token;
    } catch (error) {
      if (errnoOf(error) !== "EEXIST") throw error;
    }
    if (await breakIfStale(path, staleMs)) continue;
    if (Date.now() >= deadline)
      throw new DependencyFault("file-store", `timed out after ${timeoutMs} ms waiting for a lock`, {
        retryable: true,
      });
    await sleep(backoff + Math.random() * backoff);
    backoff = Math.min(backoff * 2, 100);
  }
}

/**
 * Breaks the lock at `path` if its holder crashed. The lock is first renamed aside, and removed
 * only if it is still the very file judged stale (same inode): if another writer broke it and took
 * a fresh one in between, that fresh lock is put back.
 */
async function breakIfStale(path: string, staleMs: number): Promise<boolean> {
  let observed: Awaited<ReturnType<typeof stat>>;
  try {
    observed = await stat(path);
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return true; // released meanwhile: try again at once
    throw error;
  }
  const content = await readLock(path);
  const age = Date.now() - (content?.at ?? observed.mtimeMs);
  const stale = (content !== undefined && !isAlive(content.pid)) || age > staleMs;
  if (!stale) return false;

  const aside = `${path}.${randomBytes(8).toString("hex")}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return true;
    throw error;
  }
  const moved = await stat(aside);
  if (moved.ino !== observed.ino || moved.dev !== observed.dev) {
    try {
      await link(aside, path);
    } catch (error) {
      if (errnoOf(error) !== "EEXIST") throw error;
    }
  }
  await rm(aside, { force: true });
  return true;
}

async function release(path: string, token: string): Promise<void> {
  // Only our own lock: if ours was broken as stale, the current one belongs to someone else.
  if ((await readLock(path))?.token === token) await rm(path, { force: true });
}
