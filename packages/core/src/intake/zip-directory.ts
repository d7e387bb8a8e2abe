import { type Rejection, rejection } from "../domain/errors.js";
import { err, ok, type Result } from "../domain/result.js";
import { normaliseEntryName, printableEntryName } from "./entry-name.js";
import type { IntakeLimits } from "./intake-limits.js";

/** One entry of the central directory, checked for safety but not yet inflated. */
export interface ZipEntry {
  /** Normalised name: forward slashes, no `.` segments, trailing `/` for folders. */
  readonly name: string;
  readonly isDirectory: boolean;
  /** 0 (stored) or 8 (deflate): the only methods accepted. */
  readonly method: 0 | 8;
  readonly crc32: number;
  /** Declared sizes: used only to refuse early and to check the inflated result, never trusted. */
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the entry's compressed data in the upload. */
  readonly dataOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;

const FLAG_ENCRYPTED = 1 << 0;
const FLAG_STRONG_ENCRYPTION = 1 << 6;
const FLAG_MASKED_HEADERS = 1 << 13;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

const invalid = (message: string, entry?: string) =>
  err(rejection("ARCHIVE_INVALID", message, entry === undefined ? {} : { entry: printableEntryName(entry) }));
const unsafe = (message: string, entry?: string) =>
  err(rejection("ARCHIVE_UNSAFE", message, entry === undefined ? {} : { entry: printableEntryName(entry) }));

const rawLabel = (raw: Uint8Array): string => new TextDecoder("utf-8", { fatal: false }).decode(raw);

/** Little-endian reads that report out-of-bounds as `undefined` instead of throwing. */
class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  fits(offset: number, length: number): boolean {
    return Number.isSafeInteger(offset) && offset >= 0 && length >= 0 && offset + length <= this.bytes.length;
  }
  u16(offset: number): number {
    return this.view.getUint16(offset, true);
  }
  u32(offset: number): number {
    return this.view.getUint32(offset, true);
  }
  /** A 64-bit value, or `undefined` when it cannot be a real offset or size (over 2^53). */
  u64(offset: number): number | undefined {
    const high = this.view.getUint32(offset + 4, true);
    if (high > 0x1fffff) return undefined;
    return high * 0x1_0000_0000 + this.view.getUint32(offset, true);
  }
}

interface EndOfDirectory {
  readonly count: number;
  readonly offset: number;
  readonly size: number;
}

const findEndOfDirectory = (reader: Reader): Result<EndOfDirectory, Rejection> => {
  const { bytes } = reader;
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  // The record must end exactly where its comment says: a signature inside a comment or inside
  // appended data is not the end of the directory, and guessing lets two readers disagree.
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (reader.u32(at) === SIG_EOCD && at + EOCD_SIZE + reader.u16(at + 20) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return invalid("the upload is not a zip archive or is truncated");
  if (reader.u16(eocd + 4) !== 0 || reader.u16(eocd + 6) !== 0)
    return invalid("multi-part archives are not supported");
  const diskCount = reader.u16(eocd + 8);
  let count = reader.u16(eocd + 10);
  let size = reader.u32(eocd + 12);
  let offset = reader.u32(eocd + 16);
  let end = eocd;
  if (diskCount !== count) return invalid("multi-part archives are not supported");
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (!reader.fits(locator, 20) || reader.u32(locator) !== SIG_ZIP64_LOCATOR) {
      return invalid("the archive's zip64 directory is missing");
    }
    const record = reader.u64(locator + 8);
    if (record === undefined || !reader.fits(record, 56) || record + 56 > locator) {
      return invalid("the archive's zip64 directory is corrupt");
    }
    if (reader.u32(record) !== SIG_ZIP64_EOCD) return invalid("the archive's zip64 directory is corrupt");
    const count64 = reader.u64(record + 32);
    const size64 = reader.u64(record + 40);
    const offset64 = reader.u64(record + 48);
    if (count64 === undefined || size64 === undefined || offset64 === undefined) {
      return invalid("the archive's zip64 directory is corrupt");
    }
    if (
      reader.u32(record + 16) !== 0 ||
      reader.u32(record + 20) !== 0 ||
      reader.u64(record + 24) !== count64
    ) {
      return invalid("multi-part archives are not supported");
    }
    count = count64;
    size = size64;
    offset = offset64;
    end = record;
  }
  // Data before the first entry (self-extracting stubs, polyglots) shifts every offset; refusing
  // it keeps one interpretation of the bytes.
  if (offset + size !== end) return invalid("the archive's central directory is not where it says");
  return ok({ count, offset, size });
};

/** Reads the sizes and offset a zip64 extra field carries for the fields set to 0xFFFFFFFF. */
const readZip64Extra = (
  reader: Reader,
  extraStart: number,
  extraEnd: number,
  wanted: { usize: boolean; csize: boolean; offset: boolean },
): { usize?: number; csize?: number; offset?: number } | undefined => {
  for (let at = extraStart; at + 4 <= extraEnd; ) {
    const id = reader.u16(at);
    const length = reader.u16(at + 2);
    const body = at + 4;
    if (body + length > extraEnd) return undefined;
    if (id === 0x0001) {
      const found: { usize?: number; csize?: number; offset?: number } = {};
      let cursor = body;
      for (const key of ["usize", "csize", "offset"] as const) {
        if (!wanted[key]) continue;
        if (cursor + 8 > body + length) return undefined;
        const value = reader.u64(cursor);
        if (value === undefined) return undefined;
        found[key] = value;
        cursor += 8;
      }
      return found;
    }
    at = body + length;
  }
  return undefined;
};

/** The Info-ZIP Unicode Path extra field (0x7075): some extractors use it instead of the name. */
const unicodePathExtra = (reader: Reader, extraStart: number, extraEnd: number): Uint8Array | undefined => {
  for (let at = extraStart; at + 4 <= extraEnd; ) {
    const id = reader.u16(at);
    const length = reader.u16(at + 2);
    const body = at + 4;
    if (body + length > extraEnd) return undefined;
    if (id === 0x7075 && length >= 5) return reader.bytes.subarray(body + 5, body + length);
    at = body + length;
  }
  return undefined;
};

interface Located {
  readonly entry: ZipEntry;
  readonly rawName: Uint8Array;
  readonly localOffset: number;
  readonly flags: number;
}

/**
 * Parses the central directory of `bytes` and checks every entry — including the ones intake will
 * ignore — for safety: names, file types, encryption, methods, duplicates, and that each local
 * header agrees with the directory and no two entries share data. Reads no compressed data.
 */
export const readZipDirectory = (
  bytes: Uint8Array,
  limits: IntakeLimits,
): Result<readonly ZipEntry[], Rejection> => {
  if (bytes.length === 0) return invalid("the upload is empty");
  if (bytes.length < EOCD_SIZE) return invalid("the upload is not a zip archive or is truncated");
  const reader = new Reader(bytes);
  const end = findEndOfDirectory(reader);
  if (!end.ok) return end;
  const { count, offset, size } = end.value;
  if (count === 0) return invalid("the archive is empty");
  if (count > limits.maxEntries) {
    return err(rejection("ARCHIVE_TOO_LARGE", `the archive has more than ${limits.maxEntries} entries`));
  }

  const located: Located[] = [];
  const seen = new Set<string>();
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (!reader.fits(at, CENTRAL_SIZE) || reader.u32(at) !== SIG_CENTRAL) {
      return invalid("the archive's central directory is corrupt");
    }
    const flags = reader.u16(at + 8);
    const method = reader.u16(at + 10);
    const crc32 = reader.u32(at + 16);
    let compressedSize = reader.u32(at + 20);
    let uncompressedSize = reader.u32(at + 24);
    const nameLength = reader.u16(at + 28);
    const extraLength = reader.u16(at + 30);
    const commentLength = reader.u16(at + 32);
    const externalAttributes = reader.u32(at + 38);
    let localOffset = reader.u32(at + 42);
    const nameStart = at + CENTRAL_SIZE;
    const extraStart = nameStart + nameLength;
    const extraEnd = extraStart + extraLength;
    const next = extraEnd + commentLength;
    if (next > offset + size) return invalid("the archive's central directory is corrupt");
    const rawName = bytes.subarray(nameStart, extraStart);
    const label = rawLabel(rawName);

    const normalised = normaliseEntryName(rawName, limits);
    if (!normalised.ok) return unsafe(`an entry has an unsafe name (${normalised.reason})`, label);
    const unicodePath = unicodePathExtra(reader, extraStart, extraEnd);
    if (unicodePath !== undefined && !normaliseEntryName(unicodePath, limits).ok) {
      return unsafe("an entry has an unsafe alternative (Unicode path) name", label);
    }
    // Unix hosts keep the file mode in the high 16 bits; check it whatever host claims to have
    // written the archive, since extractors that honour it rarely check the host either.
    const fileType = (externalAttributes >>> 16) & S_IFMT;
    if (fileType === S_IFLNK) return unsafe("an entry is a symbolic link", normalised.name);
    if (fileType !== 0 && fileType !== S_IFREG && fileType !== S_IFDIR) {
      return unsafe("an entry is a device, pipe or socket", normalised.name);
    }
    const key = normalised.name.replace(/\/$/, "").toLowerCase();
    if (seen.has(key)) return unsafe("two entries have the same name", normalised.name);
    seen.add(key);

    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS)) {
      return invalid("encrypted archives are not supported", normalised.name);
    }
    if (method !== 0 && method !== 8)
      return invalid("an entry uses an unsupported compression method", normalised.name);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      const zip64 = readZip64Extra(reader, extraStart, extraEnd, {
        usize: uncompressedSize === 0xffffffff,
        csize: compressedSize === 0xffffffff,
        offset: localOffset === 0xffffffff,
      });
      if (zip64 === undefined) return invalid("an entry's zip64 sizes are corrupt", normalised.name);
      uncompressedSize = zip64.usize ?? uncompressedSize;
      compressedSize = zip64.csize ?? compressedSize;
      localOffset = zip64.offset ?? localOffset;
    }
    if (method === 0 && compressedSize !== uncompressedSize) {
      return invalid("a stored entry declares two different sizes", normalised.name);
    }
    located.push({
      entry: {
        name: normalised.name,
        isDirectory: normalised.isDirectory,
        method: method === 0 ? 0 : 8,
        crc32,
        compressedSize,
        uncompressedSize,
        dataOffset: -1,
      },
      rawName,
      localOffset,
      flags,
    });
    at = next;
  }
  if (at !== offset + size) return invalid("the archive's central directory is corrupt");

  // Two directory records pointing at one local header is the "overlapping" bomb in its
  // simplest form; check it before the headers, which would otherwise report a name mismatch.
  const offsets = new Set<number>();
  for (const { entry, localOffset } of located) {
    if (offsets.has(localOffset)) return invalid("two entries overlap", entry.name);
    offsets.add(localOffset);
  }
  // Bytes before the first entry (a self-extractor stub, a polyglot) are read by nobody here but
  // by something else downstream; an upload is a zip and nothing else.
  if (!offsets.has(0)) return invalid("the archive has data before its first entry");

  const entries: ZipEntry[] = [];
  for (const { entry, rawName, localOffset } of located) {
    if (!reader.fits(localOffset, LOCAL_SIZE) || reader.u32(localOffset) !== SIG_LOCAL) {
      return invalid("an entry's local header is missing", entry.name);
    }
    const localFlags = reader.u16(localOffset + 6);
    const localMethod = reader.u16(localOffset + 8);
    const localNameLength = reader.u16(localOffset + 26);
    const localExtraLength = reader.u16(localOffset + 28);
    if (localFlags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) {
      return invalid("encrypted archives are not supported", entry.name);
    }
    if (localMethod !== entry.method)
      return invalid("an entry's local header disagrees with the directory", entry.name);
    const localName = bytes.subarray(localOffset + LOCAL_SIZE, localOffset + LOCAL_SIZE + localNameLength);
    // Extractors that stream from the front read this name, not the directory's.
    if (localName.length !== rawName.length || localName.some((byte, i) => byte !== rawName[i])) {
      return unsafe("an entry's local name differs from its directory name", entry.name);
    }
    const dataOffset = localOffset + LOCAL_SIZE + localNameLength + localExtraLength;
    if (dataOffset + entry.compressedSize > offset)
      return invalid("an entry's data is truncated", entry.name);
    entries.push({ ...entry, dataOffset });
  }

  // Entries sharing compressed data are the "overlapping" zip-bomb construction.
  const byOffset = entries.map((entry, i) => ({ entry, start: located[i]?.localOffset ?? 0 }));
  byOffset.sort((a, b) => a.start - b.start);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1];
    const current = byOffset[i];
    if (previous && current && previous.entry.dataOffset + previous.entry.compressedSize > current.start) {
      return invalid("two entries overlap", current.entry.name);
    }
  }
  return ok(entries);
};
