import { randomBytes } from "node:crypto";
import { link, mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { DependencyFault } from "@onboarding/core";

/** Directories hold PII: owner only. */
export const DIR_MODE = 0o700;
/** Files hold PII: owner read/write only. */
export const FILE_MODE = 0o600;

/**
 * One path segment the stores accept: starts with a letter or digit (so never `.`, `..` or a
 * hidden file, which is where temporary and lock files live), then letters, digits, `.`, `_`, `-`;
 * at most 128 characters. No separator, so nothing can escape the directory it is joined to.
 */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const isSafeSegment = (value: unknown): value is string =>
  typeof value === "string" && SEGMENT.test(value);

/** The errno code of a Node file-system error, if it is one. */
export const errnoOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
};

/** Translates an unexpected file-system error into the library's fault, at the boundary. */
export const fsFault = (what: string, error: unknown): DependencyFault =>
  new DependencyFault("file-store", `${what}: ${errnoOf(error) ?? (error as Error)?.message ?? "failed"}`, {
    cause: error,
  });

export const ensureDir = async (path: string): Promise<void> => {
  await mkdir(path, { recursive: true, mode: DIR_MODE });
};

/** A temporary name beside `path`: hidden, so listings never see it, and unique per writer. */
const tempBeside = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);

const TEMP_SUFFIX = /^[0-9a-f]{16}\.tmp$/;

/** How old a temporary file must be to count as left behind: a write takes milliseconds. */
export const LEFTOVER_AGE_MS = 60_000;

/**
 * Removes the temporary files that writers of `path` which crashed between writing and renaming
 * left beside it (they hold what was being written: PII, for an application or an upload). Only
 * files older than `minAgeMs` go, so a write in progress is never disturbed. Returns how many.
 */
export async function removeLeftoverTemps(path: string, minAgeMs = LEFTOVER_AGE_MS): Promise<number> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix) || !TEMP_SUFFIX.test(name.slice(prefix.length))) continue;
    const temp = join(dir, name);
    try {
      if (Date.now() - (await stat(temp)).mtimeMs < minAgeMs) continue;
      await rm(temp, { force: true });
      removed += 1;
    } catch (error) {
      if (errnoOf(error) !== "ENOENT") throw error;
    }
  }
  return removed;
}

/** Makes a rename or link durable: the directory entry itself is flushed. */
async function syncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    // Some platforms cannot open or fsync a directory; the rename is still atomic there.
    if (!["EISDIR", "EPERM", "EINVAL", "EBADF"].includes(errnoOf(error) ?? "")) throw error;
  } finally {
    await handle?.close();
  }
}

/** Writes the bytes to a fresh hidden file beside `path`, mode 0600, and flushes them to disk. */
async function writeTemp(path: string, bytes: Uint8Array | string): Promise<string> {
  const temp = tempBeside(path);
  const handle = await open(temp, "wx", FILE_MODE);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  return temp;
}

/**
 * Replaces `path` atomically: a reader sees the old content or the new, never a mix, and a crash
 * leaves at worst a hidden temporary file.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const temp = await writeTemp(path, bytes);
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dirname(path));
}

/**
 * Creates `path` with the bytes only if nothing is there: the complete file appears at once
 * (`link` is atomic and fails with `EEXIST`), so a reader never sees it half-written and two
 * processes creating the same path cannot both succeed. Returns false when it existed.
 */
export async function createFileExclusive(path: string, bytes: Uint8Array | string): Promise<boolean> {
  const temp = await writeTemp(path, bytes);
  try {
    await link(temp, path);
  } catch (error) {
    if (errnoOf(error) === "EEXIST") return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
  await syncDir(dirname(path));
  return true;
}
