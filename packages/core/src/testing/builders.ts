import type { ApplicationRecord } from "../domain/application.js";
import type { DocumentRef } from "../domain/documents.js";
import type { ApplicationForm, ExtractedIdentity } from "../domain/identity.js";
import { anApplicationForm } from "../samples/application-form.js";

export { anApplicationForm };

/** What an ID extractor would read off the license of `form`: the same identity, high confidence. */
export const anExtractedIdentity = (
  form: ApplicationForm = anApplicationForm(),
  overrides: Partial<ExtractedIdentity> = {},
): ExtractedIdentity => ({
  firstName: form.firstName.toUpperCase(),
  ...(form.middleName === undefined ? {} : { middleName: form.middleName.toUpperCase() }),
  lastName: form.lastName.toUpperCase(),
  dateOfBirth: form.dateOfBirth,
  address: {
    line1: form.address.line1.toUpperCase(),
    city: form.address.city.toUpperCase(),
    state: form.address.state,
    postalCode: form.address.postalCode,
  },
  licenseNumber: form.licenseNumber,
  expirationDate: "2030-04-12",
  confidence: {
    firstName: 99,
    middleName: 98,
    lastName: 99,
    dateOfBirth: 99,
    address: 97,
    city: 98,
    state: 99,
    postalCode: 99,
    licenseNumber: 99,
    expirationDate: 99,
  },
  ...overrides,
});

let refCounter = 0;
/** A document reference with a unique key. */
export const aDocumentRef = (overrides: Partial<DocumentRef> = {}): DocumentRef => {
  refCounter += 1;
  return {
    key: `applications/test/doc-${refCounter}.jpg`,
    contentType: "image/jpeg",
    size: 1024,
    sha256: "0".repeat(64),
    ...overrides,
  };
};

let idCounter = 0;
/** A freshly received application record (`version: 1`). */
export const anApplicationRecord = (overrides: Partial<ApplicationRecord> = {}): ApplicationRecord => {
  idCounter += 1;
  const at = "2026-01-15T10:00:00.000Z";
  const applicationId =
    overrides.applicationId ?? `app-${Math.random().toString(36).slice(2, 10)}-${idCounter}`;
  return {
    applicationId,
    version: 1,
    status: "RECEIVED",
    upload: { bucket: "uploads-bucket", key: `uploads/${applicationId}.zip`, version: "etag-1", size: 2048 },
    createdAt: at,
    updatedAt: at,
    applicant: anApplicationForm(),
    documents: {},
    checks: {},
    reasons: [],
    outbox: [],
    effectsDone: [],
    audit: [{ at, step: "intake", to: "RECEIVED", outcome: "ACCEPTED" }],
    ...overrides,
  };
};
