import { describe, expect, it } from "vitest";
import { decodeS3Key, isUploadKey } from "./decode-s3-key.js";
import { s3EncodeKey } from "./test-support/local-aws.js";

describe("decodeS3Key", () => {
  it("reads + as a space and decodes percent-escapes", () => {
    expect(decodeS3Key("uploads/John+Doe%27s+app.zip")).toBe("uploads/John Doe's app.zip");
  });

  it("keeps an encoded plus (%2B) as a plus", () => {
    expect(decodeS3Key("uploads/a%2Bb+c.zip")).toBe("uploads/a+b c.zip");
  });

  it("decodes UTF-8 escapes", () => {
    expect(decodeS3Key("uploads/Jos%C3%A9+Mu%C3%B1oz+%E6%9D%8E.zip")).toBe("uploads/José Muñoz 李.zip");
  });

  it("leaves a key with nothing encoded as it is", () => {
    expect(decodeS3Key("uploads/2026/05/application-1.zip")).toBe("uploads/2026/05/application-1.zip");
  });

  it("round-trips keys encoded the way S3 encodes them", () => {
    for (const key of ["uploads/Maria Garcia's app (1).zip", "uploads/a+b=c&d.zip", "uploads/Zoë 100%.ZIP"]) {
      expect(decodeS3Key(s3EncodeKey(key))).toBe(key);
    }
  });

  it("throws on a malformed escape", () => {
    expect(() => decodeS3Key("uploads/%E0%A4%A.zip")).toThrow(URIError);
  });
});

describe("isUploadKey", () => {
  it.each([
    ["uploads/a.zip", true],
    ["uploads/nested/dir/a.zip", true],
    ["uploads/A.ZIP", true],
    ["uploads/a.Zip", true],
    ["uploads/a.zip.txt", false],
    ["uploads/a.csv", false],
    ["uploads/", false],
    ["applications/0b4e…/application.csv", false],
    ["applications/uploads/a.zip", false],
    ["other/a.zip", false],
    ["a.zip", false],
  ])("%s → %s", (key, expected) => {
    expect(isUploadKey(key, "uploads/")).toBe(expected);
  });
});
