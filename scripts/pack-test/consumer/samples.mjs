// @onboarding/core/samples from an ES module: a sample submission zip that the published intake
// (readSubmission) accepts, with the declared applicant, and the same bytes when built twice.
import { readSubmission } from "@onboarding/core";
import { anApplicationForm, sampleImages, submissionZip } from "@onboarding/core/samples";

const form = anApplicationForm({ firstName: "Ana", dateOfBirth: "03/14/1988" });
const zip = submissionZip({ form, images: sampleImages("esm") });
const read = await readSubmission(zip);
if (!read.ok) throw new Error(`readSubmission refused the sample zip: ${JSON.stringify(read.error)}`);
if (read.value.application.firstName !== "Ana" || read.value.application.dateOfBirth !== "1988-03-14")
  throw new Error(`unexpected application: ${JSON.stringify(read.value.application)}`);
if (read.value.license.contentType !== "image/png" || read.value.selfie.contentType !== "image/jpeg")
  throw new Error(
    `unexpected documents: ${read.value.license.contentType}, ${read.value.selfie.contentType}`,
  );
if (Buffer.compare(zip, submissionZip({ form, images: sampleImages("esm") })) !== 0)
  throw new Error("the same parts gave different bytes");
console.log(
  `ESM: ${zip.byteLength}-byte zip accepted (${read.value.license.contentType}, ${read.value.selfie.contentType})`,
);
