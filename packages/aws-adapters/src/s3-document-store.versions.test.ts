import {
  DeleteObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import { S3DocumentStore } from "./s3-document-store.js";

// s3rver keeps no versions, so permanent deletion in a versioned bucket is shown against a mock
// answering as S3 documents ListObjectVersions (Versions and DeleteMarkers, each with a VersionId).
const s3 = mockClient(S3Client);

describe("S3DocumentStore in a versioned bucket", () => {
  beforeEach(() => s3.reset());

  it("deletes every version and delete marker of an upload, not only the current object", async () => {
    s3.on(ListObjectVersionsCommand).resolves({
      IsTruncated: false,
      Versions: [
        { Key: "uploads/a.zip", VersionId: "v2", IsLatest: true },
        { Key: "uploads/a.zip", VersionId: "v1", IsLatest: false },
        { Key: "uploads/a.zip.bak", VersionId: "v9", IsLatest: true },
      ],
      DeleteMarkers: [{ Key: "uploads/a.zip", VersionId: "m1", IsLatest: false }],
    });
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, Contents: [] });
    s3.on(DeleteObjectsCommand).resolves({ Errors: [] });
    const store = new S3DocumentStore({ client: new S3Client({ region: "eu-west-1" }), bucket: "docs" });

    await store.deleteUpload({ bucket: "uploads-bucket", key: "uploads/a.zip" });

    expect(s3).toHaveReceivedCommandWith(DeleteObjectsCommand, {
      Bucket: "uploads-bucket",
      Delete: {
        Objects: [
          { Key: "uploads/a.zip", VersionId: "v2" },
          { Key: "uploads/a.zip", VersionId: "v1" },
          { Key: "uploads/a.zip", VersionId: "m1" },
        ],
        Quiet: true,
      },
    });
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectsCommand, 1);
  });

  it("deletes the documents of an application under its prefix, version by version", async () => {
    s3.on(ListObjectVersionsCommand).resolves({
      IsTruncated: false,
      Versions: [{ Key: "applications/app-1/selfie.png", VersionId: "s1" }],
    });
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, Contents: [] });
    s3.on(DeleteObjectsCommand).resolves({ Errors: [] });
    const store = new S3DocumentStore({ client: new S3Client({ region: "eu-west-1" }), bucket: "docs" });

    await store.deleteDocuments("app-1");

    expect(s3).toHaveReceivedCommandWith(ListObjectVersionsCommand, {
      Bucket: "docs",
      Prefix: "applications/app-1/",
    });
    expect(s3).toHaveReceivedCommandWith(DeleteObjectsCommand, {
      Bucket: "docs",
      Delete: { Objects: [{ Key: "applications/app-1/selfie.png", VersionId: "s1" }], Quiet: true },
    });
  });
});
