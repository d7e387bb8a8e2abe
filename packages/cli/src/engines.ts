import type { Ports } from "@onboarding/core";
import {
  InMemoryFaceMatcher,
  InMemoryIdExtractor,
  InMemoryLicenseValidator,
} from "@onboarding/in-memory-adapters";
import { UsageError } from "./errors.js";

/** The ports that need an engine or a provider: the face matcher, the ID reader, the license validator. */
export type Engines = Pick<Ports, "faceMatcher" | "idExtractor" | "licenseValidator">;

/**
 * Which engines answer the checks.
 *
 * - `scripted`: the in-memory engines. They answer what they are scripted to answer and, with
 *   nothing scripted, `UNAVAILABLE`: the check goes to a person, never a made-up pass.
 * - `local`: engines that run on this machine (a face model, OCR). Not written yet.
 * - `aws`: Rekognition, Textract and the configured validation provider. Not wired yet.
 */
export const ENGINE_KINDS = ["scripted", "local", "aws"] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/** The kinds this build can run. A later issue adds `local` and `aws` here and in `createEngines`. */
export const AVAILABLE_ENGINE_KINDS: readonly EngineKind[] = ["scripted"];

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

/** The engines of a kind. */
export function createEngines(kind: EngineKind): Engines {
  switch (kind) {
    case "scripted":
      return scriptedEngines();
    case "local":
    case "aws":
      throw new UsageError(`engines '${kind}' are not available in this version`);
  }
}
