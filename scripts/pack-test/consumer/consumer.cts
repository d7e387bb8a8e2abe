// Type-checked as CommonJS under moduleResolution node16: resolves the .d.cts declarations.
import { DynamoDbCustomerRepo } from "@onboarding/aws-adapters";
import { type Clock, readSubmission } from "@onboarding/core";
import { anApplicationForm, type SubmissionZipParts, submissionZip } from "@onboarding/core/samples";
import { InMemoryCustomerRepo } from "@onboarding/in-memory-adapters";
import { LocalIdExtractor } from "@onboarding/local-adapters";

const clock: Clock = { now: () => new Date() };
const repos = [new InMemoryCustomerRepo(), DynamoDbCustomerRepo];
const parts: SubmissionZipParts = { form: anApplicationForm({ firstName: "Ada" }) };
const sample: Uint8Array = submissionZip(parts);
export = { clock, repos, readSubmission, LocalIdExtractor, sample };
