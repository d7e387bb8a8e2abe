// The testing entry's sample builders, kept for their callers: thin wrappers over
// `@onboarding/core/samples`, where the one implementation lives.
import type { ApplicationForm } from "../domain/identity.js";
import { applicationCsv } from "../samples/application-csv.js";
import { anApplicationForm } from "../samples/application-form.js";
import { encodePng } from "../samples/png.js";
import { submissionZip } from "../samples/submission-zip.js";

/**
 * A real, decodable RGB PNG of `size`×`size` pixels whose content depends on `seed`, so two
 * seeds give two different files (and two different SHA-256s). No face in it: for intake and
 * pipeline tests with scripted engines only. Built with `encodePng` from `@onboarding/core/samples`.
 */
export function aPngImage(seed = 1, size = 16): Uint8Array {
  return encodePng({
    width: size,
    height: size,
    pixel: (x, y) => {
      const shade = (channel: number) => (seed * 31 + (x * 3 + channel) * 7 + y * 13) & 0xff;
      return [shade(0), shade(1), shade(2)];
    },
  });
}

/**
 * The application CSV a customer would send for `form` (header row + one data row, CRLF):
 * `applicationCsv` from `@onboarding/core/samples`, with a default form.
 */
export function anApplicationCsv(form: ApplicationForm = anApplicationForm()): string {
  return applicationCsv(form);
}

/** What {@link aSubmissionZip} puts in the archive. */
export interface SubmissionZipOptions {
  readonly form?: ApplicationForm;
  /** Seed of the license image (distinct seeds give distinct bytes). Default 1. */
  readonly licenseSeed?: number;
  /** Seed of the selfie. Default 2. */
  readonly selfieSeed?: number;
  /** Extra or replacement entries, by name; `undefined` removes one. */
  readonly entries?: Readonly<Record<string, Uint8Array | string | undefined>>;
}

/**
 * A valid submission archive: `application.csv`, `license.png`, `selfie.png` (both {@link aPngImage}).
 * Deterministic like `submissionZip` from `@onboarding/core/samples`, which writes it.
 */
export function aSubmissionZip(options: SubmissionZipOptions = {}): Uint8Array {
  return submissionZip({
    form: options.form ?? anApplicationForm(),
    images: {
      license: { name: "license.png", bytes: aPngImage(options.licenseSeed ?? 1) },
      selfie: { name: "selfie.png", bytes: aPngImage(options.selfieSeed ?? 2) },
    },
    ...(options.entries === undefined ? {} : { entries: options.entries }),
  });
}
