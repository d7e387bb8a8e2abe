import * as zlib from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { updateCrc32 } from "./crc32.js";

// zlib.crc32 arrived in Node 20.15; the reference values below hold everywhere.
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

describe("updateCrc32", () => {
  it("gives the standard check value and the CRC of nothing", () => {
    expect(updateCrc32(0, new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(updateCrc32(0, new Uint8Array())).toBe(0);
  });

  it.runIf(zlibCrc32 !== undefined)("agrees with zlib on any bytes, whole or in pieces of any size", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 17 }), (bytes, piece) => {
        let crc = 0;
        for (let at = 0; at < bytes.length; at += piece)
          crc = updateCrc32(crc, bytes.subarray(at, at + piece));

        expect(updateCrc32(0, bytes)).toBe(zlibCrc32?.(bytes));
        expect(crc).toBe(zlibCrc32?.(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
