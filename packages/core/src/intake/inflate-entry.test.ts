import { deflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { writeZip } from "../testing/zip-writer.js";
import { deflatedZeros } from "./fixtures.js";
import { inflateEntry } from "./inflate-entry.js";
import { DEFAULT_INTAKE_LIMITS } from "./intake-limits.js";
import { readZipDirectory } from "./zip-directory.js";

const onlyEntry = (zip: Uint8Array) => {
  const directory = readZipDirectory(zip, DEFAULT_INTAKE_LIMITS);
  if (!directory.ok || directory.value[0] === undefined) throw new Error("test archive is unreadable");
  return directory.value[0];
};

const budget = {
  maxEntryBytes: 1 << 20,
  remainingTotalBytes: 1 << 30,
  maxCompressionRatio: 1e9,
  ratioGraceBytes: 0,
};

describe("inflateEntry", () => {
  it("inflates and keeps a sound entry", () => {
    // Arrange
    const data = new TextEncoder().encode("hello ".repeat(1000));
    const zip = writeZip([{ name: "a.txt", data, compressed: deflateSync(data) }]);

    // Act
    const outcome = inflateEntry(zip, onlyEntry(zip), { ...budget, keepBytes: Number.POSITIVE_INFINITY });

    // Assert
    expect(outcome).toEqual({ kind: "inflated", size: data.length, bytes: data });
  });

  it("only counts an entry it is not asked to keep", () => {
    const zip = writeZip([{ name: "a.txt", data: "abc" }]);
    expect(inflateEntry(zip, onlyEntry(zip), { ...budget, keepBytes: 0 })).toEqual({
      kind: "inflated",
      size: 3,
      bytes: undefined,
    });
  });

  it("stops a 1 KB-declared, 64 MiB entry within one small chunk of the cap", () => {
    // Arrange
    const zip = writeZip([
      { name: "a.bin", data: new Uint8Array(1024), compressed: deflatedZeros(64 << 20) },
    ]);

    // Act
    const outcome = inflateEntry(zip, onlyEntry(zip), { ...budget, keepBytes: Number.POSITIVE_INFINITY });

    // Assert
    expect(outcome.kind).toBe("over-entry-cap");
    if (outcome.kind === "over-entry-cap") {
      expect(outcome.inflated).toBeGreaterThan(1 << 20);
      expect(outcome.inflated).toBeLessThan((1 << 20) + (512 << 10));
    }
  });

  it.each([
    ["over-total-cap", { remainingTotalBytes: 100_000 }],
    ["over-ratio", { maxCompressionRatio: 10, ratioGraceBytes: 1000 }],
  ])("reports %s", (kind, overrides) => {
    const zip = writeZip([{ name: "a.bin", data: new Uint8Array(10), compressed: deflatedZeros(4 << 20) }]);
    expect(inflateEntry(zip, onlyEntry(zip), { ...budget, ...overrides, keepBytes: 0 }).kind).toBe(kind);
  });
});

describe("inflateEntry keepBytes", () => {
  it("keeps only the leading bytes it is asked for, from stored and deflated entries", () => {
    // Arrange
    const data = new TextEncoder().encode("0123456789".repeat(100));
    const stored = writeZip([{ name: "a.txt", data }]);
    const deflated = writeZip([{ name: "a.txt", data, compressed: deflateSync(data) }]);

    // Act
    const fromStored = inflateEntry(stored, onlyEntry(stored), { ...budget, keepBytes: 12 });
    const fromDeflated = inflateEntry(deflated, onlyEntry(deflated), { ...budget, keepBytes: 12 });

    // Assert
    for (const outcome of [fromStored, fromDeflated]) {
      expect(outcome).toEqual({ kind: "inflated", size: 1000, bytes: data.slice(0, 12) });
    }
  });
});
