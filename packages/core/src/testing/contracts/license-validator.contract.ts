import { describe, expect, it } from "vitest";
import type { LicenseValidator } from "../../ports/license-validator.js";

export interface LicenseValidatorHarness {
  readonly validator: LicenseValidator;
  /** A license the provider under test knows as valid, and one it knows as invalid. */
  readonly valid: { readonly licenseNumber: string; readonly issuingState: string };
  readonly invalid: { readonly licenseNumber: string; readonly issuingState: string };
}

export interface LicenseValidatorContractOptions {
  readonly name: string;
  readonly make: () => LicenseValidatorHarness | Promise<LicenseValidatorHarness>;
}

/** The `LicenseValidator` contract: every adapter runs it. */
export function licenseValidatorContract({ name, make }: LicenseValidatorContractOptions): void {
  describe(`${name} honours the LicenseValidator contract`, () => {
    it("answers VALID for a license the provider knows, naming the provider", async () => {
      const { validator, valid } = await make();

      const result = await validator.validateLicense({ ...valid, requestId: "r-valid" });

      expect(result.status).toBe("VALID");
      expect(result.provider).not.toBe("");
    });

    it("answers INVALID with the provider's reason for one it refuses", async () => {
      const { validator, invalid } = await make();

      const result = await validator.validateLicense({ ...invalid, requestId: "r-invalid" });

      expect(result.status).toBe("INVALID");
      expect(result.status === "INVALID" && result.reason).not.toBe("");
    });
  });
}
