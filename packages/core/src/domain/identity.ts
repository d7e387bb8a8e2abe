/** A postal address as the applicant declares it or as a license prints it. */
export interface Address {
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  /** Two-letter USPS code or full state name. */
  readonly state: string;
  /** ZIP5 or ZIP+4. */
  readonly postalCode: string;
}

/** What the applicant declared. Dates are calendar dates, `YYYY-MM-DD`. Plain JSON. */
export interface DeclaredIdentity {
  readonly firstName: string;
  readonly middleName?: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly address: Address;
  readonly licenseNumber: string;
}

/** Names of the identity fields an extractor reports, used as keys of `confidence`. */
export const IDENTITY_FIELDS = [
  "firstName",
  "middleName",
  "lastName",
  "suffix",
  "dateOfBirth",
  "address",
  "city",
  "state",
  "postalCode",
  "licenseNumber",
  "expirationDate",
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/**
 * What an `IdExtractor` read off the license: the declared shape plus `suffix`, `expirationDate`
 * and per-field OCR confidence (0–100). A field the extractor could not read is absent or `""`.
 * Dates are normalised to `YYYY-MM-DD` where the engine could normalise them.
 */
export interface ExtractedIdentity {
  readonly firstName?: string;
  readonly middleName?: string;
  readonly lastName?: string;
  readonly suffix?: string;
  readonly dateOfBirth?: string;
  readonly address?: Partial<Address>;
  readonly licenseNumber?: string;
  readonly expirationDate?: string;
  readonly confidence?: Partial<Record<IdentityField, number>>;
}

/** The application form: the declared identity plus contact details. Holds PII: never log it. */
export interface ApplicationForm extends DeclaredIdentity {
  readonly email?: string;
  readonly phone?: string;
}
