import type { ExtractedIdentity } from "@onboarding/core";
import { zipSync } from "fflate";

/**
 * A real, minimal PNG (8×5 RGB) and baseline JPEG (8×8 grey), as `@onboarding/core/samples`'
 * encoders produce them; embedded so the benchmark depends on nothing but the pipeline.
 */
const LICENSE_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAFCAIAAAD38zoCAAAAFklEQVR42mOQC1iAFTG8+fAFK6KiBABF4GJxPGqHIwAAAABJRU5ErkJggg==";
const SELFIE_JPEG =
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AP//Z";

const CSV = [
  "first_name,middle_name,last_name,date_of_birth,address,address_line_2,city,state,postal_code,license_number,email,phone",
  "Emily,Rose,Carter,1990-04-12,123 Main St,,Springfield,IL,62704,C12345678901,emily.carter@example.com,",
  "",
].join("\r\n");

/** What a Textract-like engine would read off that license: the declared identity, unexpired. */
export const EXTRACTED: ExtractedIdentity = {
  firstName: "EMILY",
  middleName: "ROSE",
  lastName: "CARTER",
  dateOfBirth: "1990-04-12",
  address: { line1: "123 MAIN ST", city: "SPRINGFIELD", state: "IL", postalCode: "62704" },
  licenseNumber: "C12345678901",
  expirationDate: "2030-04-12",
};

/** The clean-match submission archive: application CSV, license PNG, selfie JPEG. */
export function cleanSubmission(): Uint8Array {
  return zipSync(
    {
      "application.csv": new TextEncoder().encode(CSV),
      "license.png": Buffer.from(LICENSE_PNG, "base64"),
      "selfie.jpg": Buffer.from(SELFIE_JPEG, "base64"),
    },
    { mtime: new Date("2026-01-15T10:00:00Z") },
  );
}
