import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../domain/hash.js";
import { encodeGreyJpeg } from "./jpeg.js";

/** The markers of a JPEG up to its scan, walked segment by segment as a decoder does. */
const markersOf = (jpeg: Uint8Array): number[] => {
  const markers: number[] = [];
  let offset = 2;
  while (offset < jpeg.length && jpeg[offset] === 0xff) {
    const marker = jpeg[offset + 1] as number;
    markers.push(marker);
    if (marker === 0xda) break;
    offset += 2 + (((jpeg[offset + 2] as number) << 8) | (jpeg[offset + 3] as number));
  }
  return markers;
};

describe("encodeGreyJpeg", () => {
  it("runs from SOI through well-formed segments and a scan to EOI", () => {
    // Act
    const jpeg = encodeGreyJpeg({ width: 16, height: 16, comment: "a" });

    // Assert: SOI, JFIF, COM, DQT, SOF0, two DHTs, SOS … EOI.
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(markersOf(jpeg)).toEqual([0xe0, 0xfe, 0xdb, 0xc0, 0xc4, 0xc4, 0xda]);
    expect([...jpeg.subarray(jpeg.length - 2)]).toEqual([0xff, 0xd9]);
  });

  it("decodes, with a real decoder, to a flat mid-grey image of the size asked (rounded up to 8)", async () => {
    // Arrange
    const jpeg = encodeGreyJpeg({ width: 20, height: 3 });

    // Act: libjpeg-turbo through sharp.
    const metadata = await sharp(jpeg).metadata();
    const { data } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });

    // Assert
    expect(metadata).toMatchObject({ format: "jpeg", width: 24, height: 8, channels: 1 });
    expect(new Set(data)).toEqual(new Set([128]));
  });

  it("differs by comment only, so each image has its own SHA-256", async () => {
    const a = encodeGreyJpeg({ width: 16, height: 16, comment: "a" });
    const b = encodeGreyJpeg({ width: 16, height: 16, comment: "b" });

    expect(encodeGreyJpeg({ width: 16, height: 16, comment: "a" })).toEqual(a);
    expect(await sha256Hex(a)).not.toBe(await sha256Hex(b));
  });

  it("refuses a size it cannot write", () => {
    expect(() => encodeGreyJpeg({ width: 0, height: 8 })).toThrow(RangeError);
    expect(() => encodeGreyJpeg({ width: 8, height: 70_000 })).toThrow(RangeError);
  });
});
