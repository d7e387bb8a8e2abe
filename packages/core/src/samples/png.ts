import { zlibSync } from "fflate";
import { updateCrc32 } from "../intake/crc32.js";
import { assertDimension, concatBytes } from "./bytes.js";

/** A colour as `[red, green, blue]`, each a whole number from 0 to 255. */
export type Rgb = readonly [red: number, green: number, blue: number];

/** What {@link encodePng} draws: a size and the colour of every pixel. */
export interface PngImage {
  /** Width in pixels, 1 or more. */
  readonly width: number;
  /** Height in pixels, 1 or more. */
  readonly height: number;
  /** The colour of the pixel in column `x` and row `y` (both from 0, top left). */
  readonly pixel: (x: number, y: number) => Rgb;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const encoder = new TextEncoder();

/**
 * A real, minimal PNG: 8-bit RGB, no filtering, no interlace, one `IDAT` chunk compressed at the
 * highest zlib level. Any decoder opens it, and intake sniffs it as `image/png`; the same image
 * always gives the same bytes. No image library, no Node API: runs in a browser too.
 *
 * @throws RangeError when `width` or `height` is not a whole number from 1 to 16384.
 *
 * @example
 * ```ts
 * // A 32×20 card, blue on top, light grey below.
 * const png = encodePng({
 *   width: 32,
 *   height: 20,
 *   pixel: (_x, y) => (y < 4 ? [30, 80, 160] : [236, 240, 244]),
 * });
 * ```
 */
export function encodePng(image: PngImage): Uint8Array {
  const { width, height } = image;
  assertDimension("width", width, 16_384);
  assertDimension("height", height, 16_384);
  const raw = new Uint8Array(height * (1 + width * 3));
  let offset = 0;
  for (let y = 0; y < height; y += 1) {
    raw[offset++] = 0; // filter type: None
    for (let x = 0; x < width; x += 1) {
      const [red, green, blue] = image.pixel(x, y);
      raw[offset++] = red;
      raw[offset++] = green;
      raw[offset++] = blue;
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, adaptive filtering, no interlace
  return concatBytes([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", zlibSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array()),
  ]);
}

/** A PNG chunk: length, type, data, and the CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(encoder.encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, updateCrc32(0, out.subarray(4, 8 + data.length)));
  return out;
}
