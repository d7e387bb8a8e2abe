import type { ExtractedIdentity, IdentityField } from "@onboarding/core";

/** The AAMVA DL/ID data elements this package reads (AAMVA DL/ID Card Design Standard, annex D). */
export const AAMVA_ELEMENTS = {
  DAC: "first name",
  DAD: "middle name(s)",
  DCS: "family name",
  DCU: "suffix",
  DBB: "date of birth",
  DBA: "expiration date",
  DBD: "issue date",
  DAQ: "customer id (license number)",
  DAG: "street address 1",
  DAI: "city",
  DAJ: "jurisdiction code (state)",
  DAK: "postal code",
  DCG: "country",
} as const;

/** The compliance indicator, data element separator, record separator and segment terminator, then `ANSI `. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: AAMVA separators are control characters.
const HEADER = /^@\n?\x1e?\r?ANSI /;

/** Whether a decoded barcode text is an AAMVA DL/ID record (its `ANSI ` header) before trusting any field. */
export const isAamva = (text: string): boolean => HEADER.test(text) || /^@[\s\S]{0,4}ANSI \d{6}/.test(text);

/** Reads the data elements of an AAMVA record: `DAQ` → `D1234567`, … (first occurrence wins). */
export function aamvaElements(text: string): ReadonlyMap<string, string> {
  const elements = new Map<string, string>();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: AAMVA separators are control characters.
  for (const raw of text.split(/[\n\r\x1e]/)) {
    // The first element of a subfile follows its type: `DLDAQ…` / `IDDAQ…`, possibly after the header.
    const line = raw.replace(/^.*?(?:DL|ID)(?=D[A-Z]{2})/, "");
    const match = /^(D[A-Z]{2})(.*)$/.exec(line);
    if (match?.[1] && !elements.has(match[1])) elements.set(match[1], (match[2] ?? "").trim());
  }
  return elements;
}

/** `MMDDCCYY` (USA) or `CCYYMMDD` (Canada) → `YYYY-MM-DD`. */
export function aamvaDate(value: string | undefined, country: string | undefined): string | undefined {
  if (value === undefined || !/^\d{8}$/.test(value)) return undefined;
  const [y, m, d] =
    country === "CAN"
      ? [value.slice(0, 4), value.slice(4, 6), value.slice(6)]
      : [value.slice(4), value.slice(0, 2), value.slice(2, 4)];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)
    ? `${y}-${m}-${d}`
    : undefined;
}

/** `DAK` is padded to 11 characters: `770580000  ` → `77058`, `770581234` → `77058-1234`. */
export function aamvaPostalCode(value: string | undefined): string | undefined {
  const digits = (value ?? "").replace(/[^0-9]/g, "");
  if (digits.length < 5) return undefined;
  const plus4 = digits.slice(5, 9);
  return plus4.length === 4 && plus4 !== "0000" ? `${digits.slice(0, 5)}-${plus4}` : digits.slice(0, 5);
}

/** The identity an AAMVA record carries; every field read from it has confidence 100 (it is checksummed data). */
export function identityFromAamva(text: string): ExtractedIdentity | undefined {
  if (!isAamva(text)) return undefined;
  const e = aamvaElements(text);
  const get = (id: keyof typeof AAMVA_ELEMENTS) => {
    const value = e.get(id);
    return value === undefined || value === "" || value === "NONE" || value === "unavl" ? undefined : value;
  };
  const country = get("DCG");
  const fields: Record<string, string | undefined> = {
    firstName: get("DAC"),
    middleName: get("DAD"),
    lastName: get("DCS"),
    suffix: get("DCU"),
    dateOfBirth: aamvaDate(get("DBB"), country),
    expirationDate: aamvaDate(get("DBA"), country),
    licenseNumber: get("DAQ"),
  };
  const address: Record<string, string | undefined> = {
    line1: get("DAG"),
    city: get("DAI"),
    state: get("DAJ"),
    postalCode: aamvaPostalCode(get("DAK")),
  };
  const identity: Record<string, unknown> = {};
  const confidence: Partial<Record<IdentityField, number>> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    identity[field] = value;
    confidence[field as IdentityField] = 100;
  }
  const addressRead: Record<string, string> = {};
  for (const [part, value] of Object.entries(address)) {
    if (value === undefined) continue;
    addressRead[part] = value;
    confidence[(part === "line1" ? "address" : part) as IdentityField] = 100;
  }
  if (Object.keys(addressRead).length > 0) identity.address = addressRead;
  if (Object.keys(confidence).length === 0) return undefined;
  return { ...(identity as ExtractedIdentity), confidence };
}

/** The fields an AAMVA record is written from (for sample licenses). Dates `YYYY-MM-DD`. */
export interface AamvaRecord {
  readonly firstName: string;
  readonly middleName?: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly issueDate: string;
  readonly expirationDate: string;
  readonly licenseNumber: string;
  readonly address: {
    readonly line1: string;
    readonly city: string;
    readonly state: string;
    readonly postalCode: string;
  };
  /** A 6-digit issuer identification number. Default `636000` (not assigned to a real jurisdiction here). */
  readonly iin?: string;
}

const mmddyyyy = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${m}${d}${y}`;
};

/** Writes a minimal AAMVA (version 10) DL record, header and one `DL` subfile, for sample licenses. */
export function encodeAamva(record: AamvaRecord): string {
  const zip = record.address.postalCode.replace("-", "").padEnd(9, "0").padEnd(11, " ");
  const elements = [
    `DAQ${record.licenseNumber}`,
    `DCS${record.lastName.toUpperCase()}`,
    `DAC${record.firstName.toUpperCase()}`,
    `DAD${(record.middleName ?? "NONE").toUpperCase() || "NONE"}`,
    `DBD${mmddyyyy(record.issueDate)}`,
    `DBB${mmddyyyy(record.dateOfBirth)}`,
    `DBA${mmddyyyy(record.expirationDate)}`,
    "DBC2",
    "DCGUSA",
    `DAG${record.address.line1.toUpperCase()}`,
    `DAI${record.address.city.toUpperCase()}`,
    `DAJ${record.address.state}`,
    `DAK${zip}`,
  ];
  const subfile = `DL${elements.join("\n")}\r`;
  const headerLength = 21 + 10; // header (21) + one subfile designator (10)
  const designator = `DL${String(headerLength).padStart(4, "0")}${String(subfile.length).padStart(4, "0")}`;
  return `@\n\x1e\rANSI ${record.iin ?? "636000"}1000${"01"}${designator}${subfile}`;
}
