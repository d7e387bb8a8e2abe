import { Inflate } from "fflate";
import { updateCrc32 } from "./crc32.js";
import type { ZipEntry } from "./zip-directory.js";

/** What inflating one entry came to. Sizes are what was really produced, never what was declared. */
export type InflateOutcome =
  | { readonly kind: "inflated"; readonly size: number; readonly bytes: Uint8Array | undefined }
  | {
      readonly kind: "over-entry-cap" | "over-total-cap" | "over-ratio";
      /** Bytes inflated before stopping: the most this entry ever held in memory. */
      readonly inflated: number;
    }
  | { readonly kind: "corrupt"; readonly message: string };

export interface InflateBudget {
  /** Most bytes this entry may inflate to. */
  readonly maxEntryBytes: number;
  /** Bytes left under the archive's total cap. */
  readonly remainingTotalBytes: number;
  readonly maxCompressionRatio: number;
  readonly ratioGraceBytes: number;
  /** How many leading inflated bytes to keep: all for documents, a sniff's worth for unknown files, none for junk. */
  readonly keepBytes: number;
}

// DEFLATE's best case is 258 bytes from a 1-bit-ish code: about 1032:1. fflate inflates a whole
// pushed chunk at once, so each input chunk is sized from the room left under the cap: one push
// can never produce more than that room (plus about 1 KiB), so the cap is overshot by at most a
// chunk, and memory stays under twice the cap whatever the data. Larger chunks when there is room
// keep the per-push cost (fflate copies its 32 KiB window each time) small for real photos.
const DEFLATE_MAX_RATIO = 1032;
const MIN_CHUNK = 256;
const MAX_CHUNK = 64 * 1024;

/**
 * Inflates one entry from the upload in small chunks, stopping the moment the output passes the
 * entry cap, the remaining total or the ratio cap. Then checks the declared size and CRC-32.
 * Memory stays at the output kept plus one chunk's worth, whatever the entry declares.
 */
export const inflateEntry = (upload: Uint8Array, entry: ZipEntry, budget: InflateBudget): InflateOutcome => {
  const data = upload.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const ratioLimit = Math.max(budget.ratioGraceBytes, budget.maxCompressionRatio * entry.compressedSize);
  const limit = Math.min(budget.maxEntryBytes, budget.remainingTotalBytes, ratioLimit);
  const overKind = (size: number): "over-entry-cap" | "over-total-cap" | "over-ratio" | undefined => {
    if (size > budget.maxEntryBytes) return "over-entry-cap";
    if (size > budget.remainingTotalBytes) return "over-total-cap";
    if (size > ratioLimit) return "over-ratio";
    return undefined;
  };

  if (entry.method === 0) {
    const over = overKind(data.length);
    if (over) return { kind: over, inflated: 0 };
    if (updateCrc32(0, data) !== entry.crc32)
      return { kind: "corrupt", message: "an entry fails its checksum" };
    return {
      kind: "inflated",
      size: data.length,
      bytes: budget.keepBytes > 0 ? data.slice(0, budget.keepBytes) : undefined,
    };
  }

  const chunks: Uint8Array[] = [];
  let kept = 0;
  let produced = 0;
  let crc = 0;
  let over: "over-entry-cap" | "over-total-cap" | "over-ratio" | undefined;
  const inflater = new Inflate((chunk) => {
    if (over) return;
    produced += chunk.length;
    over = overKind(produced);
    if (over) return;
    crc = updateCrc32(crc, chunk);
    if (kept < budget.keepBytes && chunk.length > 0) {
      const part = chunk.length <= budget.keepBytes - kept ? chunk : chunk.slice(0, budget.keepBytes - kept);
      chunks.push(part);
      kept += part.length;
    }
  });
  try {
    let at = 0;
    do {
      const room = limit - produced;
      const size = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Math.ceil(room / DEFLATE_MAX_RATIO) + 1));
      const end = Math.min(data.length, at + size);
      inflater.push(data.subarray(at, end), end === data.length);
      at = end;
    } while (at < data.length && !over);
  } catch {
    if (over) return { kind: over, inflated: produced };
    return { kind: "corrupt", message: "an entry's compressed data is corrupt or truncated" };
  }
  if (over) return { kind: over, inflated: produced };
  if (produced !== entry.uncompressedSize)
    return { kind: "corrupt", message: "an entry's declared size is wrong" };
  if (crc !== entry.crc32) return { kind: "corrupt", message: "an entry fails its checksum" };
  if (budget.keepBytes <= 0) return { kind: "inflated", size: produced, bytes: undefined };
  const bytes = new Uint8Array(kept);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { kind: "inflated", size: produced, bytes };
};
