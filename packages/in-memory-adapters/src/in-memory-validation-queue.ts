import type { LicenseValidationRequest, ValidationQueue } from "@onboarding/core";
import { type LatencyOptions, wait } from "./latency.js";

/** A `ValidationQueue` in memory: requests wait in `pending` until a worker takes them. */
export class InMemoryValidationQueue implements ValidationQueue {
  /** Every request ever sent, in order (duplicates included, as a real queue would deliver them). */
  readonly sent: LicenseValidationRequest[] = [];
  #pending: LicenseValidationRequest[] = [];
  readonly #delayMs: number | undefined;

  constructor(options: LatencyOptions = {}) {
    this.#delayMs = options.delayMs;
  }

  async requestLicenseValidation(request: LicenseValidationRequest): Promise<void> {
    await wait(this.#delayMs);
    this.sent.push(structuredClone(request));
    this.#pending.push(structuredClone(request));
  }

  /** Takes every pending request, as a worker polling the queue would. */
  take(): LicenseValidationRequest[] {
    const taken = this.#pending;
    this.#pending = [];
    return taken;
  }
}
