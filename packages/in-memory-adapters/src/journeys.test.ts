import {
  type ApplicationView,
  completeLicenseValidation,
  deriveApplicationId,
  type FaceComparison,
  type IdExtraction,
  type LicenseValidationResult,
  type ProcessSubmissionOptions,
  processSubmission,
  type RejectionCode,
} from "@onboarding/core";
import {
  anApplicationCsv,
  anApplicationForm,
  anExtractedIdentity,
  aPngImage,
  aSubmissionZip,
} from "@onboarding/core/testing";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { FixedClock } from "./fixed-clock.js";
import { createInMemoryPorts, type InMemoryPorts } from "./in-memory-ports.js";

const TODAY = "2026-01-15T10:00:00.000Z";
const form = anApplicationForm();

const compared = (similarity: number, selfieFaces = 1): FaceComparison => ({
  status: "COMPARED",
  similarity,
  faces: { license: 1, selfie: selfieFaces },
  engine: "scripted",
});
const extracted = (overrides: Parameters<typeof anExtractedIdentity>[1] = {}): IdExtraction => ({
  status: "EXTRACTED",
  identity: anExtractedIdentity(form, overrides),
  engine: "scripted",
  modelVersion: "1.0",
});
const VALID: LicenseValidationResult = { status: "VALID", provider: "scripted", reference: "ref-1" };

interface Scenario {
  readonly face?: FaceComparison;
  readonly id?: IdExtraction;
  readonly validation?: LicenseValidationResult;
  readonly zip?: Uint8Array;
  readonly options?: ProcessSubmissionOptions;
}

function arrange(scenario: Scenario = {}): InMemoryPorts {
  const ports = createInMemoryPorts({ clock: new FixedClock(TODAY) });
  if (scenario.face) ports.faceMatcher.scriptDefault(scenario.face);
  if (scenario.id) ports.idExtractor.scriptDefault(scenario.id);
  if (scenario.validation) ports.licenseValidator.scriptDefault(scenario.validation);
  return ports;
}

async function submit(
  ports: InMemoryPorts,
  zip: Uint8Array = aSubmissionZip({ form }),
  options: ProcessSubmissionOptions = {},
) {
  const upload = await ports.documentStore.putUpload("uploads/customer-upload.zip", zip);
  const view = await processSubmission(ports, { upload }, options);
  return { upload, view };
}

/** Runs the validation worker over everything queued, as the SQS-triggered function would. */
async function drainValidations(ports: InMemoryPorts): Promise<ApplicationView[]> {
  const views: ApplicationView[] = [];
  for (const request of ports.validationQueue.take())
    views.push(await completeLicenseValidation(ports, request));
  return views;
}

const codes = (view: ApplicationView) => view.reasons.map((r) => r.code);

describe("a valid submission whose checks all pass", () => {
  it("unpacks the documents under the application's own prefix, keeping the upload", async () => {
    const ports = arrange({ face: compared(99.3), id: extracted() });

    const { view } = await submit(ports);

    expect(ports.documentStore.keys().sort()).toEqual(
      [
        "uploads/customer-upload.zip",
        `applications/${view.applicationId}/application.csv`,
        `applications/${view.applicationId}/license.png`,
        `applications/${view.applicationId}/selfie.png`,
      ].sort(),
    );
  });

  it("stores the application, requests the license validation and notifies each check", async () => {
    const ports = arrange({ face: compared(99.3), id: extracted() });

    const { view, upload } = await submit(ports);

    expect(view.applicationId).toBe(await deriveApplicationId(upload));
    expect(view.status).toBe("AWAITING_LICENSE_VALIDATION");
    expect(view.checks.faceMatch).toMatchObject({
      outcome: "PASS",
      similarity: 99.3,
      bands: { pass: 95, review: 80 },
    });
    expect(view.checks.identity?.outcome).toBe("PASS");
    expect((await ports.customerRepo.get(view.applicationId))?.applicant).toEqual(form);
    expect(ports.validationQueue.sent).toEqual([
      {
        applicationId: view.applicationId,
        requestId: `${view.applicationId}:license-validation`,
        licenseNumber: form.licenseNumber,
        issuingState: form.address.state,
        requestedAt: TODAY,
      },
    ]);
    expect(
      ports.notifier.sent.map((n) => [n.type, n.type === "VALIDATION_COMPLETED" ? n.check : n.status]),
    ).toEqual([
      ["VALIDATION_COMPLETED", "FACE_MATCH"],
      ["VALIDATION_COMPLETED", "IDENTITY"],
    ]);
  });

  it("is approved when the third party confirms the license, and the applicant is told", async () => {
    const ports = arrange({ face: compared(99.3), id: extracted(), validation: VALID });
    await submit(ports);

    const [final] = await drainValidations(ports);

    expect(final?.status).toBe("APPROVED");
    expect(final?.checks.licenseValidation).toMatchObject({
      outcome: "PASS",
      provider: "scripted",
      reference: "ref-1",
    });
    expect(ports.notifier.sent.at(-1)).toMatchObject({ type: "DECISION_MADE", status: "APPROVED" });
    expect(final?.audit.map((e) => e.to)).toEqual([
      "RECEIVED",
      "DOCUMENTS_STORED",
      "VERIFYING",
      "AWAITING_LICENSE_VALIDATION",
      "APPROVED",
    ]);
    const verification = final?.audit.find((e) => e.to === "AWAITING_LICENSE_VALIDATION");
    expect(verification?.scores?.faceSimilarity).toBe(99.3);
    expect(verification?.thresholds).toEqual({
      facePass: 95,
      faceReview: 80,
      identityMatch: 90,
      identityReview: 60,
    });
    expect(verification?.detail?.idModelVersion).toBe("1.0");
  });
});

describe("a submission refused at intake", () => {
  const notAZip = strToU8("this is not a zip archive");
  const cases: [string, RejectionCode, () => Uint8Array, ProcessSubmissionOptions?][] = [
    ["a file that is not a zip", "ARCHIVE_INVALID", () => notAZip],
    [
      "an entry that climbs out of the archive",
      "ARCHIVE_UNSAFE",
      () => aSubmissionZip({ form, entries: { "../../etc/passwd": "root:x:0:0" } }),
    ],
    [
      "an upload over the size limit",
      "ARCHIVE_TOO_LARGE",
      () => aSubmissionZip({ form }),
      { intakeLimits: { maxUploadBytes: 64 } },
    ],
    ["no selfie", "DOCUMENT_MISSING", () => aSubmissionZip({ form, entries: { "selfie.png": undefined } })],
    [
      "two selfies",
      "DOCUMENT_AMBIGUOUS",
      () => aSubmissionZip({ form, entries: { "selfie-2.png": aPngImage(9) } }),
    ],
    [
      "a selfie that is really text",
      "DOCUMENT_UNSUPPORTED",
      () => aSubmissionZip({ form, entries: { "selfie.png": "hello" } }),
    ],
    [
      "an impossible date of birth",
      "APPLICATION_INVALID",
      () => aSubmissionZip({ form: anApplicationForm({ dateOfBirth: "1990-02-31" }) }),
    ],
  ];

  it.each(cases)(
    "%s ends INVALID_SUBMISSION with %s, is notified, and stores nothing",
    async (_, code, zip, options) => {
      const ports = arrange();

      const { view } = await submit(ports, zip(), options);

      expect(view.status).toBe("INVALID_SUBMISSION");
      expect(codes(view)).toEqual([code]);
      expect(ports.documentStore.keys()).toEqual(["uploads/customer-upload.zip"]);
      expect(ports.faceMatcher.calls).toHaveLength(0);
      expect(ports.validationQueue.sent).toHaveLength(0);
      expect(ports.notifier.sent).toEqual([
        expect.objectContaining({ type: "DECISION_MADE", status: "INVALID_SUBMISSION", reasons: [code] }),
      ]);
    },
  );

  it("names the offending field", async () => {
    const ports = arrange();

    const { view } = await submit(
      ports,
      aSubmissionZip({ form: anApplicationForm({ dateOfBirth: "2099-01-01" }) }),
    );

    expect(view.reasons[0]).toMatchObject({ code: "APPLICATION_INVALID", field: "dateOfBirth" });
  });
});

describe("a check that fails", () => {
  const cases: [string, Scenario, string, string[]][] = [
    [
      "a face mismatch",
      { face: compared(12), id: extracted(), validation: VALID },
      "REJECTED",
      ["FACE_MISMATCH"],
    ],
    [
      "no face in the selfie",
      {
        face: { status: "FACE_NOT_DETECTED", document: "selfie", engine: "scripted" },
        id: extracted(),
        validation: VALID,
      },
      "REJECTED",
      ["FACE_NOT_DETECTED"],
    ],
    [
      "a license that is not an identity document",
      {
        face: compared(99),
        id: { status: "UNREADABLE", code: "UNSUPPORTED_DOCUMENT", engine: "scripted" },
        validation: VALID,
      },
      "REJECTED",
      ["LICENSE_UNREADABLE"],
    ],
    [
      "a different date of birth on the license",
      { face: compared(99), id: extracted({ dateOfBirth: "1979-11-02" }), validation: VALID },
      "REJECTED",
      ["IDENTITY_MISMATCH"],
    ],
    [
      "an expired license",
      { face: compared(99), id: extracted({ expirationDate: "2025-12-31" }), validation: VALID },
      "REJECTED",
      ["LICENSE_EXPIRED"],
    ],
    [
      "a license the issuer does not know",
      {
        face: compared(99),
        id: extracted(),
        validation: { status: "INVALID", provider: "scripted", reason: "NOT_FOUND" },
      },
      "REJECTED",
      ["LICENSE_INVALID"],
    ],
    [
      "a borderline face similarity",
      { face: compared(88), id: extracted(), validation: VALID },
      "MANUAL_REVIEW",
      ["FACE_SIMILARITY_LOW"],
    ],
    [
      "two faces in the selfie",
      { face: compared(99, 2), id: extracted(), validation: VALID },
      "MANUAL_REVIEW",
      ["MULTIPLE_FACES"],
    ],
    [
      "no engines and no validation provider",
      {},
      "MANUAL_REVIEW",
      ["FACE_CHECK_UNAVAILABLE", "ID_EXTRACTION_UNAVAILABLE", "LICENSE_VALIDATION_UNAVAILABLE"],
    ],
  ];

  it.each(cases)(
    "%s ends %s with its reasons, and the applicant hears of it",
    async (_, scenario, status, expected) => {
      const ports = arrange(scenario);

      const { view } = await submit(ports);
      const [final] = await drainValidations(ports);

      const decided = final ?? view;
      expect(decided.status).toBe(status);
      expect(codes(decided)).toEqual(expect.arrayContaining(expected));
      expect(ports.notifier.sent.filter((n) => n.type === "DECISION_MADE")).toEqual([
        expect.objectContaining({ status, applicationId: view.applicationId }),
      ]);
    },
  );

  it("rejects without asking the third party when a check already failed", async () => {
    const ports = arrange({ face: compared(12), id: extracted(), validation: VALID });

    await submit(ports);

    expect(ports.validationQueue.sent).toHaveLength(0);
  });
});

describe("at-least-once delivery", () => {
  it("the same upload processed twice is one application with one set of effects", async () => {
    const ports = arrange({ face: compared(99), id: extracted(), validation: VALID });
    const { upload, view } = await submit(ports);

    const again = await processSubmission(ports, { upload });

    expect(again.applicationId).toBe(view.applicationId);
    expect(ports.customerRepo.all()).toHaveLength(1);
    expect(ports.validationQueue.sent).toHaveLength(1);
    expect(ports.notifier.sent).toHaveLength(2);
    expect(ports.faceMatcher.calls).toHaveLength(1);
  });

  it("the same upload processed twice at the same moment sends each effect once", async () => {
    const ports = arrange({ face: compared(99), id: extracted(), validation: VALID });
    const upload = await ports.documentStore.putUpload("uploads/a.zip", aSubmissionZip({ form }));

    const results = await Promise.allSettled([
      processSubmission(ports, { upload }),
      processSubmission(ports, { upload }),
    ]);

    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    for (const r of results) if (r.status === "rejected") expect(r.reason.code).toBe("EFFECTS_IN_FLIGHT");
    expect(ports.customerRepo.all()).toHaveLength(1);
    expect(ports.validationQueue.sent).toHaveLength(1);
    expect(ports.notifier.sent.map((n) => n.notificationId).sort()).toEqual(
      [...new Set(ports.notifier.sent.map((n) => n.notificationId))].sort(),
    );
    expect(ports.notifier.sent).toHaveLength(2);
  });

  it("a validation answer delivered twice calls the third party once and decides once", async () => {
    const ports = arrange({ face: compared(99), id: extracted(), validation: VALID });
    await submit(ports);
    const [request] = ports.validationQueue.take();
    if (request === undefined) throw new Error("no validation request was queued");

    await completeLicenseValidation(ports, request);
    const again = await completeLicenseValidation(ports, request);

    expect(again.status).toBe("APPROVED");
    expect(ports.licenseValidator.calls).toHaveLength(1);
    expect(ports.notifier.sent.filter((n) => n.type === "DECISION_MADE")).toHaveLength(1);
  });

  it("a crash while notifying is completed by the redelivery, without repeating what was sent", async () => {
    const ports = arrange({ face: compared(99), id: extracted() });
    const upload = await ports.documentStore.putUpload("uploads/a.zip", aSubmissionZip({ form }));
    const notify = ports.notifier.notify.bind(ports.notifier);
    let failures = 1;
    ports.notifier.notify = async (n) => {
      if (n.type === "VALIDATION_COMPLETED" && n.check === "IDENTITY" && failures-- > 0)
        throw new Error("SNS is down");
      return notify(n);
    };

    await expect(processSubmission(ports, { upload }, { worker: "w1" })).rejects.toThrow("SNS is down");
    const view = await processSubmission(ports, { upload }, { worker: "w1" });

    expect(view.status).toBe("AWAITING_LICENSE_VALIDATION");
    expect(ports.validationQueue.sent).toHaveLength(1);
    expect(ports.notifier.sent.map((n) => n.notificationId)).toEqual([
      `${view.applicationId}:face-match`,
      `${view.applicationId}:identity`,
    ]);
  });

  it("a crash in a check leaves the application resumable", async () => {
    const ports = arrange({ id: extracted() });
    const upload = await ports.documentStore.putUpload("uploads/a.zip", aSubmissionZip({ form }));
    ports.faceMatcher.scriptDefault(compared(99));
    const compare = ports.faceMatcher.compareFaces.bind(ports.faceMatcher);
    let failures = 1;
    ports.faceMatcher.compareFaces = async (request) => {
      if (failures-- > 0)
        throw Object.assign(new Error("Rekognition throttled"), { code: "DEPENDENCY_THROTTLED" });
      return compare(request);
    };

    await expect(processSubmission(ports, { upload })).rejects.toThrow("throttled");
    const view = await processSubmission(ports, { upload });

    expect(view.status).toBe("AWAITING_LICENSE_VALIDATION");
    expect(ports.customerRepo.all()).toHaveLength(1);
    expect(ports.documentStore.keys()).toHaveLength(4);
  });

  it("another worker's pending messages are sent once its claim lapses", async () => {
    const clock = new FixedClock(TODAY);
    const ports = { ...createInMemoryPorts({ clock }) };
    ports.faceMatcher.scriptDefault(compared(99));
    ports.idExtractor.scriptDefault(extracted());
    const upload = await ports.documentStore.putUpload("uploads/a.zip", aSubmissionZip({ form }));
    ports.notifier.notify = async () => {
      throw new Error("worker 1 died before sending");
    };
    await expect(processSubmission(ports, { upload }, { worker: "w1" })).rejects.toThrow();
    const alive = createInMemoryPorts({ clock });

    const early = processSubmission({ ...ports, notifier: alive.notifier }, { upload }, { worker: "w2" });
    await expect(early).rejects.toMatchObject({ code: "EFFECTS_IN_FLIGHT" });
    clock.advance(61_000);
    const view = await processSubmission(
      { ...ports, notifier: alive.notifier },
      { upload },
      { worker: "w2" },
    );

    expect(view.status).toBe("AWAITING_LICENSE_VALIDATION");
    expect(alive.notifier.sent).toHaveLength(2);
  });
});

describe("the upload archive itself", () => {
  it("is read from any folder depth with upper-case extensions", async () => {
    const ports = arrange({ face: compared(99), id: extracted() });
    const zip = zipSync({
      "Maria/APPLICATION.CSV": strToU8(anApplicationCsv(form)),
      "Maria/photos/Driver-License.PNG": aPngImage(3),
      "Maria/photos/Selfie.PNG": aPngImage(4),
    });

    const { view } = await submit(ports, zip);

    expect(view.status).toBe("AWAITING_LICENSE_VALIDATION");
  });
});
