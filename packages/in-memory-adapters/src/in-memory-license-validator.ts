import type { LicenseValidationResult, LicenseValidator } from "@onboarding/core";
import { type LatencyOptions, wait } from "./latency.js";

export interface InMemoryLicenseValidatorOptions extends LatencyOptions {
  /** The answer for a license nothing is scripted for. Default: `UNAVAILABLE` — never a made-up pass. */
  readonly defaultResult?: LicenseValidationResult;
}

const normalise = (licenseNumber: string) => licenseNumber.replace(/[^0-9a-z]/gi, "").toUpperCase();

/** A `LicenseValidator` that answers what it is told to, per license number, and records calls. */
export class InMemoryLicenseValidator implements LicenseValidator {
  readonly calls: {
    readonly licenseNumber: string;
    readonly issuingState: string;
    readonly requestId: string;
  }[] = [];
  readonly #answers = new Map<string, LicenseValidationResult>();
  #fallback: LicenseValidationResult;
  readonly #delayMs: number | undefined;

  constructor(options: InMemoryLicenseValidatorOptions = {}) {
    this.#fallback = options.defaultResult ?? {
      status: "UNAVAILABLE",
      provider: "in-memory",
      reason: "NO_PROVIDER_CONFIGURED",
    };
    this.#delayMs = options.delayMs;
  }

  script(licenseNumber: string, result: LicenseValidationResult): this {
    this.#answers.set(normalise(licenseNumber), result);
    return this;
  }

  scriptDefault(result: LicenseValidationResult): this {
    this.#fallback = result;
    return this;
  }

  async validateLicense(request: {
    readonly licenseNumber: string;
    readonly issuingState: string;
    readonly requestId: string;
  }): Promise<LicenseValidationResult> {
    this.calls.push({ ...request });
    await wait(this.#delayMs);
    return this.#answers.get(normalise(request.licenseNumber)) ?? this.#fallback;
  }
}
