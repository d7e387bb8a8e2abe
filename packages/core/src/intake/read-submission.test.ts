import { deflateSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { aSubmissionZip } from "../testing/samples.js";
import {
  tinyJpeg,
  tinyPng,
  UNIX_DIRECTORY,
  UNIX_FIFO,
  UNIX_REGULAR_FILE,
  UNIX_SYMLINK,
  writeZip,
  type ZipEntrySpec,
} from "../testing/zip-writer.js";
import {
  aZip,
  CAPSTONE_CSV,
  CSV_HEADER,
  deflated,
  deflatedZeros,
  NOW,
  utf8,
  VALID_CSV,
  validEntries,
} from "./fixtures.js";
import { readSubmission } from "./read-submission.js";

const read = (bytes: Uint8Array, limits = {}) => readSubmission(bytes, { limits, now: NOW });

const expectRejection = async (
  bytes: Uint8Array,
  code: string,
  extra: Record<string, unknown> = {},
  limits = {},
) => {
  const result = await read(bytes, limits);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toMatchObject({ code, ...extra });
};

describe("readSubmission: accepted submissions", () => {
  it("reads the application, license and selfie of a minimal archive", async () => {
    // Arrange
    const zip = aZip();

    // Act
    const result = await read(zip);

    // Assert
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { application, applicationFile, license, selfie, licenseBack } = result.value;
    expect(application).toEqual({
      firstName: "Maria",
      middleName: "Elena",
      lastName: "Garcia",
      dateOfBirth: "1988-04-12",
      address: {
        line1: "1200 Market Street",
        line2: "Apt 4B",
        city: "San Francisco",
        state: "CA",
        postalCode: "94102",
      },
      licenseNumber: "D1234567",
      email: "maria.garcia@example.com",
      phone: "+14155550123",
    });
    expect(applicationFile).toMatchObject({
      role: "application",
      entryName: "application.csv",
      contentType: "text/csv",
    });
    expect(license).toEqual({
      role: "license",
      entryName: "license.png",
      contentType: "image/png",
      bytes: tinyPng(),
    });
    expect(selfie).toEqual({
      role: "selfie",
      entryName: "selfie.jpg",
      contentType: "image/jpeg",
      bytes: tinyJpeg(),
    });
    expect(licenseBack).toBeUndefined();
  });

  it("reads the archive the package's own sample builder makes with fflate (independent writer)", async () => {
    // Act
    const result = await read(aSubmissionZip());

    // Assert
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.license.contentType).toBe("image/png");
  });

  it("reads deflated entries, nested folders and ignores macOS and Windows junk", async () => {
    // Arrange
    const zip = writeZip([
      { name: "Submission/", externalAttributes: UNIX_DIRECTORY },
      { name: "Submission/docs/", externalAttributes: UNIX_DIRECTORY },
      deflated("Submission/docs/application.csv", VALID_CSV, { externalAttributes: UNIX_REGULAR_FILE }),
      deflated("Submission/docs/id/my-license.png", tinyPng()),
      deflated("Submission/me/selfie.jpeg", tinyJpeg()),
      { name: "__MACOSX/", externalAttributes: UNIX_DIRECTORY },
      { name: "__MACOSX/Submission/docs/._application.csv", data: "\u0000\u0005\u0016\u0007 resource fork" },
      {
        name: "__MACOSX/Submission/docs/id/._my-license.png",
        data: "\u0000\u0005\u0016\u0007 resource fork",
      },
      { name: "Submission/.DS_Store", data: "Bud1\u0000\u0000" },
      { name: "Submission/Thumbs.db", data: "\u00d0\u00cf\u0011\u00e0" },
      { name: "Submission/notes.txt", data: "call me after 5pm" },
    ]);

    // Act
    const result = await read(zip);

    // Assert
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.applicationFile.entryName).toBe("Submission/docs/application.csv");
    expect(result.value.license.entryName).toBe("Submission/docs/id/my-license.png");
    expect(result.value.selfie.entryName).toBe("Submission/me/selfie.jpeg");
  });

  it("reads the AWS Cloud Institute capstone layout", async () => {
    // Arrange
    const id = "3f2b8c1e-9d4a-4e5b-8c7d-1a2b3c4d5e6f";
    const zip = writeZip([
      { name: `${id}_details.csv`, data: CAPSTONE_CSV },
      { name: `${id}_license.png`, data: tinyPng() },
      { name: `${id}_selfie.png`, data: tinyPng() },
    ]);

    // Act
    const result = await read(zip);

    // Assert
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.application).toEqual({
      firstName: "Maria",
      lastName: "Garcia",
      dateOfBirth: "1988-04-12",
      address: { line1: "1200 Market Street", city: "San Francisco", state: "CA", postalCode: "94102" },
      licenseNumber: "D1234567",
    });
    expect(result.value.license.entryName).toBe(`${id}_license.png`);
  });

  it("matches upper-case extensions, `dl` as a word and the back of the license", async () => {
    // Arrange
    const zip = writeZip([
      { name: "APPLICATION.CSV", data: VALID_CSV },
      { name: "DL.JPG", data: tinyJpeg() },
      { name: "licence-back.PNG", data: tinyPng() },
      { name: "Selfie.PNG", data: tinyPng() },
    ]);

    // Act
    const result = await read(zip);

    // Assert
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.license).toMatchObject({ entryName: "DL.JPG", contentType: "image/jpeg" });
    expect(result.value.licenseBack).toMatchObject({ role: "license_back", entryName: "licence-back.PNG" });
    expect(result.value.selfie.contentType).toBe("image/png");
  });

  it("reads a CRLF, BOM, quoted CSV with US dates", async () => {
    // Arrange
    const csv =
      '\uFEFF"First Name","Last Name","DOB","Address Line 1","City","State","ZIP","License Number"\r\n' +
      '" Maria ","Garcia","4/12/1988","1200 Market Street, Suite ""B""","San Francisco","ca","94102-1234","D1234567"\r\n';
    const zip = aZip([{ name: "form.csv", data: csv }], ["application.csv"]);

    // Act
    const result = await read(zip);

    // Assert
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.application).toMatchObject({
      firstName: "Maria",
      dateOfBirth: "1988-04-12",
      address: { line1: '1200 Market Street, Suite "B"', state: "CA", postalCode: "94102-1234" },
    });
  });

  it("reads entries written with a data descriptor (zero sizes in the local header)", async () => {
    // Arrange
    const zip = writeZip(
      validEntries().map((entry) => ({ ...entry, flags: (1 << 3) | (1 << 11), zeroLocalSizes: true })),
    );

    // Act
    const result = await read(zip);

    // Assert
    expect(result.ok).toBe(true);
  });

  it("reads a zip64 archive", async () => {
    expect((await read(writeZip(validEntries(), { zip64: true }))).ok).toBe(true);
  });

  it("accepts a PNG named .jpg, typed by its bytes", async () => {
    // Arrange
    const zip = aZip([{ name: "license.jpg", data: tinyPng() }], ["license.png"]);

    // Act
    const result = await read(zip);

    // Assert
    expect(result.ok && result.value.license.contentType).toBe("image/png");
  });
});

describe("readSubmission: ARCHIVE_INVALID", () => {
  it.each([
    ["empty bytes", new Uint8Array()],
    ["plain text", utf8("first_name,last_name\nMaria,Garcia\n")],
    ["a PNG", tinyPng()],
    ["an empty archive", writeZip([])],
  ])("refuses %s", async (_, bytes) => {
    await expectRejection(bytes, "ARCHIVE_INVALID");
  });

  it("refuses an archive truncated at the end", async () => {
    const zip = aZip();
    await expectRejection(zip.subarray(0, zip.length - 10), "ARCHIVE_INVALID");
  });

  it("refuses an archive whose first half is missing", async () => {
    const zip = aZip();
    await expectRejection(zip.subarray(Math.floor(zip.length / 2)), "ARCHIVE_INVALID");
  });

  it("refuses a value that is not a byte array without throwing", async () => {
    await expectRejection("PK" as unknown as Uint8Array, "ARCHIVE_INVALID");
  });

  it("refuses an encrypted entry (flag bit 0)", async () => {
    const zip = aZip([{ name: "secret.txt", data: "x", flags: 1 }]);
    await expectRejection(zip, "ARCHIVE_INVALID", { entry: "secret.txt" });
  });

  it.each([
    [12, "bzip2"],
    [14, "LZMA"],
    [99, "AES"],
    [1, "shrink"],
  ])("refuses compression method %i (%s)", async (method) => {
    const zip = aZip([{ name: "x.bin", data: "x", method }]);
    await expectRejection(zip, "ARCHIVE_INVALID", { entry: "x.bin" });
  });

  it("refuses corrupt deflate data", async () => {
    const zip = aZip([
      { name: "x.txt", data: "hello", compressed: new Uint8Array([0xff, 0xff, 0xff, 0xff]) },
    ]);
    await expectRejection(zip, "ARCHIVE_INVALID", { entry: "x.txt" });
  });

  it("refuses deflate data cut short", async () => {
    const whole = deflateSync(utf8("hello world ".repeat(200)));
    const zip = aZip([
      { name: "x.txt", data: "hello world ".repeat(200), compressed: whole.subarray(0, 10) },
    ]);
    await expectRejection(zip, "ARCHIVE_INVALID", { entry: "x.txt" });
  });

  it("refuses an entry that fails its CRC-32", async () => {
    const zip = aZip([{ name: "x.txt", data: "hello", crc32: 0x12345678 }]);
    await expectRejection(zip, "ARCHIVE_INVALID", { entry: "x.txt" });
  });

  it("refuses an entry whose declared size is wrong, even under every cap", async () => {
    const zip = aZip([deflated("x.txt", "hello world", { uncompressedSize: 5 })]);
    await expectRejection(zip, "ARCHIVE_INVALID", { entry: "x.txt" });
  });

  it("refuses data before the first entry (self-extractor stub)", async () => {
    const zip = writeZip(validEntries(), { prefix: utf8("MZ stub") });
    await expectRejection(zip, "ARCHIVE_INVALID");
  });

  it("refuses entries that share data (overlapping-entry bomb construction)", async () => {
    const zip = writeZip(validEntries(), { repeatEntry: { index: 0, times: 3 } });
    await expectRejection(zip, "ARCHIVE_INVALID");
  });

  it("refuses an end record whose entry count is wrong", async () => {
    await expectRejection(writeZip(validEntries(), { declaredEntryCount: 2 }), "ARCHIVE_INVALID");
  });

  it("refuses an end record pointing the directory elsewhere", async () => {
    await expectRejection(writeZip(validEntries(), { declaredDirectoryOffset: 3 }), "ARCHIVE_INVALID");
  });

  it("refuses a zip64 marker with no zip64 record", async () => {
    // Arrange: a classic archive whose end record says "see zip64" (0xFFFF entries).
    const zip = writeZip(validEntries(), { declaredEntryCount: 0xffff });

    // Assert
    await expectRejection(zip, "ARCHIVE_INVALID");
  });

  it("refuses a zip64 entry whose extra field is garbage", async () => {
    const zip = aZip([
      { name: "x.txt", data: "x", uncompressedSize: 0xffffffff, extra: new Uint8Array([1, 0, 4, 0, 1]) },
    ]);
    await expectRejection(zip, "ARCHIVE_INVALID", { entry: "x.txt" });
  });

  it("refuses a zip64 record whose sizes are beyond any real file", async () => {
    // Arrange: corrupt the directory size of a zip64 end record to 2^60.
    const zip = writeZip(validEntries(), { zip64: true });
    const record = zip.length - 22 - 20 - 56;
    new DataView(zip.buffer).setUint32(record + 40 + 4, 0x10000000, true);

    // Assert
    await expectRejection(zip, "ARCHIVE_INVALID");
  });

  it("refuses a local header whose method disagrees with the directory", async () => {
    // Arrange
    const zip = aZip([{ name: "x.txt", data: "x" }]);
    const offsets = localHeaderOffsets(zip);
    new DataView(zip.buffer).setUint16((offsets[3] ?? 0) + 8, 8, true);

    // Assert
    await expectRejection(zip, "ARCHIVE_INVALID", { entry: "x.txt" });
  });
});

/** Offsets of the local headers, in order (test helper: scans for the signature). */
const localHeaderOffsets = (zip: Uint8Array): number[] => {
  const found: number[] = [];
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === 0x04034b50) found.push(i);
  return found;
};

describe("readSubmission: ARCHIVE_UNSAFE", () => {
  it.each([
    ["../evil.sh", "parent directory"],
    ["docs/../../evil.sh", "parent directory after a folder"],
    ["/etc/passwd", "absolute path"],
    ["..\\..\\evil.bat", "Windows parent directory"],
    ["\\\\server\\share\\x", "UNC path"],
    ["C:/Windows/evil.dll", "drive letter"],
    ["C:evil.dll", "drive-relative path"],
    ["license.png:evil", "NTFS alternate stream"],
    ["docs/.. /evil", "dots and spaces Windows resolves to .."],
    ["docs/.../evil", "three dots"],
    ["line\nbreak.txt", "control character"],
  ])("refuses the name %j (%s)", async (name) => {
    await expectRejection(aZip([{ name, data: "x" }]), "ARCHIVE_UNSAFE");
  });

  it("refuses a NUL byte in a name", async () => {
    const name = new Uint8Array([...utf8("selfie.jpg"), 0, ...utf8(".exe")]);
    await expectRejection(aZip([{ name, data: "x" }]), "ARCHIVE_UNSAFE");
  });

  it("refuses a traversal hidden in ignored macOS junk", async () => {
    await expectRejection(aZip([{ name: "__MACOSX/../../evil", data: "x" }]), "ARCHIVE_UNSAFE");
  });

  it("refuses a symbolic link", async () => {
    const zip = aZip([{ name: "link.png", data: "/etc/passwd", externalAttributes: UNIX_SYMLINK }]);
    await expectRejection(zip, "ARCHIVE_UNSAFE", { entry: "link.png" });
  });

  it("refuses a symbolic link even where it would be ignored", async () => {
    const zip = aZip([{ name: "__MACOSX/._link", data: "/etc/passwd", externalAttributes: UNIX_SYMLINK }]);
    await expectRejection(zip, "ARCHIVE_UNSAFE");
  });

  it("refuses a symbolic link whose archive claims a non-Unix host", async () => {
    const zip = aZip([
      { name: "link", data: "/etc", externalAttributes: UNIX_SYMLINK, versionMadeBy: 0x0014 },
    ]);
    await expectRejection(zip, "ARCHIVE_UNSAFE");
  });

  it("refuses a named pipe", async () => {
    await expectRejection(aZip([{ name: "fifo", externalAttributes: UNIX_FIFO }]), "ARCHIVE_UNSAFE");
  });

  it.each([
    ["license.png", "exact"],
    ["LICENSE.PNG", "different case"],
    ["./license.png", "leading ./"],
    [".//license.png", "empty segment"],
  ])("refuses a second entry named like license.png (%s: %j)", async (name) => {
    const zip = aZip([{ name, data: tinyPng() }]);
    await expectRejection(zip, "ARCHIVE_UNSAFE");
  });

  it("refuses a folder and a file with the same name", async () => {
    const zip = aZip([
      { name: "docs/", externalAttributes: UNIX_DIRECTORY },
      { name: "docs", data: "x" },
    ]);
    await expectRejection(zip, "ARCHIVE_UNSAFE");
  });

  it("refuses a local header naming a different file than the directory", async () => {
    const zip = aZip([{ name: "notes.txt", localName: "../x.txt", data: "x" }]);
    await expectRejection(zip, "ARCHIVE_UNSAFE", { entry: "notes.txt" });
  });

  it("refuses an unsafe Unicode Path extra field", async () => {
    // Arrange: 0x7075, version 1, CRC of the name, then the alternative name.
    const alternative = utf8("../../evil.sh");
    const extra = new Uint8Array([0x75, 0x70, alternative.length + 5, 0, 1, 0, 0, 0, 0, ...alternative]);

    // Assert
    await expectRejection(aZip([{ name: "notes.txt", data: "x", extra }]), "ARCHIVE_UNSAFE");
  });

  it("refuses a path deeper than the limit", async () => {
    const zip = aZip([{ name: `${"a/".repeat(9)}x.txt`, data: "x" }]);
    await expectRejection(zip, "ARCHIVE_UNSAFE");
  });

  it("refuses a name longer than the limit", async () => {
    await expectRejection(aZip([{ name: `${"a".repeat(600)}.txt`, data: "x" }]), "ARCHIVE_UNSAFE");
  });
});

describe("readSubmission: ARCHIVE_TOO_LARGE", () => {
  it("refuses an upload over maxUploadBytes before reading it", async () => {
    const zip = aZip();
    await expectRejection(zip, "ARCHIVE_TOO_LARGE", {}, { maxUploadBytes: zip.length - 1 });
  });

  it("refuses more entries than maxEntries", async () => {
    const junk = Array.from({ length: 70 }, (_, i): ZipEntrySpec => ({ name: `__MACOSX/._${i}`, data: "x" }));
    await expectRejection(aZip(junk), "ARCHIVE_TOO_LARGE");
  });

  it("refuses an entry that honestly declares more than maxEntryBytes", async () => {
    const zip = aZip([deflated("big.bin", new Uint8Array(2048).fill(7))]);
    await expectRejection(zip, "ARCHIVE_TOO_LARGE", { entry: "big.bin" }, { maxEntryBytes: 1024 });
  });

  it("stops a 1 KB-declared entry at the entry cap while inflating (a lying bomb)", async () => {
    // Arrange: 32 MiB of zeros declared as 1 KiB; caps lowered so the test stays fast.
    const zip = aZip([
      { name: "notes.txt", data: new Uint8Array(1024), compressed: deflatedZeros(32 << 20) },
    ]);

    // Act
    const started = performance.now();
    const result = await read(zip, { maxEntryBytes: 1 << 20, maxCompressionRatio: 1e9 });

    // Assert
    expect(result).toMatchObject({ ok: false, error: { code: "ARCHIVE_TOO_LARGE", entry: "notes.txt" } });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("stops a lying bomb on its compression ratio", async () => {
    const zip = aZip([{ name: "notes.txt", data: new Uint8Array(1024), compressed: deflatedZeros(8 << 20) }]);
    await expectRejection(zip, "ARCHIVE_TOO_LARGE", { entry: "notes.txt" });
  });

  it("refuses an honest declaration over the compression ratio", async () => {
    const zeros = new Uint8Array(4 << 20);
    const zip = aZip([deflated("zeros.bin", zeros)]);
    await expectRejection(zip, "ARCHIVE_TOO_LARGE", { entry: "zeros.bin" });
  });

  it("stops entries that together inflate past maxTotalBytes, whatever they declare", async () => {
    // Arrange: three honest 600 KiB entries, then one declaring 10 bytes that inflates 600 KiB more.
    const chunk = Uint8Array.from({ length: 600 << 10 }, (_, i) => (i * 2654435761) >>> 24);
    const honest = [0, 1, 2].map((i) => deflated(`part${i}.bin`, chunk));
    const liar = deflated("part3.bin", chunk, { uncompressedSize: 10 });

    // Assert
    await expectRejection(aZip([...honest, liar]), "ARCHIVE_TOO_LARGE", {}, { maxTotalBytes: 2 << 20 });
  });

  it("refuses entries that honestly declare more than maxTotalBytes together", async () => {
    const chunk = Uint8Array.from({ length: 600 << 10 }, (_, i) => (i * 2654435761) >>> 24);
    const entries = [0, 1, 2, 3].map((i) => deflated(`part${i}.bin`, chunk));
    await expectRejection(aZip(entries), "ARCHIVE_TOO_LARGE", {}, { maxTotalBytes: 2 << 20 });
  });

  it("counts ignored junk toward the caps", async () => {
    const zip = aZip([
      { name: "__MACOSX/._bomb", data: new Uint8Array(10), compressed: deflatedZeros(4 << 20) },
    ]);
    await expectRejection(zip, "ARCHIVE_TOO_LARGE", {}, { maxEntryBytes: 1 << 20 });
  });
});

describe("readSubmission: DOCUMENT_MISSING and DOCUMENT_AMBIGUOUS", () => {
  it.each([
    ["application.csv", "application"],
    ["license.png", "license"],
    ["selfie.jpg", "selfie"],
  ])("refuses an archive without %s", async (name) => {
    await expectRejection(aZip([], [name]), "DOCUMENT_MISSING");
  });

  it("refuses an archive of only junk", async () => {
    const zip = writeZip([
      { name: "__MACOSX/._x", data: "x" },
      { name: ".DS_Store", data: "x" },
    ]);
    await expectRejection(zip, "DOCUMENT_MISSING");
  });

  it.each([
    ["two applications", { name: "other.csv", data: VALID_CSV }],
    ["two licenses", { name: "dl.jpg", data: tinyJpeg() }],
    ["two selfies in different folders", { name: "me/selfie.jpg", data: tinyJpeg() }],
    [
      "two license backs",
      { name: "x/license_back.png", data: tinyPng() },
      { name: "licence-back.png", data: tinyPng() },
    ],
    ["a name matching license and selfie", { name: "selfie_with_license.jpg", data: tinyJpeg() }],
  ])("refuses %s", async (_, ...extra: ZipEntrySpec[]) => {
    await expectRejection(aZip(extra), "DOCUMENT_AMBIGUOUS");
  });
});

describe("readSubmission: DOCUMENT_UNSUPPORTED", () => {
  const ELF = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
  const PE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);
  it.each([
    ["text", utf8("definitely a photo")],
    ["an ELF executable", ELF],
    ["a PE executable", PE],
    ["a GIF", utf8("GIF89a\u0001\u0000\u0001\u0000")],
    ["a WebP", utf8("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ")],
    ["a HEIC", new Uint8Array([0, 0, 0, 0x18, ...utf8("ftypheic")])],
    ["a TIFF", new Uint8Array([0x49, 0x49, 0x2a, 0x00])],
    ["a BMP", utf8("BM\u0000\u0000")],
    ["a PDF", utf8("%PDF-1.7")],
    ["nothing", new Uint8Array()],
  ])("refuses a license that is really %s", async (_, data) => {
    const zip = aZip([{ name: "license.jpg", data }], ["license.png"]);
    await expectRejection(zip, "DOCUMENT_UNSUPPORTED", { entry: "license.jpg" });
  });

  it("refuses a selfie that is really an ELF executable named .png", async () => {
    const zip = aZip([{ name: "selfie.png", data: ELF }], ["selfie.jpg"]);
    await expectRejection(zip, "DOCUMENT_UNSUPPORTED", { entry: "selfie.png" });
  });

  it("refuses an image over maxImageBytes", async () => {
    const big = new Uint8Array(4096);
    big.set(tinyPng());
    const zip = aZip([{ name: "selfie.png", data: big }], ["selfie.jpg"]);
    await expectRejection(zip, "DOCUMENT_UNSUPPORTED", { entry: "selfie.png" }, { maxImageBytes: 4095 });
  });

  it("refuses a 6 MB image by default (over Textract's 5 MB) rather than calling the archive too large", async () => {
    const big = new Uint8Array(6_000_000);
    big.set(tinyJpeg());
    const zip = aZip([{ name: "selfie.jpg", data: big }], ["selfie.jpg"]);
    await expectRejection(zip, "DOCUMENT_UNSUPPORTED", { entry: "selfie.jpg" });
  });

  it("refuses a zip nested in the zip", async () => {
    const inner = zipSync({ "license.png": tinyPng() });
    await expectRejection(aZip([{ name: "more.zip", data: inner }]), "DOCUMENT_UNSUPPORTED", {
      entry: "more.zip",
    });
  });

  it("refuses a zip hiding under an image name or another extension", async () => {
    const inner = zipSync({ "license.png": tinyPng() });
    await expectRejection(aZip([{ name: "scan.docx", data: inner }]), "DOCUMENT_UNSUPPORTED", {
      entry: "scan.docx",
    });
    await expectRejection(
      aZip([{ name: "selfie.jpg", data: inner }], ["selfie.jpg"]),
      "DOCUMENT_UNSUPPORTED",
    );
  });
});

describe("readSubmission: APPLICATION_INVALID", () => {
  it("names the field and the entry", async () => {
    // Arrange
    const csv = `${CSV_HEADER}\r\nMaria,,Garcia,1988-02-31,1 Main St,,Boston,MA,02134,D1,,\r\n`;
    const zip = aZip([{ name: "application.csv", data: csv }], ["application.csv"]);

    // Assert
    await expectRejection(zip, "APPLICATION_INVALID", { field: "dateOfBirth", entry: "application.csv" });
  });

  it("refuses a CSV over maxCsvBytes", async () => {
    await expectRejection(aZip(), "APPLICATION_INVALID", { field: "csv" }, { maxCsvBytes: 100 });
  });
});
