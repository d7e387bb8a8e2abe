import type { DocumentRole } from "../domain/submission.js";

/** What intake does with an entry, decided from its normalised name alone. */
export type EntryKind =
  | { readonly kind: "ignored" }
  | { readonly kind: "document"; readonly role: DocumentRole }
  | { readonly kind: "conflicting" }
  | { readonly kind: "other" };

const JUNK_FILES = new Set(["thumbs.db", "desktop.ini", "ehthumbs.db"]);

/**
 * Classifies an entry by name. Folders, macOS resource forks (`__MACOSX/`, `._x`), dot-files and
 * Windows thumbnails are ignored. The single `.csv` is the application; `license`/`licence`
 * anywhere in the name, or `dl` as a word, is the license (`…back`/`rear` its back); `selfie` is
 * the selfie. A name matching both license and selfie is `conflicting` rather than guessed.
 *
 * @example
 * classifyEntry("123e4567_license.PNG", false); // { kind: "document", role: "license" }
 */
export const classifyEntry = (name: string, isDirectory: boolean): EntryKind => {
  if (isDirectory) return { kind: "ignored" };
  const segments = name.toLowerCase().split("/");
  const base = segments[segments.length - 1] ?? "";
  if (segments.some((segment) => segment === "__macosx" || segment.startsWith(".")))
    return { kind: "ignored" };
  if (JUNK_FILES.has(base) || base.startsWith("~$")) return { kind: "ignored" };

  const dot = base.lastIndexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const extension = dot > 0 ? base.slice(dot + 1) : "";
  if (extension === "csv") return { kind: "document", role: "application" };

  const tokens = stem.split(/[^a-z0-9]+/).filter((token) => token !== "");
  const isLicense = /licen[cs]e/.test(stem) || tokens.includes("dl");
  const isSelfie = stem.includes("selfie");
  if (isLicense && isSelfie) return { kind: "conflicting" };
  if (isSelfie) return { kind: "document", role: "selfie" };
  if (!isLicense) return { kind: "other" };
  const isBack = tokens.some(
    (token) => token === "back" || token === "rear" || /(licen[cs]e|^dl)back$/.test(token),
  );
  return { kind: "document", role: isBack ? "license_back" : "license" };
};
