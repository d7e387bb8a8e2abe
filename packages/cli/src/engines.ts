import type { DocumentRef, Ports } from "@onboarding/core";
import {
  InMemoryFaceMatcher,
  InMemoryIdExtractor,
  InMemoryLicenseValidator,
} from "@onboarding/in-memory-adapters";
import { LocalFaceMatcher, LocalIdExtractor, SAMPLE_CARDS } from "@onboarding/local-adapters";
import { UsageError } from "./errors.js";

/** The ports that need an engine or a provider: the face matcher, the ID reader, the license validator. */
export type Engines = Pick<Ports, "faceMatcher" | "idExtractor" | "licenseValidator">;

/**
 * Which engines answer the checks.
 *
 * - `local` (the default): engines that run on this machine, offline — face-api on the tfjs WASM
 *   backend for the face, tesseract.js (and the AAMVA barcode on a license back) for the license.
 *   No license issuer can be asked offline: the validator knows only the generated sample
 *   licenses (`onboard samples`), openly as provider `sample-issuer`; any other license number
 *   answers UNAVAILABLE and goes to a person.
 * - `scripted`: the in-memory engines. They answer what they are scripted to answer and, with
 *   nothing scripted, `UNAVAILABLE`: the check goes to a person, never a made-up pass.
 * - `aws`: Rekognition, Textract and the configured validation provider. Not wired yet.
 */
export const ENGINE_KINDS = ["scripted", "local", "aws"] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/** The kinds this build can run. */
export const AVAILABLE_ENGINE_KINDS: readonly EngineKind[] = ["local", "scripted"];

/** The kind `process` and `demo` use when `--engines` is not given. */
export const DEFAULT_ENGINE_KIND: EngineKind = "local";

/** The in-memory engines, typed concretely so a scenario can script them. */
export interface ScriptedEngines extends Engines {
  readonly faceMatcher: InMemoryFaceMatcher;
  readonly idExtractor: InMemoryIdExtractor;
  readonly licenseValidator: InMemoryLicenseValidator;
}

export const scriptedEngines = (): ScriptedEngines => ({
  faceMatcher: new InMemoryFaceMatcher(),
  idExtractor: new InMemoryIdExtractor(),
  licenseValidator: new InMemoryLicenseValidator(),
});

/** Reads a stored document's bytes (the runtime's document store, bound once it exists). */
export type DocumentReader = (ref: Pick<DocumentRef, "key">) => Promise<Uint8Array>;

/** The provider name the offline validator answers with: it knows the sample licenses only. */
export const SAMPLE_ISSUER = "sample-issuer";

/** A validator that confirms the generated sample licenses and answers UNAVAILABLE for any other. */
export function sampleIssuerValidator(): InMemoryLicenseValidator {
  const validator = new InMemoryLicenseValidator({
    defaultResult: { status: "UNAVAILABLE", provider: SAMPLE_ISSUER, reason: "NOT_A_SAMPLE_LICENSE" },
  });
  for (const card of Object.values(SAMPLE_CARDS))
    validator.script(card.licenseNumber, {
      status: "VALID",
      provider: SAMPLE_ISSUER,
      reference: `sample-${card.licenseNumber}`,
    });
  return validator;
}

/** Engines plus what must be released when done (the OCR worker thread). */
export interface RunningEngines extends Engines {
  close(): Promise<void>;
}

/** The engines of a kind; `documents` reads the bytes the local engines look at. */
export function createEngines(kind: EngineKind, documents: DocumentReader): RunningEngines {
  switch (kind) {
    case "scripted":
      return { ...scriptedEngines(), close: async () => {} };
    case "local": {
      const idExtractor = new LocalIdExtractor({ documents });
      return {
        faceMatcher: new LocalFaceMatcher({ documents }),
        idExtractor,
        licenseValidator: sampleIssuerValidator(),
        close: () => idExtractor.close(),
      };
    }
    case "aws":
      throw new UsageError(`engines '${kind}' are not available in this version`);
  }
}

/** Parses the `--engines` value; throws a `UsageError` for an unknown or not-yet-available kind. */
export function parseEngineKind(value: string): EngineKind {
  const kind = ENGINE_KINDS.find((k) => k === value);
  if (kind === undefined)
    throw new UsageError(`unknown engines '${value}' (expected one of: ${ENGINE_KINDS.join(", ")})`);
  if (!AVAILABLE_ENGINE_KINDS.includes(kind))
    throw new UsageError(
      `engines '${kind}' are not available in this version (available: ${AVAILABLE_ENGINE_KINDS.join(", ")})`,
    );
  return kind;
}

/** What `process` prints about the engines (text mode). */
export function describeEngines(kind: EngineKind): string {
  return kind === "local"
    ? "engines: local (face-api and tesseract.js on this machine; license issuer: sample licenses only, others go to a person)"
    : `engines: ${kind} (nothing scripted: checks without an engine go to a person, never a made-up pass)`;
}
