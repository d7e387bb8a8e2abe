import type { ApplicationForm } from "./identity.js";

/** The image formats Rekognition CompareFaces and Textract AnalyzeID both accept. */
export type ImageContentType = "image/jpeg" | "image/png";

/** What a file in a submission is for. */
export type DocumentRole = "application" | "license" | "license_back" | "selfie";

/** One file taken from a submission archive, already checked for type and size. */
export interface SubmissionFile {
  readonly role: DocumentRole;
  /** The entry's path inside the archive, normalised (forward slashes, no leading `./`). */
  readonly entryName: string;
  readonly contentType: ImageContentType | "text/csv";
  readonly bytes: Uint8Array;
}

/** A submission that passed intake: one application CSV, one license image, one selfie. */
export interface Submission {
  readonly application: ApplicationForm;
  readonly applicationFile: SubmissionFile;
  readonly license: SubmissionFile;
  /** The back of the license, when the applicant sent it (AAMVA barcode side). */
  readonly licenseBack?: SubmissionFile;
  readonly selfie: SubmissionFile;
}
