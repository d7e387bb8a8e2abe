import { isExists } from "date-fns";
import * as z from "zod/mini";
import { type Rejection, rejection } from "../domain/errors.js";
import type { ApplicationForm } from "../domain/identity.js";
import { err, ok, type Result } from "../domain/result.js";
import { type IntakeLimits, resolveLimits } from "./intake-limits.js";
import { parseCsv } from "./parse-csv.js";

/** An application field, named as in `ApplicationForm` (address fields dotted). */
export type ApplicationField =
  | "firstName"
  | "middleName"
  | "lastName"
  | "dateOfBirth"
  | "address.line1"
  | "address.line2"
  | "address.city"
  | "address.state"
  | "address.postalCode"
  | "licenseNumber"
  | "email"
  | "phone";

const REQUIRED: readonly ApplicationField[] = [
  "firstName",
  "lastName",
  "dateOfBirth",
  "address.line1",
  "address.city",
  "address.state",
  "address.postalCode",
  "licenseNumber",
];

/** Header spellings, compared after lower-casing and dropping everything but letters and digits. */
const HEADER_ALIASES: Readonly<Record<ApplicationField, readonly string[]>> = {
  firstName: ["firstname", "givenname", "fname", "first", "forename"],
  middleName: ["middlename", "middleinitial", "mname", "middle"],
  lastName: ["lastname", "surname", "familyname", "lname", "last"],
  dateOfBirth: ["dateofbirth", "dob", "birthdate", "birthday", "dateofbirthmmddyyyy", "dateofbirthyyyymmdd"],
  "address.line1": ["address", "addressline1", "address1", "streetaddress", "street", "addr1", "line1"],
  "address.line2": ["addressline2", "address2", "addr2", "line2", "apartment", "unit", "suite"],
  "address.city": ["city", "cityinaddress", "town"],
  "address.state": ["state", "stateinaddress", "stateprovince", "province"],
  "address.postalCode": ["postalcode", "zip", "zipcode", "zipcodeinaddress", "postcode", "zip5"],
  licenseNumber: [
    "licensenumber",
    "licencenumber",
    "documentnumber",
    "driverslicensenumber",
    "driverlicensenumber",
    "driverslicencenumber",
    "dlnumber",
    "dln",
    "licenseno",
    "licenseid",
    "idnumber",
  ],
  email: ["email", "emailaddress", "mail"],
  phone: ["phone", "phonenumber", "telephone", "tel", "mobile", "mobilenumber", "cellphone"],
};

const FIELD_BY_HEADER: ReadonlyMap<string, ApplicationField> = new Map(
  Object.entries(HEADER_ALIASES).flatMap(([field, aliases]) =>
    aliases.map((alias) => [alias, field as ApplicationField] as const),
  ),
);

const headerKey = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, "");

const invalid = (field: string, message: string): { readonly ok: false; readonly error: Rejection } =>
  err(rejection("APPLICATION_INVALID", message, { field }));

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const decode = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Excel on Windows saves "CSV" as Windows-1252; every byte sequence decodes.
    try {
      return new TextDecoder("windows-1252").decode(bytes);
    } catch {
      return undefined;
    }
  }
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const OLDEST_AGE_YEARS = 130;

/** `YYYY-MM-DD` for a real calendar date written ISO or US style, else `undefined`. */
const normaliseDate = (value: string): string | undefined => {
  const iso = ISO_DATE.exec(value);
  const us = iso ? undefined : US_DATE.exec(value);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : us
      ? [Number(us[3]), Number(us[1]), Number(us[2])]
      : [Number.NaN, Number.NaN, Number.NaN];
  if (!Number.isInteger(year) || !isExists(year, month - 1, day)) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

const personName = z
  .string()
  .check(z.minLength(1, "is required"), z.regex(/\p{L}/u, "must contain a letter"));
const optionalText = z.optional(z.string());

const schemaFor = (now: Date) => {
  const today = now.toISOString().slice(0, 10);
  const oldest = `${String(now.getUTCFullYear() - OLDEST_AGE_YEARS).padStart(4, "0")}${today.slice(4)}`;
  return z.object({
    firstName: personName,
    middleName: z.optional(personName),
    lastName: personName,
    dateOfBirth: z.pipe(
      z.string().check(z.minLength(1, "is required")),
      z.transform((value: string, context) => {
        // An issue without a path: the object puts the field's name in front (`dateOfBirth`).
        const refuse = (message: string) => {
          context.issues.push({ code: "custom", message, input: value });
          return z.NEVER;
        };
        const date = normaliseDate(value);
        if (date === undefined) return refuse("must be a real date, YYYY-MM-DD or MM/DD/YYYY");
        if (date >= today) return refuse("must be in the past");
        if (date < oldest) return refuse(`must be within the last ${OLDEST_AGE_YEARS} years`);
        return date;
      }),
    ),
    address: z.object({
      line1: z
        .string()
        .check(z.minLength(1, "is required"), z.regex(/[\p{L}\p{N}]/u, "must contain a letter or digit")),
      line2: optionalText,
      city: personName,
      state: z.pipe(
        z
          .string()
          .check(
            z.minLength(1, "is required"),
            z.regex(/^(?:[A-Za-z]{2}|\p{L}[\p{L} .'-]{2,})$/u, "must be a two-letter code or a state name"),
          ),
        z.transform((value: string) => (value.length === 2 ? value.toUpperCase() : value)),
      ),
      postalCode: z.pipe(
        z
          .string()
          .check(
            z.minLength(1, "is required"),
            z.regex(/^\d{5}(?:-?\d{4})?$/, "must be a ZIP or ZIP+4 code"),
          ),
        z.transform((value: string) =>
          value.length === 9 ? `${value.slice(0, 5)}-${value.slice(5)}` : value,
        ),
      ),
    }),
    licenseNumber: z
      .string()
      .check(
        z.minLength(1, "is required"),
        z.regex(/^[A-Za-z0-9](?:[A-Za-z0-9 -]*[A-Za-z0-9])?$/, "must be letters and digits"),
      ),
    email: z.optional(z.email("must be an e-mail address")),
    phone: z.optional(
      z.string().check(
        z.regex(/^\+?[0-9 ().-]+$/, "must be a phone number"),
        z.refine((value: string) => {
          const digits = value.replace(/\D/g, "").length;
          return digits >= 7 && digits <= 15;
        }, "must have 7 to 15 digits"),
      ),
    ),
  });
};

type RawForm = Record<string, unknown>;

const setField = (form: RawForm, field: ApplicationField, value: string): void => {
  if (field.startsWith("address.")) {
    const address = (form.address ?? {}) as Record<string, string>;
    address[field.slice("address.".length)] = value;
    form.address = address;
  } else {
    form[field] = value;
  }
};

const isBlankRow = (row: readonly string[]): boolean => row.every((cell) => cell.trim() === "");

/**
 * Parses and validates an application CSV: a header row and exactly one data row. Headers match
 * ignoring case, spaces, `_`, `-` and a BOM, with common aliases (`dob`, `zip`, `DOCUMENT_NUMBER`,
 * the AWS Cloud Institute capstone's `STATE_IN_ADDRESS`…). Values are trimmed and kept as written,
 * including a leading `=`, `+`, `-` or `@`: exports escape them (see `toCsvCell`), storage does not.
 * Never throws.
 *
 * @example
 * const result = parseApplicationCsv(new TextEncoder().encode(csv), { now: new Date() });
 * if (!result.ok) console.log(result.error.code, result.error.field); // "APPLICATION_INVALID", "dateOfBirth"
 */
export const parseApplicationCsv = (
  bytes: Uint8Array,
  options: { limits?: Partial<IntakeLimits>; now?: Date } = {},
): Result<ApplicationForm, Rejection> => {
  try {
    return parseOrReject(bytes, resolveLimits(options.limits), options.now ?? new Date());
  } catch {
    return invalid("csv", "the application file could not be read");
  }
};

const parseOrReject = (
  bytes: Uint8Array,
  limits: IntakeLimits,
  now: Date,
): Result<ApplicationForm, Rejection> => {
  if (!(bytes instanceof Uint8Array)) return invalid("csv", "the application file could not be read");
  if (bytes.length > limits.maxCsvBytes) {
    return invalid("csv", `the application file is larger than ${limits.maxCsvBytes} bytes`);
  }
  const text = decode(bytes);
  if (text === undefined || BINARY.test(text))
    return invalid("csv", "the application file is not a text CSV");

  let records: string[][];
  try {
    records = parseCsv(text, { maxRecordSize: limits.maxCsvBytes });
  } catch {
    return invalid("csv", "the application file is not a well-formed CSV");
  }
  const [header, ...rows] = records.filter((row) => !isBlankRow(row));
  if (header === undefined) return invalid("csv", "the application file is empty");
  if (rows.length === 0) return invalid("csv", "the application file has no data row");
  if (rows.length > 1) return invalid("csv", "the application file has more than one data row");
  const row = rows[0] ?? [];

  const columns = new Map<ApplicationField, number>();
  for (const [index, title] of header.entries()) {
    const field = FIELD_BY_HEADER.get(headerKey(title.replace(/^\uFEFF/, "")));
    if (field === undefined) continue;
    if (columns.has(field)) return invalid(field, `the application file has two columns for ${field}`);
    columns.set(field, index);
  }
  for (const field of REQUIRED) {
    if (!columns.has(field)) return invalid(field, `the application file has no column for ${field}`);
  }

  const form: RawForm = { address: {} };
  for (const [field, index] of columns) {
    const value = (row[index] ?? "").replace(/\s+/g, " ").trim().normalize("NFC");
    if (CONTROL.test(value)) return invalid(field, `${field} contains control characters`);
    if (value.length > limits.maxFieldLength) {
      return invalid(field, `${field} is longer than ${limits.maxFieldLength} characters`);
    }
    // An empty optional field is absent; an empty required one fails validation below.
    if (value !== "" || REQUIRED.includes(field)) setField(form, field, value);
  }

  const parsed = schemaFor(now).safeParse(form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") || "csv";
    return invalid(field, `${field} ${issue?.message ?? "is invalid"}`);
  }
  const { middleName, email, phone, address } = parsed.data;
  return ok({
    firstName: parsed.data.firstName,
    ...(middleName === undefined ? {} : { middleName }),
    lastName: parsed.data.lastName,
    dateOfBirth: parsed.data.dateOfBirth,
    address: {
      line1: address.line1,
      ...(address.line2 === undefined ? {} : { line2: address.line2 }),
      city: address.city,
      state: address.state,
      postalCode: address.postalCode,
    },
    licenseNumber: parsed.data.licenseNumber,
    ...(email === undefined ? {} : { email }),
    ...(phone === undefined ? {} : { phone }),
  });
};
