/** Why an entry name is unsafe; phrased for the applicant, without the name itself. */
export type UnsafeNameReason =
  | "empty name"
  | "NUL or control character in name"
  | "name too long"
  | "absolute path"
  | "drive letter or colon in name"
  | "parent-directory segment"
  | "path too deep";

export interface EntryNameLimits {
  readonly maxNameLength: number;
  readonly maxPathDepth: number;
}

export type NormalisedName =
  | { readonly ok: true; readonly name: string; readonly isDirectory: boolean }
  | { readonly ok: false; readonly reason: UnsafeNameReason };

const utf8 = new TextDecoder("utf-8", { fatal: false });

// C0 controls, DEL and C1 controls: never in a real file name, and a log- or terminal-injection vector.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A segment Windows would resolve to `.` or `..` once it strips trailing dots and spaces.
const DOTS_AND_SPACES = /^[. ]+$/;

/**
 * Decodes a raw entry name and normalises it to forward slashes without `.` segments, refusing
 * every form of escape from the extraction root. Deliberately stricter than "stays inside the
 * root": any `..` segment is refused, even one that would resolve inside, because no legitimate
 * submission needs one and every unzip tool resolves them differently.
 */
export const normaliseEntryName = (raw: Uint8Array, limits: EntryNameLimits): NormalisedName => {
  if (raw.length === 0) return { ok: false, reason: "empty name" };
  if (raw.length > limits.maxNameLength) return { ok: false, reason: "name too long" };
  if (raw.includes(0)) return { ok: false, reason: "NUL or control character in name" };
  // Names are UTF-8 in practice (flag bit 11 or not); a CP437 name decodes to replacement
  // characters, which cannot form a separator, a dot or a colon, so safety checks still hold.
  const decoded = utf8.decode(raw).normalize("NFC");
  if (CONTROL.test(decoded)) return { ok: false, reason: "NUL or control character in name" };
  // Windows tools write `\` as the separator, and Windows extractors honour it.
  const slashed = decoded.replaceAll("\\", "/");
  if (slashed.startsWith("/")) return { ok: false, reason: "absolute path" };
  // `C:/x`, `C:x` (drive-relative) and `x:stream` (NTFS alternate data stream) all need a colon.
  if (slashed.includes(":")) return { ok: false, reason: "drive letter or colon in name" };
  const isDirectory = slashed.endsWith("/");
  const segments: string[] = [];
  for (const segment of slashed.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." || DOTS_AND_SPACES.test(segment))
      return { ok: false, reason: "parent-directory segment" };
    segments.push(segment);
  }
  if (segments.length === 0) return { ok: false, reason: "empty name" };
  if (segments.length > limits.maxPathDepth) return { ok: false, reason: "path too deep" };
  return { ok: true, name: segments.join("/") + (isDirectory ? "/" : ""), isDirectory };
};

/** A name safe to put in a rejection: control characters replaced, length bounded. */
export const printableEntryName = (name: string): string => {
  const cleaned = name.replace(new RegExp(CONTROL.source, "g"), "\uFFFD");
  return cleaned.length > 200 ? `${cleaned.slice(0, 200)}…` : cleaned;
};
