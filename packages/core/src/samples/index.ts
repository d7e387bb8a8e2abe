/**
 * `@onboarding/core/samples`: sample submissions for demos, documentation and tests — a PNG and a
 * grey JPEG encoder, seeded license and selfie images, the application CSV writer, a sample
 * application form and a deterministic submission zip writer. No test framework and no Node API
 * inside (`Uint8Array`, `TextEncoder` and fflate only), so it runs in any runtime, browsers
 * included, from ESM or CommonJS.
 *
 * @example
 * ```ts
 * import { readSubmission } from "@onboarding/core";
 * import { anApplicationForm, sampleImages, submissionZip } from "@onboarding/core/samples";
 *
 * const zip = submissionZip({ form: anApplicationForm(), images: sampleImages("demo") });
 * const read = await readSubmission(zip);
 * console.log(read.ok ? read.value.application.lastName : read.error.code); // Garcia
 * ```
 * @packageDocumentation
 */
export { APPLICATION_CSV_HEADERS, applicationCsv } from "./application-csv.js";
export { anApplicationForm } from "./application-form.js";
export { type SampleFile, type SampleImages, sampleImages } from "./images.js";
export { encodeGreyJpeg, type GreyJpegOptions } from "./jpeg.js";
export { encodePng, type PngImage, type Rgb } from "./png.js";
export { type SubmissionZipParts, submissionZip } from "./submission-zip.js";
