import { createHash } from "node:crypto";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import {
  DependencyFault,
  DocumentNotFoundFault,
  type DocumentRef,
  type DocumentStore,
  type DocumentToStore,
  OnboardingFault,
  type UploadRead,
  type UploadRef,
} from "@onboarding/core";
import { dependencyFault, errorName } from "./sdk-error.js";

export interface S3DocumentStoreOptions {
  readonly client: S3Client;
  /** The bucket unpacked documents are written to, and uploads are read from when `UploadRef.bucket` is `""`. */
  readonly bucket: string;
  /**
   * The key prefix of unpacked documents, ending in `/`; a document is stored at
   * `<documentPrefix><applicationId>/<name>`. It must not overlap the prefix that triggers intake,
   * or writing a document would look like a new upload. Default `applications/`.
   */
  readonly documentPrefix?: string;
}

const DEPENDENCY = "s3";
/** Application ids and document names become key segments: keep them to a safe alphabet. */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,254}$/;
/** An S3 ETag (MD5, or MD5-of-parts `-N` for multipart), quoted or not. */
const ETAG = /^"?[0-9a-f]{32}(-\d+)?"?$/;
const NOT_FOUND = new Set(["NoSuchKey", "NotFound", "NoSuchVersion", "PreconditionFailed"]);

/** A missing object (HeadObject's bare 404 is named `NotFound`); a missing bucket is not one of these. */
const isNotFound = (error: unknown): boolean => NOT_FOUND.has(errorName(error));

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes);

/**
 * The `DocumentStore` on Amazon S3.
 *
 * - `readUpload` asks HeadObject for the size first and refuses an oversized upload without
 *   downloading a byte; it still counts the streamed body and stops at the limit, in case the
 *   object changed between the two calls.
 * - `putDocument` writes `<documentPrefix><applicationId>/<name>` with SSE-S3 (`AES256`), the
 *   content type and a SHA-256 checksum S3 verifies on arrival. The only user metadata is the hex
 *   SHA-256, so neither keys nor metadata carry PII.
 *
 * @example
 * ```ts
 * const store = new S3DocumentStore({ client: new S3Client({}), bucket: "onboarding-documents" });
 * const ref = await store.putDocument({ applicationId, name: "license.jpg", contentType: "image/jpeg", bytes });
 * ```
 */
export class S3DocumentStore implements DocumentStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(options: S3DocumentStoreOptions) {
    const prefix = options.documentPrefix ?? "applications/";
    if (options.bucket === "")
      throw new OnboardingFault("CONFIGURATION_INVALID", "S3DocumentStore needs a bucket");
    if (prefix !== "" && !prefix.endsWith("/")) {
      throw new OnboardingFault("CONFIGURATION_INVALID", `documentPrefix must end with "/" (got ${prefix})`);
    }
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#prefix = prefix;
  }

  async readUpload(upload: UploadRef, options: { readonly maxBytes: number }): Promise<UploadRead> {
    const bucket = upload.bucket === "" ? this.#bucket : upload.bucket;
    const version = versionOf(upload);
    const head = await this.#call("HeadObject", upload.key, () =>
      this.#client.send(new HeadObjectCommand({ Bucket: bucket, Key: upload.key, ...version })),
    );
    const size = head.ContentLength ?? 0;
    if (size > options.maxBytes) return { status: "TOO_LARGE", size };

    // IfMatch on the ETag HeadObject saw: the bytes read are the ones whose size was checked.
    const etag = head.ETag === undefined ? {} : { IfMatch: head.ETag };
    const object = await this.#call("GetObject", upload.key, () =>
      this.#client.send(new GetObjectCommand({ Bucket: bucket, Key: upload.key, ...version, ...etag })),
    );
    return readBounded(object.Body, options.maxBytes);
  }

  async putDocument(document: DocumentToStore): Promise<DocumentRef> {
    const key = this.#keyOf(document.applicationId, document.name);
    const digest = sha256(document.bytes);
    const hex = digest.copy().digest("hex");
    await this.#call("PutObject", key, () =>
      this.#client.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: document.bytes,
          ContentType: document.contentType,
          ContentLength: document.bytes.byteLength,
          ServerSideEncryption: "AES256",
          ChecksumSHA256: digest.digest("base64"),
          Metadata: { sha256: hex },
        }),
      ),
    );
    return { key, contentType: document.contentType, size: document.bytes.byteLength, sha256: hex };
  }

  async getDocument(ref: Pick<DocumentRef, "key">): Promise<Uint8Array> {
    const object = await this.#call("GetObject", ref.key, () =>
      this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: ref.key })),
    );
    const read = await readBounded(object.Body, Number.POSITIVE_INFINITY);
    return read.status === "READ" ? read.bytes : new Uint8Array();
  }

  async listDocuments(applicationId: string): Promise<readonly DocumentRef[]> {
    const keys = await this.#listKeys(this.#bucket, this.#applicationPrefix(applicationId));
    return Promise.all(
      keys.map(async (key) => {
        const head = await this.#call("HeadObject", key, () =>
          this.#client.send(
            new HeadObjectCommand({ Bucket: this.#bucket, Key: key, ChecksumMode: "ENABLED" }),
          ),
        );
        const checksum = head.ChecksumSHA256;
        const hex =
          head.Metadata?.sha256 ?? (checksum ? Buffer.from(checksum, "base64").toString("hex") : "");
        return {
          key,
          contentType: head.ContentType ?? "application/octet-stream",
          size: head.ContentLength ?? 0,
          sha256: hex,
        };
      }),
    );
  }

  /**
   * Deletes every document of an application, every version of each where the bucket keeps
   * versions: a delete marker alone would leave the biometric images recoverable.
   */
  async deleteDocuments(applicationId: string): Promise<void> {
    await this.#deletePermanently(this.#bucket, this.#applicationPrefix(applicationId), () => true);
  }

  /** Deletes an upload, every version of it where the bucket keeps versions. */
  async deleteUpload(upload: UploadRef): Promise<void> {
    const bucket = upload.bucket === "" ? this.#bucket : upload.bucket;
    await this.#deletePermanently(bucket, upload.key, (key) => key === upload.key);
  }

  async #deletePermanently(bucket: string, prefix: string, keep: (key: string) => boolean): Promise<void> {
    // Versions and delete markers first (versioned buckets), then whatever is still current
    // (unversioned buckets, and servers that do not implement ListObjectVersions).
    const versions = (await this.#listVersions(bucket, prefix)).filter((v) => keep(v.Key));
    await this.#deleteBatch(bucket, prefix, versions);
    const current = (await this.#listKeys(bucket, prefix)).filter(keep).map((Key) => ({ Key }));
    await this.#deleteBatch(bucket, prefix, current);
  }

  async #deleteBatch(
    bucket: string,
    prefix: string,
    objects: readonly { Key: string; VersionId?: string }[],
  ): Promise<void> {
    for (let start = 0; start < objects.length; start += 1000) {
      const batch = objects.slice(start, start + 1000);
      const result = await this.#call("DeleteObjects", prefix, () =>
        this.#client.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }),
        ),
      );
      const failed = result.Errors ?? [];
      if (failed.length > 0) {
        // DeleteObjects answers 200 and lists per-key failures: those are still a failed delete.
        throw new DependencyFault(
          DEPENDENCY,
          `DeleteObjects failed for ${failed.length} object(s) (${failed[0]?.Code ?? "unknown"})`,
          { retryable: true },
        );
      }
    }
  }

  async #listVersions(bucket: string, prefix: string): Promise<{ Key: string; VersionId: string }[]> {
    const found: { Key: string; VersionId: string }[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    try {
      do {
        const page = await this.#client.send(
          new ListObjectVersionsCommand({
            Bucket: bucket,
            Prefix: prefix,
            ...(keyMarker === undefined ? {} : { KeyMarker: keyMarker }),
            ...(versionMarker === undefined ? {} : { VersionIdMarker: versionMarker }),
          }),
        );
        for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
          // "null" is the version id of an object written before versioning: deleted by key below.
          if (v.Key !== undefined && v.VersionId !== undefined && v.VersionId !== "null")
            found.push({ Key: v.Key, VersionId: v.VersionId });
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker !== undefined);
    } catch (error) {
      // Servers without versioning (s3rver answers 405 MethodNotAllowed) keep only current objects.
      if (["NotImplemented", "MethodNotAllowed"].includes(errorName(error))) return [];
      throw dependencyFault(DEPENDENCY, "ListObjectVersions", error);
    }
    return found;
  }

  #applicationPrefix(applicationId: string): string {
    if (!SAFE_SEGMENT.test(applicationId)) {
      throw new OnboardingFault("CONFIGURATION_INVALID", "application id is not a safe S3 key segment");
    }
    return `${this.#prefix}${applicationId}/`;
  }

  #keyOf(applicationId: string, name: string): string {
    if (!SAFE_SEGMENT.test(name) || name.includes("..")) {
      throw new OnboardingFault("CONFIGURATION_INVALID", "document name is not a safe S3 key segment");
    }
    return `${this.#applicationPrefix(applicationId)}${name}`;
  }

  async #listKeys(bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.#call("ListObjectsV2", prefix, () =>
        this.#client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ...(token === undefined ? {} : { ContinuationToken: token }),
          }),
        ),
      );
      for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys;
  }

  async #call<T>(operation: string, key: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (isNotFound(error)) throw new DocumentNotFoundFault(key, { cause: error });
      throw dependencyFault(DEPENDENCY, operation, error);
    }
  }
}

/** `UploadRef.version` is either an S3 version id or an ETag; each selects the object differently. */
function versionOf(upload: UploadRef): { VersionId?: string; IfMatch?: string } {
  if (upload.version === undefined || upload.version === "") return {};
  if (ETAG.test(upload.version)) {
    return { IfMatch: upload.version.startsWith('"') ? upload.version : `"${upload.version}"` };
  }
  return { VersionId: upload.version };
}

/** Reads a body stream, stopping (and destroying the stream) as soon as it passes `maxBytes`. */
async function readBounded(body: unknown, maxBytes: number): Promise<UploadRead> {
  if (body === undefined || body === null) return { status: "READ", bytes: new Uint8Array() };
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    total += bytes.byteLength;
    if (total > maxBytes) {
      (body as { destroy?: () => void }).destroy?.();
      return { status: "TOO_LARGE", size: total };
    }
    chunks.push(bytes);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { status: "READ", bytes };
}
