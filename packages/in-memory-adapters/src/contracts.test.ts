import {
  aDocumentRef,
  anExtractedIdentity,
  customerRepoContract,
  documentStoreContract,
  faceMatcherContract,
  idExtractorContract,
  licenseValidatorContract,
  notifierContract,
  validationQueueContract,
} from "@onboarding/core/testing";
import { InMemoryCustomerRepo } from "./in-memory-customer-repo.js";
import { InMemoryDocumentStore } from "./in-memory-document-store.js";
import { InMemoryFaceMatcher } from "./in-memory-face-matcher.js";
import { InMemoryIdExtractor } from "./in-memory-id-extractor.js";
import { InMemoryLicenseValidator } from "./in-memory-license-validator.js";
import { InMemoryNotifier } from "./in-memory-notifier.js";
import { InMemoryValidationQueue } from "./in-memory-validation-queue.js";

customerRepoContract({ name: "InMemoryCustomerRepo", make: () => new InMemoryCustomerRepo() });

documentStoreContract({
  name: "InMemoryDocumentStore",
  make: () => {
    const store = new InMemoryDocumentStore();
    return { store, seedUpload: (key, bytes) => store.putUpload(key, bytes) };
  },
});

faceMatcherContract({
  name: "InMemoryFaceMatcher (scripted)",
  make: () => {
    const same = { license: aDocumentRef(), selfie: aDocumentRef() };
    const different = { license: aDocumentRef(), selfie: aDocumentRef() };
    const noFace = { license: aDocumentRef(), selfie: aDocumentRef() };
    const matcher = new InMemoryFaceMatcher()
      .script(same.selfie.key, {
        status: "COMPARED",
        similarity: 99.2,
        faces: { license: 1, selfie: 1 },
        engine: "scripted",
      })
      .script(different.selfie.key, {
        status: "COMPARED",
        similarity: 3.1,
        faces: { license: 1, selfie: 1 },
        engine: "scripted",
      })
      .script(noFace.selfie.key, { status: "FACE_NOT_DETECTED", document: "selfie", engine: "scripted" });
    return { matcher, samePerson: same, differentPeople: different, noFaceInSelfie: noFace };
  },
});

idExtractorContract({
  name: "InMemoryIdExtractor (scripted)",
  make: () => {
    const license = aDocumentRef();
    const unreadable = aDocumentRef();
    const expected = anExtractedIdentity();
    const extractor = new InMemoryIdExtractor()
      .script(license.key, { status: "EXTRACTED", identity: expected, engine: "scripted" })
      .script(unreadable.key, { status: "UNREADABLE", code: "UNSUPPORTED_DOCUMENT", engine: "scripted" });
    return { extractor, readable: { license, expected }, unreadable };
  },
});

validationQueueContract({
  name: "InMemoryValidationQueue",
  make: () => {
    const queue = new InMemoryValidationQueue();
    return { queue, received: async () => queue.take() };
  },
});

notifierContract({
  name: "InMemoryNotifier",
  make: () => {
    const notifier = new InMemoryNotifier();
    return { notifier, received: async () => notifier.sent };
  },
});

licenseValidatorContract({
  name: "InMemoryLicenseValidator (scripted)",
  make: () => ({
    validator: new InMemoryLicenseValidator()
      .script("D1234567", { status: "VALID", provider: "scripted" })
      .script("X0000000", { status: "INVALID", provider: "scripted", reason: "NOT_FOUND" }),
    valid: { licenseNumber: "D1234567", issuingState: "CA" },
    invalid: { licenseNumber: "X0000000", issuingState: "CA" },
  }),
});
