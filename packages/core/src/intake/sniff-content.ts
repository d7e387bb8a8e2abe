import type { ImageContentType } from "../domain/submission.js";

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  bytes.length >= at + magic.length && magic.every((byte, i) => bytes[at + i] === byte);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/**
 * The image type by magic bytes: JPEG or PNG, the formats both Rekognition and Textract accept.
 * Anything else — GIF, WebP, HEIC, TIFF, BMP, text, executables — is `undefined`.
 */
export const sniffImage = (bytes: Uint8Array): ImageContentType | undefined => {
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  return undefined;
};

const ARCHIVES: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04], // zip (also docx, jar, apk…)
  [0x50, 0x4b, 0x05, 0x06], // empty zip
  [0x50, 0x4b, 0x07, 0x08], // spanned zip
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // rar
  [0x42, 0x5a, 0x68], // bzip2
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
];
const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72]; // "ustar" at 257

/** Bytes that are themselves an archive: refused, since they could hide documents from the role rules. */
export const isArchive = (bytes: Uint8Array): boolean =>
  ARCHIVES.some((magic) => startsWith(bytes, magic)) || startsWith(bytes, USTAR, 257);

/** How many leading bytes `sniffImage` and `isArchive` need. */
export const SNIFF_BYTES = 262;

const ARCHIVE_EXTENSIONS = /\.(zip|zipx|jar|7z|rar|gz|tgz|tar|bz2|xz)$/i;

/** A name that says "archive", whatever the bytes say. */
export const hasArchiveExtension = (name: string): boolean => ARCHIVE_EXTENSIONS.test(name);
