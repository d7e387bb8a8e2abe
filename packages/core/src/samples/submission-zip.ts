import { strToU8, zipSync } from "fflate";
import type { ApplicationForm } from "../domain/identity.js";
import { applicationCsv } from "./application-csv.js";
import { anApplicationForm } from "./application-form.js";
import { type SampleImages, sampleImages } from "./images.js";

/** What {@link submissionZip} puts in the archive. Every part has a default. */
export interface SubmissionZipParts {
  /** The applicant, written as `application.csv` by `applicationCsv`. Default `anApplicationForm()`. */
  readonly form?: ApplicationForm;
  /** The license and selfie, under their own names. Default `sampleImages("sample")`. */
  readonly images?: SampleImages;
  /**
   * Extra or replacement entries, by name, written after the documents (a replacement keeps its
   * place). Names are written verbatim — `../../etc/passwd` stays as it is, which is how a hostile
   * archive is made; a string is written as UTF-8; `undefined` removes the entry of that name.
   */
  readonly entries?: Readonly<Record<string, Uint8Array | string | undefined>>;
}

// DOS timestamps have no time zone and fflate writes the local time of this date: built from local
// fields, it is written the same in every zone, so the bytes are too.
const ZIP_MTIME = new Date(2026, 0, 15, 10, 0, 0);

/**
 * A submission archive as an applicant would upload it: `application.csv`, then the license and
 * selfie, then any `entries`, deflated. Deterministic: every entry carries the same fixed
 * timestamp (2026-01-15 10:00:00), so the same parts always give the same bytes — and, where an
 * upload's version is a hash of its bytes, the same application id.
 *
 * @example
 * ```ts
 * import { readSubmission } from "@onboarding/core";
 * import { anApplicationForm, sampleImages, submissionZip } from "@onboarding/core/samples";
 *
 * const zip = submissionZip({ form: anApplicationForm({ firstName: "Ana" }), images: sampleImages("ana") });
 * const read = await readSubmission(zip); // read.ok === true
 *
 * // A hostile archive, refused by intake as ARCHIVE_UNSAFE:
 * const hostile = submissionZip({ entries: { "../../etc/passwd": "root:x:0:0" } });
 * ```
 */
export function submissionZip(parts: SubmissionZipParts = {}): Uint8Array {
  const images = parts.images ?? sampleImages("sample");
  const files: Record<string, Uint8Array> = {
    "application.csv": strToU8(applicationCsv(parts.form ?? anApplicationForm())),
    [images.license.name]: images.license.bytes,
    [images.selfie.name]: images.selfie.bytes,
  };
  for (const [name, content] of Object.entries(parts.entries ?? {})) {
    if (content === undefined) delete files[name];
    else files[name] = typeof content === "string" ? strToU8(content) : content;
  }
  return zipSync(files, { mtime: ZIP_MTIME });
}
