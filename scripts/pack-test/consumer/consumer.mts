// Type-checked as an ES module under moduleResolution node16 (and, as consumer.ts's twin, bundler).
import { S3Client } from "@aws-sdk/client-s3";
import { RekognitionFaceMatcher, S3DocumentStore } from "@onboarding/aws-adapters";
import {
  type ApplicationView,
  compareIdentity,
  type DocumentStore,
  type FaceMatcher,
  type Ports,
  processSubmission,
} from "@onboarding/core";
import { type SampleImages, sampleImages, submissionZip } from "@onboarding/core/samples";
import { aSubmissionZip } from "@onboarding/core/testing";
import { createInMemoryPorts, FixedClock, type InMemoryPorts } from "@onboarding/in-memory-adapters";
import { LocalFaceMatcher } from "@onboarding/local-adapters";

const documentStore: DocumentStore = new S3DocumentStore({ client: new S3Client({}), bucket: "b" });
const faceMatchers: FaceMatcher[] = [
  new LocalFaceMatcher({ documents: documentStore }),
  new RekognitionFaceMatcher({ client: {} as never, bucket: "b" }),
];
const ports: InMemoryPorts = createInMemoryPorts({ clock: new FixedClock("2026-01-15T10:00:00Z") });
const deps: Ports = ports;
const upload = await ports.documentStore.putUpload("uploads/a.zip", aSubmissionZip());
const view: ApplicationView = await processSubmission(deps, { upload });
const images: SampleImages = sampleImages("consumer");
const sample: Uint8Array = submissionZip({
  images,
  entries: { "notes.txt": "hello", "selfie.jpg": undefined },
});
// @ts-expect-error -- an entry is bytes, a string or undefined (to remove it), not a number
submissionZip({ entries: { "notes.txt": 1 } });
const status: "APPROVED" | "REJECTED" | string = view.status;
const { outcome } = compareIdentity(
  {
    firstName: "Ada",
    lastName: "Lovelace",
    dateOfBirth: "1815-12-10",
    address: { line1: "1 Main St", city: "Miami", state: "FL", postalCode: "33101" },
    licenseNumber: "A1",
  },
  { firstName: "ADA", lastName: "LOVELACE", expirationDate: "2030-01-01" },
  { now: new Date() },
);
// @ts-expect-error -- an outcome is one of three literals, not any string
const wrong: "PASS" = outcome;

export { faceMatchers, sample, status, wrong };
