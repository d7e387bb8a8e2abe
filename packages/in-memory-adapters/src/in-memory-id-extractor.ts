import type { DocumentRef, IdExtraction, IdExtractor } from "@onboarding/core";
import { type LatencyOptions, wait } from "./latency.js";
import { Script } from "./scripted.js";

export interface InMemoryIdExtractorOptions extends LatencyOptions {
  /** The answer when nothing is scripted for a license. Default: `UNAVAILABLE`. */
  readonly defaultResult?: IdExtraction;
}

/** An `IdExtractor` that answers what it is told to, per license (key or SHA-256), and records calls. */
export class InMemoryIdExtractor implements IdExtractor {
  readonly calls: { readonly license: DocumentRef; readonly licenseBack?: DocumentRef }[] = [];
  readonly #script: Script<IdExtraction>;
  readonly #delayMs: number | undefined;

  constructor(options: InMemoryIdExtractorOptions = {}) {
    this.#script = new Script(
      options.defaultResult ?? {
        status: "UNAVAILABLE",
        reason: "no ID-reading engine is configured",
        engine: "in-memory",
      },
    );
    this.#delayMs = options.delayMs;
  }

  script(keyOrSha256: string, result: IdExtraction): this {
    this.#script.set(keyOrSha256, result);
    return this;
  }

  scriptDefault(result: IdExtraction): this {
    this.#script.setDefault(result);
    return this;
  }

  async extractIdentity(request: {
    readonly license: DocumentRef;
    readonly licenseBack?: DocumentRef;
  }): Promise<IdExtraction> {
    this.calls.push(request);
    await wait(this.#delayMs);
    return this.#script.resultFor(request.license);
  }
}
