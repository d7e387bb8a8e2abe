import type { ApplicationForm } from "../domain/identity.js";

const DEFAULT_KEY = "onboarding/customer-ref/v1";
const encoder = new TextEncoder();

/**
 * A pseudonymous reference to an applicant: an HMAC-SHA-256 of the license number (letters and
 * digits), the issuing state and the date of birth. The same person gets the same reference on
 * every application, which links a resubmission to the application that asked for it; without
 * the key it cannot be reversed or recomputed, so deployments should pass a secret `key`.
 */
export async function deriveCustomerRef(
  form: Pick<ApplicationForm, "licenseNumber" | "dateOfBirth" | "address">,
  key: string = DEFAULT_KEY,
): Promise<string> {
  const material = [
    form.licenseNumber.replace(/[^0-9a-z]/gi, "").toUpperCase(),
    form.address.state.trim().toUpperCase(),
    form.dateOfBirth,
  ].join("|");
  const hmacKey = await crypto.subtle.importKey(
    "raw",
    encoder.encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, encoder.encode(material)));
  let hex = "";
  for (const byte of signature.subarray(0, 16)) hex += byte.toString(16).padStart(2, "0");
  return `cr_${hex}`;
}
