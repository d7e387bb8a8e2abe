import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { sha256Hex } from "@onboarding/core";
import { documentStoreContract } from "@onboarding/core/testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RecordedRequest,
  S3RVER_CREDENTIALS,
  startS3rver,
} from "../../../scripts/local-servers/local-servers.mjs";
import { S3DocumentStore } from "./s3-document-store.js";
import { localS3Client, localServers, uniqueName } from "./test-support/local-servers.js";

const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

const codeOf = async (promise: Promise<unknown>): Promise<{ code?: string; retryable?: boolean }> => {
  try {
    await promise;
    return {};
  } catch (error) {
    return error as { code?: string; retryable?: boolean };
  }
};

/** One bucket for this file on the shared s3rver, made on first use. */
let bucketReady: Promise<string> | undefined;
const sharedBucket = (): Promise<string> => {
  bucketReady ??= (async () => {
    const bucket = uniqueName("docs");
    await localS3Client().send(new CreateBucketCommand({ Bucket: bucket }));
    return bucket;
  })();
  return bucketReady;
};

documentStoreContract({
  name: "S3DocumentStore (s3rver)",
  make: async () => {
    const client = localS3Client();
    const bucket = await sharedBucket();
    return {
      store: new S3DocumentStore({ client, bucket }),
      seedUpload: async (key, bytes) => {
        const put = await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ServerSideEncryption: "AES256" }),
        );
        return {
          bucket,
          key,
          size: bytes.byteLength,
          ...(put.ETag === undefined ? {} : { version: put.ETag }),
        };
      },
    };
  },
});

describe("S3DocumentStore against s3rver, watching each request", () => {
  const requests: RecordedRequest[] = [];
  let server: Awaited<ReturnType<typeof startS3rver>>;
  let client: S3Client;
  const bucket = "documents";

  beforeAll(async () => {
    server = await startS3rver({
      fromDir: PACKAGE_DIR,
      buckets: [bucket],
      onRequest: (r) => requests.push(r),
    });
    client = new S3Client({
      region: localServers().region,
      endpoint: server.endpoint,
      credentials: { ...S3RVER_CREDENTIALS },
      forcePathStyle: true,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  it("writes a document under the application's prefix with SSE-S3, its content type and its SHA-256", async () => {
    const store = new S3DocumentStore({ client, bucket });
    const bytes = bytesOf("license image bytes");
    const hex = await sha256Hex(bytes);

    const ref = await store.putDocument({
      applicationId: "app-42",
      name: "license.jpg",
      contentType: "image/jpeg",
      bytes,
    });

    const put = requests.find(
      (r) => r.method === "PUT" && r.path === `/${bucket}/applications/app-42/license.jpg`,
    );
    expect(ref).toEqual({
      key: "applications/app-42/license.jpg",
      contentType: "image/jpeg",
      size: bytes.byteLength,
      sha256: hex,
    });
    expect(put?.headers["x-amz-server-side-encryption"]).toBe("AES256");
    expect(put?.headers["content-type"]).toBe("image/jpeg");
    expect(put?.headers["x-amz-checksum-sha256"]).toBe(Buffer.from(hex, "hex").toString("base64"));
    const userMetadata = Object.keys(put?.headers ?? {}).filter((h) => h.startsWith("x-amz-meta-"));
    expect(userMetadata).toEqual(["x-amz-meta-sha256"]);
  });

  it("stores nothing but the SHA-256 as object metadata, and keys hold only the id and the name", async () => {
    const store = new S3DocumentStore({ client, bucket });
    await store.putDocument({
      applicationId: "app-43",
      name: "selfie.png",
      contentType: "image/png",
      bytes: bytesOf("x"),
    });

    const head = await client.send(
      new HeadObjectCommand({ Bucket: bucket, Key: "applications/app-43/selfie.png" }),
    );

    expect(head.Metadata).toEqual({ sha256: await sha256Hex(bytesOf("x")) });
    expect(head.ContentType).toBe("image/png");
    expect((await store.listDocuments("app-43")).map((d) => d.key)).toEqual([
      "applications/app-43/selfie.png",
    ]);
  });

  it("is refused by the server (like a deny-unencrypted bucket policy) when SSE is missing", async () => {
    const code = await codeOf(
      client.send(
        new PutObjectCommand({ Bucket: bucket, Key: "applications/app-44/plain.jpg", Body: bytesOf("x") }),
      ),
    );

    expect((code as { name?: string }).name).toBe("AccessDenied");
  });

  it("keeps documents apart from uploads: a custom prefix is honoured and uploads are left alone", async () => {
    const store = new S3DocumentStore({ client, bucket, documentPrefix: "unpacked/" });
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "uploads/app-45.zip",
        Body: bytesOf("zip"),
        ServerSideEncryption: "AES256",
      }),
    );

    const ref = await store.putDocument({
      applicationId: "app-45",
      name: "application.csv",
      contentType: "text/csv",
      bytes: bytesOf("csv"),
    });
    await store.deleteDocuments("app-45");

    expect(ref.key).toBe("unpacked/app-45/application.csv");
    const upload = await client.send(new GetObjectCommand({ Bucket: bucket, Key: "uploads/app-45.zip" }));
    expect(await upload.Body?.transformToString()).toBe("zip");
  });

  it("refuses names and ids that would escape the application's prefix", async () => {
    const store = new S3DocumentStore({ client, bucket });

    const traversal = await codeOf(
      store.putDocument({
        applicationId: "app-46",
        name: "../x.jpg",
        contentType: "image/jpeg",
        bytes: bytesOf("x"),
      }),
    );
    const slash = await codeOf(
      store.putDocument({
        applicationId: "a/b",
        name: "x.jpg",
        contentType: "image/jpeg",
        bytes: bytesOf("x"),
      }),
    );

    expect(traversal.code).toBe("CONFIGURATION_INVALID");
    expect(slash.code).toBe("CONFIGURATION_INVALID");
  });

  it("reports a bucket that does not exist as a non-retryable DependencyFault", async () => {
    const store = new S3DocumentStore({ client, bucket: "no-such-bucket" });

    const fault = await codeOf(
      store.putDocument({
        applicationId: "app-47",
        name: "x.jpg",
        contentType: "image/jpeg",
        bytes: bytesOf("x"),
      }),
    );

    expect(fault).toMatchObject({ code: "DEPENDENCY_FAILED", retryable: false });
  });
});

describe("S3DocumentStore size guards (mocked S3 client)", () => {
  // Mock this one instance: mocking the class would mock the s3rver tests' clients too.
  const client = new S3Client({ region: "us-east-1" });
  const s3 = mockClient(client);
  const upload = { bucket: "uploads", key: "uploads/big.zip" };

  it("refuses a 2 GB upload from HeadObject alone, downloading nothing", async () => {
    s3.reset();
    s3.on(HeadObjectCommand).resolves({
      ContentLength: 2 * 1024 ** 3,
      ETag: '"0123456789abcdef0123456789abcdef"',
    });
    const store = new S3DocumentStore({ client, bucket: "documents" });

    const read = await store.readUpload(upload, { maxBytes: 50 * 1024 ** 2 });

    expect(read).toEqual({ status: "TOO_LARGE", size: 2 * 1024 ** 3 });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it("still stops a body that grows past the limit after HeadObject", async () => {
    s3.reset();
    s3.on(HeadObjectCommand).resolves({ ContentLength: 10, ETag: '"0123456789abcdef0123456789abcdef"' });
    s3.on(GetObjectCommand).resolves({
      Body: Readable.from([new Uint8Array(8), new Uint8Array(8), new Uint8Array(8)]) as never,
    });
    const store = new S3DocumentStore({ client, bucket: "documents" });

    const read = await store.readUpload(upload, { maxBytes: 12 });

    expect(read).toEqual({ status: "TOO_LARGE", size: 16 });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input.IfMatch).toBe(
      '"0123456789abcdef0123456789abcdef"',
    );
  });

  it("turns S3 throttling (503 SlowDown) into a retryable DEPENDENCY_THROTTLED fault", async () => {
    s3.reset();
    s3.on(HeadObjectCommand).rejects(
      new S3ServiceException({
        name: "SlowDown",
        $fault: "server",
        $metadata: { httpStatusCode: 503 },
        message: "Please reduce your request rate.",
      }),
    );
    const store = new S3DocumentStore({ client, bucket: "documents" });

    const fault = await codeOf(store.readUpload(upload, { maxBytes: 10 }));

    expect(fault).toMatchObject({ code: "DEPENDENCY_THROTTLED", retryable: true });
  });
});
