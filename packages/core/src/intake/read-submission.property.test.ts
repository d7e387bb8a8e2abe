import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REJECTION_CODES } from "../domain/errors.js";
import { writeZip } from "../testing/zip-writer.js";
import { aZip, CSV_HEADER, deflatedZeros, NOW, utf8 } from "./fixtures.js";
import { inflateEntry } from "./inflate-entry.js";
import { DEFAULT_INTAKE_LIMITS } from "./intake-limits.js";
import { parseApplicationCsv } from "./parse-application-csv.js";
import { readSubmission } from "./read-submission.js";
import { readZipDirectory } from "./zip-directory.js";

const expectKnownOutcome = (result: Awaited<ReturnType<typeof readSubmission>>) => {
  if (!result.ok) expect(REJECTION_CODES).toContain(result.error.code);
  else expect(result.value.license.bytes.length).toBeGreaterThan(0);
};

const VALID = aZip();

describe("readSubmission never throws", () => {
  it("on random bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const result = await readSubmission(bytes, { now: NOW });
        expect(result.ok).toBe(false);
        expectKnownOutcome(result);
      }),
      { numRuns: 300 },
    );
  });

  it("on random bytes that start and end like a zip", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), fc.nat(0xffff), async (middle, count) => {
        const end = new Uint8Array(22);
        new DataView(end.buffer).setUint32(0, 0x06054b50, true);
        new DataView(end.buffer).setUint16(8, count, true);
        new DataView(end.buffer).setUint16(10, count, true);
        const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...middle, ...end]);
        expectKnownOutcome(await readSubmission(bytes, { now: NOW }));
      }),
      { numRuns: 300 },
    );
  });

  it("on random mutations and truncations of a valid archive", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(VALID.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(VALID.length)),
        async (mutations, cut) => {
          const bytes = VALID.slice(0, cut ?? VALID.length);
          for (const [at, value] of mutations) if (at < bytes.length) bytes[at] = value;
          expectKnownOutcome(await readSubmission(bytes, { now: NOW }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("on archives of random names, attributes, flags and lying sizes", async () => {
    const entry = fc.record({
      name: fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 })),
      data: fc.uint8Array({ maxLength: 64 }),
      flags: fc.nat(0xffff),
      method: fc.constantFrom(0, 8, 12, 99),
      externalAttributes: fc.nat(0xffffffff),
      uncompressedSize: fc.nat(0xffffffff),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 6 }), async (entries) => {
        expectKnownOutcome(await readSubmission(writeZip(entries), { now: NOW }));
      }),
      { numRuns: 300 },
    );
  });
});

describe("bombs never exceed their memory cap", () => {
  const BOMBS = [1, 4, 16].map((mib) => deflatedZeros(mib << 20));

  it("whatever they declare and whatever the cap", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BOMBS),
        fc.integer({ min: 16 << 10, max: 512 << 10 }),
        fc.nat(1 << 20),
        async (compressed, cap, declared) => {
          // Arrange
          const zip = aZip([
            { name: "bomb.bin", data: new Uint8Array(0), compressed, uncompressedSize: declared },
          ]);
          const limits = { maxEntryBytes: cap, maxCompressionRatio: 1e9 };

          // Act
          const result = await readSubmission(zip, { limits, now: NOW });
          const directory = readZipDirectory(zip, DEFAULT_INTAKE_LIMITS);
          const bomb = directory.ok ? directory.value[3] : undefined;
          const outcome =
            bomb &&
            inflateEntry(zip, bomb, {
              maxEntryBytes: cap,
              remainingTotalBytes: 1 << 30,
              maxCompressionRatio: 1e9,
              ratioGraceBytes: 0,
              keepBytes: Number.POSITIVE_INFINITY,
            });

          // Assert
          expect(result).toMatchObject({ ok: false, error: { code: "ARCHIVE_TOO_LARGE" } });
          expect(outcome?.kind).toBe("over-entry-cap");
          if (outcome?.kind === "over-entry-cap") expect(outcome.inflated).toBeLessThan(cap + (320 << 10));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("parseApplicationCsv never throws", () => {
  const HEADERS = CSV_HEADER.split(",");

  it("on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), (bytes) => {
        const result = parseApplicationCsv(bytes, { now: NOW });
        if (!result.ok)
          expect(result.error).toMatchObject({ code: "APPLICATION_INVALID", field: expect.any(String) });
      }),
      { numRuns: 300 },
    );
  });

  it("on random CSVs of known and unknown headers and hostile values", () => {
    const cell = fc.oneof(
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.constantFrom("=1+1", "-1", "@x", '"', '""', ",", "\r\n", "1988-04-12", "02/31/1988", "a@b.co"),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...HEADERS), fc.string({ maxLength: 12 })), { maxLength: 14 }),
        fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 3 }),
        fc.constantFrom("\n", "\r\n"),
        (header, rows, eol) => {
          const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
          const text = [header, ...rows].map((row) => row.map(quote).join(",")).join(eol);
          const result = parseApplicationCsv(utf8(text), { now: NOW });
          if (!result.ok)
            expect(result.error).toMatchObject({ code: "APPLICATION_INVALID", field: expect.any(String) });
          else expect(result.value.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
