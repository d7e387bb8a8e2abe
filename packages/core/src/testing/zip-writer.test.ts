import { deflateSync, strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { crc32, tinyJpeg, tinyPng, UNIX_SYMLINK, writeZip } from "./zip-writer.js";

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

describe("writeZip", () => {
  it("writes stored and deflated entries an independent reader (fflate) extracts", () => {
    // Arrange
    const text = "hello ".repeat(100);

    // Act
    const zip = writeZip([
      { name: "docs/a.txt", data: "stored" },
      { name: "b.txt", data: text, compressed: deflateSync(new TextEncoder().encode(text)) },
    ]);

    // Assert
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(["docs/a.txt", "b.txt"]);
    expect(strFromU8(files["docs/a.txt"] ?? new Uint8Array())).toBe("stored");
    expect(strFromU8(files["b.txt"] ?? new Uint8Array())).toBe(text);
  });

  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("writes the lies it is told: sizes, CRC, attributes, flags and raw names", () => {
    // Act
    const zip = writeZip([
      {
        name: new Uint8Array([0x61, 0x00, 0x62]),
        data: "x",
        crc32: 0xdeadbeef,
        uncompressedSize: 1024,
        externalAttributes: UNIX_SYMLINK,
        flags: 1,
      },
    ]);

    // Assert: the central directory starts where the end record says, and carries the lies.
    const end = zip.length - 22;
    const directory = view(zip).getUint32(end + 16, true);
    expect(view(zip).getUint32(directory, true)).toBe(0x02014b50);
    expect(view(zip).getUint16(directory + 8, true)).toBe(1);
    expect(view(zip).getUint32(directory + 16, true)).toBe(0xdeadbeef);
    expect(view(zip).getUint32(directory + 24, true)).toBe(1024);
    expect(view(zip).getUint32(directory + 38, true) >>> 16).toBe(0o120777);
    expect([...zip.subarray(directory + 46, directory + 49)]).toEqual([0x61, 0x00, 0x62]);
  });

  it("writes a zip64 end record and locator when asked", () => {
    // Act
    const zip = writeZip([{ name: "a.txt", data: "a" }], { zip64: true });

    // Assert
    const end = zip.length - 22;
    expect(view(zip).getUint16(end + 10, true)).toBe(0xffff);
    expect(view(zip).getUint32(end - 20, true)).toBe(0x07064b50);
    expect(strFromU8(unzipSync(zip)["a.txt"] ?? new Uint8Array())).toBe("a");
  });
});

describe("tiny images", () => {
  it("tinyPng is a PNG whose chunk CRCs are right", () => {
    // Arrange
    const png = tinyPng();

    // Assert
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    let at = 8;
    const types: string[] = [];
    while (at < png.length) {
      const length = view(png).getUint32(at);
      const typeAndData = png.subarray(at + 4, at + 8 + length);
      expect(view(png).getUint32(at + 8 + length)).toBe(crc32(typeAndData));
      types.push(strFromU8(typeAndData.subarray(0, 4)));
      at += 12 + length;
    }
    expect(types).toEqual(["IHDR", "IDAT", "IEND"]);
  });

  it("tinyJpeg is a sequence of well-formed JPEG segments from SOI to EOI", () => {
    // Arrange
    const jpeg = tinyJpeg();

    // Assert
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
    const markers: number[] = [];
    let at = 2;
    for (;;) {
      expect(jpeg[at]).toBe(0xff);
      const marker = jpeg[at + 1] ?? 0;
      markers.push(marker);
      at += 2 + view(jpeg).getUint16(at + 2);
      if (marker === 0xda) break;
    }
    expect(markers).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xc4, 0xda]);
    expect(at + 3).toBe(jpeg.length);
  });
});
