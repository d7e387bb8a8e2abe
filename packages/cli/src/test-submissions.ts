import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApplicationForm } from "@onboarding/core";
import { sampleImages, submissionZip } from "@onboarding/core/samples";

/** An applicant whose every value is distinctive, so tests can look for it in any output. */
export const PII_APPLICANT: ApplicationForm = {
  firstName: "Zebulon",
  middleName: "Quillfeather",
  lastName: "Marchetti-Oyelaran",
  dateOfBirth: "1983-09-27",
  address: { line1: "8421 Juniperwood Terrace", city: "Tallahassee", state: "FL", postalCode: "32301" },
  licenseNumber: "M635-482-83-927-0",
  email: "zebulon.qm@example.org",
  phone: "+1 850 555 0199",
};

/** Every applicant value, in the forms it could be printed in. */
export const PII_VALUES: readonly string[] = [
  "Zebulon",
  "Quillfeather",
  "Marchetti",
  "Oyelaran",
  "1983-09-27",
  "09/27/1983",
  "8421",
  "Juniperwood",
  "Tallahassee",
  "M635",
  "M635482839270",
  "zebulon.qm",
  "0199",
];

/** Writes `files` into a fresh temporary folder and returns their paths by name. */
export function writeTempFiles(files: Readonly<Record<string, Uint8Array | string>>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "onboard-test-"));
  const paths: Record<string, string> = { dir };
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, content);
    paths[name] = path;
  }
  return paths;
}

export const validZip = (): Uint8Array => submissionZip({ form: PII_APPLICANT, images: sampleImages("pii") });
