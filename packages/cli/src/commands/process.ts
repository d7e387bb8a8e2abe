import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { DEFAULT_INTAKE_LIMITS, type UploadRef } from "@onboarding/core";
import { createEngines, describeEngines, type EngineKind } from "../engines.js";
import { UsageError } from "../errors.js";
import { formatReport } from "../format.js";
import type { Io } from "../io.js";
import { toReport } from "../report.js";
import { createLocalRuntime, runSubmission } from "../runtime.js";

export interface ProcessOptions {
  readonly json: boolean;
  readonly engines: EngineKind;
}

/**
 * `onboard process <file.zip>`: one submission through `processSubmission` on the embedded
 * default, then the license-validation worker, and the decision printed. Exit status 0 whenever
 * the submission reached a status, including `INVALID_SUBMISSION`.
 */
export async function processCommand(file: string, options: ProcessOptions, io: Io): Promise<number> {
  // The local engines read the documents from the runtime's store, which needs the engines first.
  let read: (ref: { readonly key: string }) => Promise<Uint8Array> = () =>
    Promise.reject(new Error("no store yet"));
  const engines = createEngines(options.engines, (ref) => read(ref));
  try {
    const runtime = createLocalRuntime({ engines });
    read = (ref) => runtime.documentStore.getDocument(ref);
    const key = `uploads/${basename(file)}`;
    const upload = await putUpload(runtime.documentStore, key, file);
    const report = toReport(await runSubmission(runtime, upload));
    if (options.json) io.out(JSON.stringify(report, null, 2));
    else {
      io.out(io.style.dim(describeEngines(options.engines)));
      for (const line of formatReport(report, io.style)) io.out(line);
    }
    return 0;
  } finally {
    await engines.close();
  }
}

/**
 * Puts the file into the in-memory store as an upload. A file over the upload limit is not read:
 * like S3's event, the reference carries its size and intake refuses it from that alone.
 */
async function putUpload(
  store: { putUpload(key: string, bytes: Uint8Array): Promise<UploadRef> },
  key: string,
  file: string,
): Promise<UploadRef> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UsageError(`cannot read '${file}': is a directory`);
    if (info.size > DEFAULT_INTAKE_LIMITS.maxUploadBytes)
      return { ...(await store.putUpload(key, new Uint8Array())), size: info.size };
    return await store.putUpload(key, new Uint8Array(await readFile(file)));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read '${file}': ${describeFsError(error)}`);
  }
}

const FS_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  ENOTDIR: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "name too long",
};

const describeFsError = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return FS_ERRORS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
};
