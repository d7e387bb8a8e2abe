import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../domain/hash.js";
import { encodePng, type Rgb } from "./png.js";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("encodePng", () => {
  it("writes the signature, IHDR first with the size, IEND last", () => {
    // Act
    const png = encodePng({ width: 3, height: 2, pixel: () => [1, 2, 3] });

    // Assert
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(text(png.subarray(12, 16))).toBe("IHDR");
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([3, 2]);
    expect(text(png.subarray(png.length - 8, png.length - 4))).toBe("IEND");
  });

  it("decodes, with a real decoder, to exactly the pixels drawn", async () => {
    // Arrange
    const pixel = (x: number, y: number): Rgb => [(x * 40) & 0xff, (y * 70) & 0xff, (x * y * 13) & 0xff];

    // Act: libpng (through sharp) checks every chunk CRC and the zlib stream.
    const { data, info } = await sharp(encodePng({ width: 7, height: 5, pixel }))
      .raw()
      .toBuffer({ resolveWithObject: true });

    // Assert
    expect(info).toMatchObject({ format: "raw", width: 7, height: 5, channels: 3 });
    const expected = Array.from({ length: 5 }, (_, y) =>
      Array.from({ length: 7 }, (_, x) => pixel(x, y)),
    ).flat(2);
    expect([...data]).toEqual(expected);
  });

  it("gives the same bytes for the same image and other bytes for another", async () => {
    const draw = (shade: number) => encodePng({ width: 4, height: 4, pixel: () => [shade, shade, shade] });

    expect(draw(10)).toEqual(draw(10));
    expect(await sha256Hex(draw(10))).not.toBe(await sha256Hex(draw(11)));
  });

  it.each([0, -1, 1.5, Number.NaN, 16_385])("refuses a width of %s", (width) => {
    expect(() => encodePng({ width, height: 1, pixel: () => [0, 0, 0] })).toThrow(RangeError);
  });
});
