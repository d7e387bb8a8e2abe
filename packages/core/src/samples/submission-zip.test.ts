import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../domain/hash.js";
import { readSubmission } from "../intake/read-submission.js";
import { anApplicationForm } from "./application-form.js";
import { sampleImages } from "./images.js";
import { submissionZip } from "./submission-zip.js";

const form = anApplicationForm({ firstName: "Ana", middleName: "María", lastName: "O'Neil, Jr" });

describe("sampleImages", () => {
  it("names a PNG license and a JPEG selfie, the same bytes for a seed and others for another seed", async () => {
    const a = sampleImages("a");

    expect([a.license.name, a.selfie.name]).toEqual(["license.png", "selfie.jpg"]);
    expect(sampleImages("a")).toEqual(a);
    const b = sampleImages("b");
    expect(await sha256Hex(b.license.bytes)).not.toBe(await sha256Hex(a.license.bytes));
    expect(await sha256Hex(b.selfie.bytes)).not.toBe(await sha256Hex(a.selfie.bytes));
  });
});

describe("submissionZip", () => {
  it("zips a submission that intake accepts, with the declared identity", async () => {
    // Act
    const read = await readSubmission(submissionZip({ form, images: sampleImages("t") }));

    // Assert
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.value.application).toEqual(form);
      expect(read.value.license.contentType).toBe("image/png");
      expect(read.value.selfie.contentType).toBe("image/jpeg");
    }
  });

  it("makes a valid submission with every part defaulted", async () => {
    const read = await readSubmission(submissionZip());

    expect(read.ok ? read.value.application : read.error).toEqual(anApplicationForm());
  });

  it("writes the documents first, then the entries: replaced in place, added, removed", () => {
    const zip = submissionZip({
      images: sampleImages("t"),
      entries: { "notes.txt": "hello", "selfie.jpg": undefined, "application.csv": "a,b\r\n" },
    });

    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(["application.csv", "license.png", "notes.txt"]);
    expect(new TextDecoder().decode(files["application.csv"])).toBe("a,b\r\n");
  });

  it("keeps a hostile entry name verbatim, which intake refuses as ARCHIVE_UNSAFE", async () => {
    const zip = submissionZip({ form, entries: { "../../etc/passwd": new Uint8Array([1]) } });

    expect(Object.keys(unzipSync(zip))).toContain("../../etc/passwd");
    const read = await readSubmission(zip);
    expect(read.ok ? undefined : read.error.code).toBe("ARCHIVE_UNSAFE");
  });

  it("gives the same bytes for the same parts, every entry stamped 2026-01-15 10:00:00 whatever the time zone", () => {
    // Arrange
    const make = () => submissionZip({ form, images: sampleImages("same") });

    // Act
    const zip = make();

    // Assert: the DOS time and date of the first local header.
    expect(make()).toEqual(zip);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(10, true)).toBe(10 << 11);
    expect(view.getUint16(12, true)).toBe(((2026 - 1980) << 9) | (1 << 5) | 15);
  });
});
