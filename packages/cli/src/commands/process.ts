import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { DEFAULT_INTAKE_LIMITS, deriveApplicationId, type UploadRef } from "@onboarding/core";
import { createEngines, describeEngines, type EngineKind } from "../engines.js";
import { UsageError } from "../errors.js";
import { formatReport } from "../format.js";
import type { Io } from "../io.js";
import { toReport } from "../report.js";
import { createFileRuntime, runSubmission } from "../runtime.js";

export interface ProcessOptions {
  readonly json: boolean;
  readonly engines: EngineKind;
  /** Where the upload, documents and application are kept (`--data-dir`). Holds PII. */
  readonly dataDir: string;
}

/**
 * `onboard process <file.zip>`: one submission through `processSubmission` on the embedded
 * default (applications, documents and the upload in the data directory; queue and notifier in
 * memory), then the license-validation worker, and the decision printed. Exit status 0 whenever
 * the submission reached a status, including `INVALID_SUBMISSION`.
 *
 * The upload key is derived from the file's bytes, so processing the same file again shows the
 * application already stored, and two different files never share an upload.
 */
export async function processCommand(file: string, options: ProcessOptions, io: Io): Promise<number> {
  // The local engines read the documents from the runtime's store, which needs the engines first.
  let read: (ref: { readonly key: string }) => Promise<Uint8Array> = () =>
    Promise.reject(new Error("no store yet"));
  const engines = createEngines(options.engines, (ref) => read(ref));
  try {
    const runtime = createFileRuntime({ dataDir: options.dataDir, engines });
    read = (ref) => runtime.documentStore.getDocument(ref);
    const upload = await putUpload(runtime.documentStore, file);
    const known = await runtime.customerRepo.get(await deriveApplicationId(upload));
    const run = await runSubmission(runtime, upload);
    // Processing an erased application's file again must not bring its upload back.
    if (run.view.erasedAt !== undefined) await runtime.documentStore.deleteUpload(upload);
    const report = toReport(run);
    if (options.json) io.out(JSON.stringify(report, null, 2));
    else {
      io.out(io.style.dim(describeEngines(options.engines)));
      if (known !== undefined)
        io.out(io.style.dim("already in the data directory: shown as stored, not processed again"));
      for (const line of formatReport(report, io.style)) io.out(line);
      io.out("");
      io.out(
        io.style.dim(
          `stored in ${options.dataDir}: it holds PII (delete with 'onboard review erase <id>' or rm -r)`,
        ),
      );
    }
    return 0;
  } finally {
    await engines.close();
  }
}

/**
 * Puts the file into the store as an upload, `uploads/<SHA-256 of the bytes>.zip` (the file's own
 * name, which can be the applicant's, stays out of the data directory). A file over the upload
 * limit is neither read nor stored: like S3's event, the reference carries its size and intake
 * refuses it from that alone.
 */
async function putUpload(
  store: { putUpload(key: string, bytes: Uint8Array): Promise<UploadRef> },
  file: string,
): Promise<UploadRef> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UsageError(`cannot read '${file}': is a directory`);
    if (info.size > DEFAULT_INTAKE_LIMITS.maxUploadBytes)
      return { bucket: "", key: "uploads/oversized.zip", version: `size-${info.size}`, size: info.size };
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read '${file}': ${describeFsError(error)}`);
  }
  const digest = createHash("sha256").update(bytes).digest("hex");
  return store.putUpload(`uploads/${digest.slice(0, 32)}.zip`, bytes);
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

export const describeFsError = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return FS_ERRORS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
};
