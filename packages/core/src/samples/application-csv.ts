import type { ApplicationForm } from "../domain/identity.js";

/**
 * The columns of the application CSV that {@link applicationCsv} writes, in order. Intake accepts
 * these and many other spellings (see `parseApplicationCsv`).
 */
export const APPLICATION_CSV_HEADERS = [
  "first_name",
  "middle_name",
  "last_name",
  "date_of_birth",
  "address",
  "address_line_2",
  "city",
  "state",
  "postal_code",
  "license_number",
  "email",
  "phone",
] as const;

const cell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * The application CSV a customer would send for `form`: the {@link APPLICATION_CSV_HEADERS} row
 * and one data row, RFC 4180 quoting, CRLF line ends. Values are written as given, so a
 * `dateOfBirth` such as `"03/14/1988"` reaches intake as a customer would have typed it (intake
 * reads it as `1988-03-14`); absent optional fields are empty cells.
 *
 * @example
 * ```ts
 * const csv = applicationCsv(anApplicationForm({ lastName: "O'Neil, Jr" }));
 * // first_name,middle_name,last_name,…\r\nMaria,Elena,"O'Neil, Jr",…\r\n
 * ```
 */
export function applicationCsv(form: ApplicationForm): string {
  const row = [
    form.firstName,
    form.middleName ?? "",
    form.lastName,
    form.dateOfBirth,
    form.address.line1,
    form.address.line2 ?? "",
    form.address.city,
    form.address.state,
    form.address.postalCode,
    form.licenseNumber,
    form.email ?? "",
    form.phone ?? "",
  ];
  return `${APPLICATION_CSV_HEADERS.join(",")}\r\n${row.map(cell).join(",")}\r\n`;
}
