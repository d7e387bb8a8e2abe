import type { DocumentRef, FaceComparison, FaceMatcher } from "@onboarding/core";
import { type LatencyOptions, wait } from "./latency.js";
import { Script } from "./scripted.js";

export interface InMemoryFaceMatcherOptions extends LatencyOptions {
  /** The answer when nothing is scripted for a pair. Default: `UNAVAILABLE` — never a made-up pass. */
  readonly defaultResult?: FaceComparison;
}

/**
 * A `FaceMatcher` that answers what it is told to, per selfie or license (key or SHA-256), and
 * records every call. It does not look at faces.
 */
export class InMemoryFaceMatcher implements FaceMatcher {
  readonly calls: { readonly license: DocumentRef; readonly selfie: DocumentRef }[] = [];
  readonly #script: Script<FaceComparison>;
  readonly #delayMs: number | undefined;

  constructor(options: InMemoryFaceMatcherOptions = {}) {
    this.#script = new Script(
      options.defaultResult ?? {
        status: "UNAVAILABLE",
        reason: "no face-matching engine is configured",
        engine: "in-memory",
      },
    );
    this.#delayMs = options.delayMs;
  }

  /** Scripts the answer for pairs whose selfie (or license) has this key or SHA-256. */
  script(keyOrSha256: string, result: FaceComparison): this {
    this.#script.set(keyOrSha256, result);
    return this;
  }

  scriptDefault(result: FaceComparison): this {
    this.#script.setDefault(result);
    return this;
  }

  async compareFaces(request: {
    readonly license: DocumentRef;
    readonly selfie: DocumentRef;
  }): Promise<FaceComparison> {
    this.calls.push(request);
    await wait(this.#delayMs);
    return this.#script.resultFor(request.selfie, request.license);
  }
}
