import { describe, expect, it } from "vitest";
import type { LicenseValidationRequest, ValidationQueue } from "../../ports/validation-queue.js";

export interface ValidationQueueHarness {
  readonly queue: ValidationQueue;
  /** Everything delivered so far to the consumer side, oldest first, as the consumer parses it. */
  readonly received: () => Promise<readonly LicenseValidationRequest[]>;
}

export interface ValidationQueueContractOptions {
  readonly name: string;
  readonly make: () => ValidationQueueHarness | Promise<ValidationQueueHarness>;
}

const aRequest = (applicationId: string): LicenseValidationRequest => ({
  applicationId,
  requestId: `${applicationId}:license-validation`,
  licenseNumber: "D1234567",
  issuingState: "CA",
  requestedAt: "2026-01-15T10:00:00.000Z",
});

/** The `ValidationQueue` contract: every adapter runs it. */
export function validationQueueContract({ name, make }: ValidationQueueContractOptions): void {
  describe(`${name} honours the ValidationQueue contract`, () => {
    it("delivers each request intact to the consumer", async () => {
      const { queue, received } = await make();
      const a = aRequest(`app-${Math.random().toString(36).slice(2, 10)}`);
      const b = aRequest(`app-${Math.random().toString(36).slice(2, 10)}`);

      await queue.requestLicenseValidation(a);
      await queue.requestLicenseValidation(b);

      const delivered = await received();
      expect(delivered).toContainEqual(a);
      expect(delivered).toContainEqual(b);
    });
  });
}
