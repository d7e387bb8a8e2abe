import type {
  ApplicationForm,
  ApplicationStatus,
  ExtractedIdentity,
  FaceComparison,
  IdExtraction,
  LicenseValidationResult,
  ReasonCode,
} from "@onboarding/core";
import { sampleImages, submissionZip } from "@onboarding/core/samples";

/** The date the demo's clock is fixed at, so that expiry checks give the same answer every run. */
export const DEMO_NOW = "2026-01-15T10:00:00.000Z";

export const FACE_ENGINE = "scripted (Rekognition-like)";
export const ID_ENGINE = "scripted (Textract-like)";
export const VALIDATION_PROVIDER = "scripted validator";

/** What a scenario scripts the engines to answer. Absent: the engine is not scripted and answers UNAVAILABLE. */
export interface ScenarioScript {
  readonly face?: FaceComparison;
  readonly id?: IdExtraction;
  readonly validator?: LicenseValidationResult;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** What the scenario is about, in a sentence. */
  readonly story: string;
  readonly applicant: ApplicationForm;
  readonly script: ScenarioScript;
  readonly expect: { readonly status: ApplicationStatus; readonly reasons: readonly ReasonCode[] };
  /** The upload. Built from the applicant and generated photos; a scenario may tamper with it. */
  readonly upload: () => {
    readonly zip: Uint8Array;
    readonly selfie: Uint8Array;
    readonly license: Uint8Array;
  };
}

const honest = (applicant: ApplicationForm, seed: string, extra?: Record<string, Uint8Array>) => () => {
  const images = sampleImages(seed);
  const zip = submissionZip({
    form: applicant,
    images,
    ...(extra === undefined ? {} : { entries: extra }),
  });
  return { zip, selfie: images.selfie.bytes, license: images.license.bytes };
};

const compared = (similarity: number): FaceComparison => ({
  status: "COMPARED",
  similarity,
  faces: { license: 1, selfie: 1 },
  engine: FACE_ENGINE,
});

const extracted = (identity: ExtractedIdentity): IdExtraction => ({
  status: "EXTRACTED",
  identity,
  engine: ID_ENGINE,
  modelVersion: "1.0",
});

const CONFIDENT = {
  firstName: 99.2,
  middleName: 98.9,
  lastName: 99.4,
  dateOfBirth: 99.1,
  address: 97.8,
  city: 98.5,
  state: 99.6,
  postalCode: 99.0,
  licenseNumber: 99.3,
  expirationDate: 99.0,
} as const;

const valid = (reference: string): LicenseValidationResult => ({
  status: "VALID",
  provider: VALIDATION_PROVIDER,
  reference,
});

const emily: ApplicationForm = {
  firstName: "Emily",
  middleName: "Rose",
  lastName: "Carter",
  dateOfBirth: "1990-04-12",
  address: { line1: "123 Main St", city: "Springfield", state: "IL", postalCode: "62704" },
  licenseNumber: "C12345678901",
  email: "emily.carter@example.com",
  phone: "+1 217 555 0100",
};

const jose: ApplicationForm = {
  firstName: "José",
  middleName: "Luis",
  lastName: "García-López",
  dateOfBirth: "03/14/1988",
  address: { line1: "4500 Ocean Dr Apt 12B", city: "Miami", state: "FL", postalCode: "33140" },
  licenseNumber: "G123-456-88-014-0",
  email: "jose.garcia@example.com",
};

const daniel: ApplicationForm = {
  firstName: "Daniel",
  lastName: "Kim",
  dateOfBirth: "1979-11-02",
  address: { line1: "77 Pine Ave", city: "Portland", state: "OR", postalCode: "97205" },
  licenseNumber: "5123456",
};

const aisha: ApplicationForm = {
  firstName: "Aisha",
  lastName: "Bello",
  dateOfBirth: "1995-07-21",
  address: { line1: "9 Elm Ct", city: "Austin", state: "TX", postalCode: "78701" },
  licenseNumber: "41234567",
};

const priya: ApplicationForm = {
  firstName: "Priya",
  lastName: "Raman",
  dateOfBirth: "1985-01-30",
  address: { line1: "300 Lake Shore Blvd", city: "Chicago", state: "IL", postalCode: "60611" },
  licenseNumber: "R55501234567",
};

const mallory: ApplicationForm = {
  firstName: "Mallory",
  lastName: "Stone",
  dateOfBirth: "1970-01-01",
  address: { line1: "1 Hack Way", city: "Reno", state: "NV", postalCode: "89501" },
  licenseNumber: "1111111111",
};

/** The license as printed, upper case, read back field by field. */
const printed = (
  a: ApplicationForm,
  overrides: Partial<ExtractedIdentity> & { dateOfBirth: string; expirationDate: string },
): ExtractedIdentity => ({
  firstName: a.firstName.toUpperCase(),
  ...(a.middleName === undefined ? {} : { middleName: a.middleName.toUpperCase() }),
  lastName: a.lastName.toUpperCase(),
  address: {
    line1: a.address.line1.toUpperCase(),
    city: a.address.city.toUpperCase(),
    state: a.address.state,
    postalCode: a.address.postalCode,
  },
  licenseNumber: a.licenseNumber,
  confidence: CONFIDENT,
  ...overrides,
});

/** The demo's scenarios, each stating what it scripts and what it expects. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: "clean-match",
    title: "Clean match",
    story: "Everything agrees: the selfie matches, the license reads as declared, the issuer confirms it.",
    applicant: emily,
    script: {
      face: compared(99.1),
      id: extracted(printed(emily, { dateOfBirth: "1990-04-12", expirationDate: "2030-04-12" })),
      validator: valid("DMV-IL-20260115-0001"),
    },
    expect: { status: "APPROVED", reasons: ["FACE_MATCH", "IDENTITY_MATCH", "LICENSE_VALID"] },
    upload: honest(emily, "clean-match"),
  },
  {
    id: "accents-middle-name",
    title: "Accents, hyphen and a middle initial",
    story:
      'Declared "José Luis García-López" (date of birth written 03/14/1988); the license prints "JOSE L GARCIA LOPEZ".',
    applicant: jose,
    script: {
      face: compared(98.4),
      id: extracted(
        printed(jose, {
          firstName: "JOSE",
          middleName: "L",
          lastName: "GARCIA LOPEZ",
          dateOfBirth: "1988-03-14",
          expirationDate: "2029-03-14",
        }),
      ),
      validator: valid("DMV-FL-20260115-0002"),
    },
    expect: { status: "APPROVED", reasons: ["IDENTITY_MATCH"] },
    upload: honest(jose, "accents-middle-name"),
  },
  {
    id: "expired-license",
    title: "Expired license",
    story: `The license expired on 2025-12-31; the demo's clock says ${DEMO_NOW.slice(0, 10)}.`,
    applicant: daniel,
    script: {
      face: compared(98.7),
      id: extracted(printed(daniel, { dateOfBirth: "1979-11-02", expirationDate: "2025-12-31" })),
    },
    expect: { status: "REJECTED", reasons: ["LICENSE_EXPIRED"] },
    upload: honest(daniel, "expired-license"),
  },
  {
    id: "face-mismatch",
    title: "Face mismatch",
    story: "The license is fine, but the selfie is somebody else.",
    applicant: aisha,
    script: {
      face: compared(12.4),
      id: extracted(printed(aisha, { dateOfBirth: "1995-07-21", expirationDate: "2028-07-21" })),
    },
    expect: { status: "REJECTED", reasons: ["FACE_MISMATCH"] },
    upload: honest(aisha, "face-mismatch"),
  },
  {
    id: "engines-unavailable",
    title: "No engines configured",
    story: "Nothing is scripted: every engine answers UNAVAILABLE, as `onboard process` does today.",
    applicant: priya,
    script: {},
    expect: {
      status: "MANUAL_REVIEW",
      reasons: ["FACE_CHECK_UNAVAILABLE", "ID_EXTRACTION_UNAVAILABLE", "LICENSE_VALIDATION_UNAVAILABLE"],
    },
    upload: honest(priya, "engines-unavailable"),
  },
  {
    id: "hostile-zip",
    title: "Hostile archive",
    story: "A valid submission plus an entry named ../../etc/passwd (path traversal).",
    applicant: mallory,
    script: {},
    expect: { status: "INVALID_SUBMISSION", reasons: ["ARCHIVE_UNSAFE"] },
    upload: honest(mallory, "hostile-zip", {
      "../../etc/passwd": new TextEncoder().encode("root:x:0:0:root:/root:/bin/sh\n"),
    }),
  },
];
