/**
 * A byte-level zip writer for tests and benchmarks: it writes whatever it is told — names with
 * `../` or NUL bytes, symlink modes, encrypted flags, sizes that lie — so intake can be tested
 * against archives no well-behaved library would produce. Dependency-free: compress with any
 * raw-DEFLATE function (fflate's `deflateSync`) and pass the result as `compressed`.
 */

import { updateCrc32 } from "../intake/crc32.js";
import { concatBytes } from "../samples/bytes.js";

/** One entry as it will be written. Only `name` is required. */
export interface ZipEntrySpec {
  /** The name, as a string (written as UTF-8) or raw bytes (for NUL bytes or invalid UTF-8). */
  readonly name: string | Uint8Array;
  /** The uncompressed content (its CRC-32 and size are written unless overridden). Default empty. */
  readonly data?: Uint8Array | string;
  /** The bytes stored as the entry's data. Default `data` itself (stored). */
  readonly compressed?: Uint8Array;
  /** Compression method. Default 8 (deflate) when `compressed` is given, else 0 (stored). */
  readonly method?: number;
  /** General-purpose flags (bit 0: encrypted, bit 3: data descriptor, bit 11: UTF-8). Default bit 11. */
  readonly flags?: number;
  /** External attributes; the high 16 bits are a Unix mode (see `UNIX_SYMLINK`). Default 0. */
  readonly externalAttributes?: number;
  /** Version made by; high byte 3 means Unix. Default 0x031e (Unix, 3.0). */
  readonly versionMadeBy?: number;
  /** Lies: written in the central directory (and local header) instead of the true values. */
  readonly crc32?: number;
  readonly compressedSize?: number;
  readonly uncompressedSize?: number;
  /** A different name for the local header only. */
  readonly localName?: string | Uint8Array;
  /** Extra field bytes, written in both headers. */
  readonly extra?: Uint8Array;
  /** Write the local header's sizes as zero (as a streaming writer with a data descriptor does). */
  readonly zeroLocalSizes?: boolean;
}

export interface ZipWriterOptions {
  /** The archive comment. */
  readonly comment?: string;
  /** Bytes written before the first entry (a self-extractor stub, a polyglot). */
  readonly prefix?: Uint8Array;
  /** Lies in the end-of-directory record. */
  readonly declaredEntryCount?: number;
  readonly declaredDirectoryOffset?: number;
  /** Write a zip64 end-of-directory record and locator, with 0xFFFF/0xFFFFFFFF in the classic one. */
  readonly zip64?: boolean;
  /** Repeat the central-directory records of the entry at this index `times` more times, all pointing at its data. */
  readonly repeatEntry?: { readonly index: number; readonly times: number };
}

/** Unix mode bits for the high half of `externalAttributes`. */
export const UNIX_SYMLINK = (0o120777 << 16) >>> 0;
export const UNIX_REGULAR_FILE = (0o100644 << 16) >>> 0;
export const UNIX_DIRECTORY = (0o040755 << 16) >>> 0;
export const UNIX_FIFO = (0o010644 << 16) >>> 0;

/** CRC-32 as zip uses it (core's own, from intake). */
export const crc32 = (bytes: Uint8Array): number => updateCrc32(0, bytes);

const encoder = new TextEncoder();
const toBytes = (value: string | Uint8Array): Uint8Array =>
  typeof value === "string" ? encoder.encode(value) : value;

class ByteSink {
  private readonly parts: Uint8Array[] = [];
  length = 0;
  bytes(value: Uint8Array): void {
    this.parts.push(value);
    this.length += value.length;
  }
  u16(value: number): void {
    this.bytes(new Uint8Array([value & 0xff, (value >>> 8) & 0xff]));
  }
  u32(value: number): void {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, value >>> 0, true);
    this.bytes(out);
  }
  u64(value: number): void {
    this.u32(value % 0x1_0000_0000);
    this.u32(Math.floor(value / 0x1_0000_0000));
  }
  toBytes(): Uint8Array {
    return concatBytes(this.parts);
  }
}

/**
 * Writes a zip archive exactly as specified.
 *
 * @example
 * import { deflateSync } from "fflate";
 * const bomb = writeZip([{ name: "a.png", compressed: deflateSync(new Uint8Array(1 << 24)), uncompressedSize: 1024 }]);
 * const unsafe = writeZip([{ name: "../../etc/passwd", data: "x" }]);
 */
export const writeZip = (entries: readonly ZipEntrySpec[], options: ZipWriterOptions = {}): Uint8Array => {
  const sink = new ByteSink();
  if (options.prefix) sink.bytes(options.prefix);
  const central: {
    spec: ZipEntrySpec;
    name: Uint8Array;
    data: Uint8Array;
    stored: Uint8Array;
    offset: number;
  }[] = [];

  for (const spec of entries) {
    const name = toBytes(spec.name);
    const data = toBytes(spec.data ?? new Uint8Array());
    const stored = spec.compressed ?? data;
    const method = spec.method ?? (spec.compressed ? 8 : 0);
    const flags = spec.flags ?? 1 << 11;
    const offset = sink.length;
    const localName = toBytes(spec.localName ?? spec.name);
    const extra = spec.extra ?? new Uint8Array();
    sink.u32(0x04034b50);
    sink.u16(20);
    sink.u16(flags);
    sink.u16(method);
    sink.u16(0); // time
    sink.u16(0x21); // date: 1980-01-01
    sink.u32(spec.zeroLocalSizes ? 0 : (spec.crc32 ?? crc32(data)));
    sink.u32(spec.zeroLocalSizes ? 0 : (spec.compressedSize ?? stored.length));
    sink.u32(spec.zeroLocalSizes ? 0 : (spec.uncompressedSize ?? data.length));
    sink.u16(localName.length);
    sink.u16(extra.length);
    sink.bytes(localName);
    sink.bytes(extra);
    sink.bytes(stored);
    central.push({ spec, name, data, stored, offset });
  }

  const directoryOffset = sink.length;
  const repeated = options.repeatEntry
    ? [
        ...central,
        ...Array.from({ length: options.repeatEntry.times }, (_, i) => {
          const original = central[options.repeatEntry?.index ?? 0];
          if (!original) throw new Error("repeatEntry.index is out of range");
          return { ...original, name: toBytes(`${i}-${new TextDecoder().decode(original.name)}`) };
        }),
      ]
    : central;
  for (const { spec, name, data, stored, offset } of repeated) {
    const extra = spec.extra ?? new Uint8Array();
    sink.u32(0x02014b50);
    sink.u16(spec.versionMadeBy ?? 0x031e);
    sink.u16(20);
    sink.u16(spec.flags ?? 1 << 11);
    sink.u16(spec.method ?? (spec.compressed ? 8 : 0));
    sink.u16(0);
    sink.u16(0x21);
    sink.u32(spec.crc32 ?? crc32(data));
    sink.u32(spec.compressedSize ?? stored.length);
    sink.u32(spec.uncompressedSize ?? data.length);
    sink.u16(name.length);
    sink.u16(extra.length);
    sink.u16(0); // comment length
    sink.u16(0); // disk
    sink.u16(0); // internal attributes
    sink.u32(spec.externalAttributes ?? 0);
    sink.u32(offset);
    sink.bytes(name);
    sink.bytes(extra);
  }
  const directorySize = sink.length - directoryOffset;
  const count = options.declaredEntryCount ?? repeated.length;
  const offset = options.declaredDirectoryOffset ?? directoryOffset;

  if (options.zip64) {
    const record = sink.length;
    sink.u32(0x06064b50);
    sink.u64(44);
    sink.u16(0x032d);
    sink.u16(45);
    sink.u32(0);
    sink.u32(0);
    sink.u64(count);
    sink.u64(count);
    sink.u64(directorySize);
    sink.u64(offset);
    sink.u32(0x07064b50);
    sink.u32(0);
    sink.u64(record);
    sink.u32(1);
  }
  const comment = encoder.encode(options.comment ?? "");
  sink.u32(0x06054b50);
  sink.u16(0);
  sink.u16(0);
  sink.u16(options.zip64 ? 0xffff : count & 0xffff);
  sink.u16(options.zip64 ? 0xffff : count & 0xffff);
  sink.u32(options.zip64 ? 0xffffffff : directorySize);
  sink.u32(options.zip64 ? 0xffffffff : offset);
  sink.u16(comment.length);
  sink.bytes(comment);
  return sink.toBytes();
};

/** A complete 1×1 RGBA PNG (70 bytes): signature, IHDR, IDAT, IEND. */
export const tinyPng = (): Uint8Array =>
  Uint8Array.from(
    atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
    (c) => c.charCodeAt(0),
  );

/**
 * A minimal baseline JPEG, 1×1 grey pixel (159 bytes): SOI, JFIF, one quantisation table, SOF0,
 * one-code Huffman tables, a scan whose single block is "DC 0, end of block", EOI.
 */
export const tinyJpeg = (): Uint8Array =>
  new Uint8Array([
    ...[0xff, 0xd8],
    ...[
      0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
      0x00,
    ],
    ...[0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array<number>(64).fill(1)],
    ...[0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00],
    ...[0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, ...new Array<number>(15).fill(0), 0x00],
    ...[0xff, 0xc4, 0x00, 0x14, 0x10, 0x01, ...new Array<number>(15).fill(0), 0x00],
    ...[0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00],
    0x3f,
    ...[0xff, 0xd9],
  ]);
