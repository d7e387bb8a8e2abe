import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { ApplicationRecord } from "@onboarding/core";
import { anApplicationRecord, customerRepoContract, documentStoreContract } from "@onboarding/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { FileCustomerRepo } from "./file-customer-repo.js";
import { FileDocumentStore } from "./file-document-store.js";

const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "file-store-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

const next = (record: ApplicationRecord, changes: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
  ...record,
  ...changes,
  version: record.version + 1,
});

/** Every file and folder under `dir`, relative, sorted. */
const tree = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[]).map((p) => p.replaceAll("\\", "/")).sort();

customerRepoContract({ name: "FileCustomerRepo", make: () => new FileCustomerRepo({ dir: freshDir() }) });

documentStoreContract({
  name: "FileDocumentStore",
  make: () => {
    const store = new FileDocumentStore({ dir: freshDir() });
    return { store, seedUpload: (key, bytes) => store.putUpload(key, bytes) };
  },
});

describe("FileCustomerRepo across instances and processes", () => {
  it("lets exactly one of two repos over the same directory win concurrent saves of one version", async () => {
    const dir = freshDir();
    const [a, b] = [new FileCustomerRepo({ dir }), new FileCustomerRepo({ dir })];
    for (let round = 0; round < 10; round += 1) {
      const record = anApplicationRecord();
      await a.create(record);

      const results = await Promise.allSettled([
        a.save(next(record, { effectsDone: ["a"] })),
        b.save(next(record, { effectsDone: ["b"] })),
      ]);

      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((loser.reason as { code?: string }).code).toBe("VERSION_CONFLICT");
      const winner = results[0]?.status === "fulfilled" ? "a" : "b";
      expect((await b.get(record.applicationId))?.effectsDone).toEqual([winner]);
    }
  });

  it("lets exactly one of two concurrent creates of one id win", async () => {
    const dir = freshDir();
    const record = anApplicationRecord();

    const results = await Promise.allSettled([
      new FileCustomerRepo({ dir }).create(record),
      new FileCustomerRepo({ dir }).create({ ...record, status: "INVALID_SUBMISSION" }),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((loser.reason as { code?: string }).code).toBe("APPLICATION_EXISTS");
  });

  it("loses no update when two processes save the same application in a loop", async () => {
    const dir = freshDir();
    const record = anApplicationRecord();
    await new FileCustomerRepo({ dir }).create(record);
    const writer = fileURLToPath(new URL("./concurrent-writer.ts", import.meta.url));
    const cwd = fileURLToPath(new URL("../..", import.meta.url));
    const startAt = String(Date.now() + 2_000);
    const run = (label: string) =>
      promisify(execFile)(
        process.execPath,
        ["--import", "tsx", writer, dir, record.applicationId, label, "15", startAt],
        {
          cwd,
        },
      );

    const outputs = await Promise.all([run("p"), run("q")]);

    const stored = await new FileCustomerRepo({ dir }).get(record.applicationId);
    expect(stored?.version).toBe(31);
    expect([...(stored?.effectsDone ?? [])].sort()).toEqual(
      [
        ...Array.from({ length: 15 }, (_, i) => `p-${i}`),
        ...Array.from({ length: 15 }, (_, i) => `q-${i}`),
      ].sort(),
    );
    // How often a process lost a race and retried (timing-dependent, so reported, not asserted).
    const conflicts = outputs.map((o) => (JSON.parse(o.stdout) as { conflicts: number }).conflicts);
    console.info(`cross-process saves: ${conflicts.join(" + ")} version conflicts retried`);
    expect(tree(join(dir, "applications"))).toEqual([`${record.applicationId}.json`]);
  }, 60_000);
});

describe("FileCustomerRepo locks", () => {
  it("breaks a lock left by a process that no longer runs", async () => {
    const dir = freshDir();
    const repo = new FileCustomerRepo({ dir, lock: { timeoutMs: 2_000 } });
    const record = anApplicationRecord();
    await repo.create(record);
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(
      join(dir, "applications", `${record.applicationId}.json.lock`),
      JSON.stringify({ token: "dead", pid: gone, at: Date.now() }),
    );

    await repo.save(next(record, { status: "DOCUMENTS_STORED" }));

    expect((await repo.get(record.applicationId))?.version).toBe(2);
    expect(tree(join(dir, "applications"))).toEqual([`${record.applicationId}.json`]);
  });

  it("breaks a lock older than staleMs even if its process still runs", async () => {
    const dir = freshDir();
    const repo = new FileCustomerRepo({ dir, lock: { timeoutMs: 2_000, staleMs: 1_000 } });
    const record = anApplicationRecord();
    await repo.create(record);
    writeFileSync(
      join(dir, "applications", `${record.applicationId}.json.lock`),
      JSON.stringify({ token: "old", pid: process.pid, at: Date.now() - 5_000 }),
    );

    await repo.save(next(record));

    expect((await repo.get(record.applicationId))?.version).toBe(2);
  });

  it("waits for a live lock, then gives up with a retryable fault and leaves the lock alone", async () => {
    const dir = freshDir();
    const repo = new FileCustomerRepo({ dir, lock: { timeoutMs: 150 } });
    const record = anApplicationRecord();
    await repo.create(record);
    const lock = join(dir, "applications", `${record.applicationId}.json.lock`);
    writeFileSync(lock, JSON.stringify({ token: "live", pid: process.pid, at: Date.now() }));

    const error = await repo.save(next(record)).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: "DEPENDENCY_UNAVAILABLE", retryable: true });
    expect(statSync(lock).isFile()).toBe(true);
    expect((await repo.get(record.applicationId))?.version).toBe(1);
  });
});

describe("File stores keep PII to the owner and inside the directory", () => {
  it("writes files 0600 and folders 0700, and leaves no temporary file", async () => {
    const dir = join(freshDir(), "data");
    const repo = new FileCustomerRepo({ dir });
    const store = new FileDocumentStore({ dir });
    const record = anApplicationRecord();

    await repo.create(record);
    await repo.save(next(record));
    await store.putUpload("uploads/a.zip", new Uint8Array([1, 2, 3]));
    await store.putDocument({
      applicationId: record.applicationId,
      name: "selfie.jpg",
      contentType: "image/jpeg",
      bytes: new Uint8Array([4]),
    });

    const entries = tree(dir);
    expect(entries.filter((p) => p.endsWith(".tmp") || p.endsWith(".lock"))).toEqual([]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const entry of entries) {
      const info = statSync(join(dir, entry));
      expect([entry, info.mode & 0o777]).toEqual([entry, info.isDirectory() ? 0o700 : 0o600]);
    }
    expect(entries).toEqual(
      expect.arrayContaining([
        `applications/${record.applicationId}.json`,
        `documents/${record.applicationId}/selfie.jpg`,
        "uploads/a.zip",
      ]),
    );
  });

  it("refuses ids, names and keys that would leave the directory", async () => {
    const root = freshDir();
    const dir = join(root, "data");
    const repo = new FileCustomerRepo({ dir });
    const store = new FileDocumentStore({ dir });
    const doc = {
      applicationId: "app-1",
      name: "license.jpg",
      contentType: "image/jpeg",
      bytes: new Uint8Array(),
    };

    for (const applicationId of ["../escape", "a/b", ".hidden", "", "x".repeat(129)])
      expect(await codeOf(repo.create(anApplicationRecord({ applicationId })))).toBe("DEPENDENCY_FAILED");
    expect(await repo.get("../../etc/passwd")).toBeUndefined();
    for (const bad of [{ name: "../../escape.jpg" }, { name: ".meta" }, { applicationId: ".." }])
      expect(await codeOf(store.putDocument({ ...doc, ...bad }))).toBe("DEPENDENCY_FAILED");
    for (const key of ["uploads/../escape.zip", "../escape.zip", "uploads/", "elsewhere/a.zip"])
      expect(await codeOf(store.putUpload(key, new Uint8Array()))).toBe("DEPENDENCY_FAILED");
    expect(await codeOf(store.getDocument({ key: "documents/../../../etc/passwd" }))).toBe(
      "DOCUMENT_NOT_FOUND",
    );
    expect(await codeOf(store.readUpload({ bucket: "", key: "uploads/../../x" }, { maxBytes: 9 }))).toBe(
      "DOCUMENT_NOT_FOUND",
    );
    expect(await store.listDocuments("..")).toEqual([]);

    expect(readdirSync(root)).toEqual(readdirSync(root).filter((name) => name === "data"));
  });

  it("deletes the files themselves: documents, their folder, and the upload", async () => {
    const dir = freshDir();
    const store = new FileDocumentStore({ dir });
    const upload = await store.putUpload("uploads/x.zip", new Uint8Array([1]));
    for (const name of ["license.jpg", "selfie.jpg"])
      await store.putDocument({
        applicationId: "app-9",
        name,
        contentType: "image/jpeg",
        bytes: new Uint8Array([2]),
      });

    await store.deleteDocuments("app-9");
    await store.deleteUpload(upload);

    expect(tree(dir)).toEqual(["documents", "uploads"]);
  });

  it("erases what crashed writes left beside an application or an upload, and nothing being written", async () => {
    const dir = freshDir();
    const repo = new FileCustomerRepo({ dir });
    const store = new FileDocumentStore({ dir });
    const record = anApplicationRecord({ applicationId: "app-crashed" });
    await repo.create(record);
    const upload = await store.putUpload("uploads/crashed.zip", new Uint8Array([1]));
    const hourAgo = new Date(Date.now() - 3_600_000);
    /** A temporary file as `writeFileAtomic` names it, as if its writer had died before the rename. */
    const leftover = (path: string, hex: string, old: boolean): void => {
      const temp = join(dirname(path), `.${basename(path)}.${hex}.tmp`);
      writeFileSync(temp, "Maria Garcia, 1988-04-12");
      if (old) utimesSync(temp, hourAgo, hourAgo);
    };
    const recordPath = join(dir, "applications", "app-crashed.json");
    const uploadPath = join(dir, "uploads", "crashed.zip");
    leftover(recordPath, "0123456789abcdef", true);
    leftover(recordPath, "fedcba9876543210", false); // a write in progress
    leftover(uploadPath, "00112233445566ff", true);
    writeFileSync(join(dir, "applications", ".app-crashed.json.notes"), "not ours");

    // A save that is not an erasure leaves them (it is the hot path: no directory scan).
    await repo.save(next(record, { status: "MANUAL_REVIEW" }));
    expect(tree(dir).filter((p) => p.endsWith(".tmp"))).toHaveLength(3);

    await repo.save(
      next(next(record, { status: "MANUAL_REVIEW" }), { erasedAt: "2026-11-24T00:00:00.000Z" }),
    );
    await store.deleteUpload(upload);

    expect(tree(dir)).toEqual([
      "applications",
      "applications/.app-crashed.json.fedcba9876543210.tmp",
      "applications/.app-crashed.json.notes",
      "applications/app-crashed.json",
      "uploads",
    ]);
  });

  it("keeps a document's content type beside it, and lists documents only", async () => {
    const dir = freshDir();
    await new FileDocumentStore({ dir }).putDocument({
      applicationId: "app-3",
      name: "a.png",
      contentType: "image/png",
      bytes: new Uint8Array([1]),
    });

    const refs = await new FileDocumentStore({ dir }).listDocuments("app-3");

    expect(refs.map((r) => [r.key, r.contentType, r.size])).toEqual([
      ["documents/app-3/a.png", "image/png", 1],
    ]);
    expect(tree(join(dir, "documents", "app-3"))).toEqual([".a.png.meta.json", "a.png"]);
  });
});
