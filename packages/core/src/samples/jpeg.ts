import { assertDimension, concatBytes } from "./bytes.js";

/** What {@link encodeGreyJpeg} makes. */
export interface GreyJpegOptions {
  /** Width in pixels; rounded up to a multiple of 8 (at least 8). */
  readonly width: number;
  /** Height in pixels; rounded up to a multiple of 8 (at least 8). */
  readonly height: number;
  /**
   * Written in a comment (`COM`) segment. Two images of the same size differ only by it, so give
   * each its own comment when each needs its own SHA-256.
   */
  readonly comment?: string;
}

const encoder = new TextEncoder();

/**
 * A real, minimal baseline JPEG: a flat mid-grey, one-component image whose every 8×8 block is
 * coded as "DC difference 0, end of block" with one-symbol Huffman tables. Any decoder opens it,
 * and intake sniffs it as `image/jpeg`; the same options always give the same bytes. No image
 * library, no Node API: runs in a browser too.
 *
 * @throws RangeError when `width` or `height` is not a whole number from 1 to 65528.
 *
 * @example
 * ```ts
 * const selfie = encodeGreyJpeg({ width: 32, height: 32, comment: "selfie of applicant 1" });
 * ```
 */
export function encodeGreyJpeg(options: GreyJpegOptions): Uint8Array {
  assertDimension("width", options.width, 65_528);
  assertDimension("height", options.height, 65_528);
  const width = Math.max(8, Math.ceil(options.width / 8) * 8);
  const height = Math.max(8, Math.ceil(options.height / 8) * 8);
  const blocks = (width / 8) * (height / 8);
  const segments: Uint8Array[] = [
    Uint8Array.of(0xff, 0xd8), // SOI
    segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), // JFIF
  ];
  if (options.comment !== undefined) segments.push(segment(0xfe, [...encoder.encode(options.comment)]));
  segments.push(
    segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]), // DQT: table 0, all ones
    segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]), // SOF0: 1 component
    segment(0xc4, [0x00, 1, ...new Array<number>(15).fill(0), 0x00]), // DHT DC 0: one code "0" → category 0
    segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]), // DHT AC 0: one code "0" → EOB
    segment(0xda, [1, 1, 0x00, 0, 63, 0]), // SOS
    entropyData(blocks),
    Uint8Array.of(0xff, 0xd9), // EOI
  );
  return concatBytes(segments);
}

/** A marker segment: `FF marker`, a 16-bit length that counts itself, the payload. */
function segment(marker: number, payload: readonly number[]): Uint8Array {
  const length = payload.length + 2;
  if (length > 0xffff)
    throw new RangeError(`a JPEG segment holds at most 65533 bytes, got ${payload.length}`);
  return Uint8Array.of(0xff, marker, length >> 8, length & 0xff, ...payload);
}

/** Two zero bits per block (DC category 0, EOB), padded with ones to a whole byte. */
function entropyData(blocks: number): Uint8Array {
  const bits = blocks * 2;
  const out = new Uint8Array(Math.ceil(bits / 8));
  const padding = out.length * 8 - bits;
  if (padding > 0) out[out.length - 1] = (1 << padding) - 1;
  return out;
}
