import type { UploadRef } from "../domain/documents.js";
import { sha256Hex } from "../domain/hash.js";

/**
 * The application id of an upload: derived from where it landed and which version it is, so
 * the same upload delivered twice (S3 notifications are at-least-once) is the same application.
 * Shaped like a UUID (version nibble 8, "custom") so it fits wherever ids are UUIDs.
 */
export async function deriveApplicationId(
  upload: Pick<UploadRef, "bucket" | "key" | "version">,
): Promise<string> {
  const hex = await sha256Hex(`onboarding/v1\n${upload.bucket}\n${upload.key}\n${upload.version ?? ""}`);
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
