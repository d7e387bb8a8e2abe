// One submission through the published core and in-memory adapters, the zip built with
// @onboarding/core/testing: every check scripted to pass, then the validation worker drained.
import { completeLicenseValidation, getApplication, processSubmission } from "@onboarding/core";
import { anApplicationForm, anExtractedIdentity, aSubmissionZip } from "@onboarding/core/testing";
import { createInMemoryPorts, FixedClock } from "@onboarding/in-memory-adapters";

const form = anApplicationForm();
const ports = createInMemoryPorts({ clock: new FixedClock("2026-01-15T10:00:00.000Z") });
ports.faceMatcher.scriptDefault({
  status: "COMPARED",
  similarity: 99.3,
  faces: { license: 1, selfie: 1 },
  engine: "scripted",
});
ports.idExtractor.scriptDefault({
  status: "EXTRACTED",
  identity: anExtractedIdentity(form),
  engine: "scripted",
  modelVersion: "1.0",
});
ports.licenseValidator.scriptDefault({ status: "VALID", provider: "scripted", reference: "ref-1" });

const upload = await ports.documentStore.putUpload("uploads/stranger.zip", aSubmissionZip({ form }));
const first = await processSubmission(ports, { upload });
if (first.status !== "AWAITING_LICENSE_VALIDATION")
  throw new Error(`after processSubmission: ${first.status} ${JSON.stringify(first.reasons)}`);
for (const request of ports.validationQueue.take()) await completeLicenseValidation(ports, request);
const final = await getApplication(ports, first.applicationId);
if (final?.status !== "APPROVED") throw new Error(`after the validation: ${JSON.stringify(final)}`);
console.log(`${first.status} → ${final.status}, ${ports.notifier.sent.length} notifications`);
