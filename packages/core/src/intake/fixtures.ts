// Test data for the intake tests (not exported from the package).
import { deflateSync } from "fflate";
import { tinyJpeg, tinyPng, writeZip, type ZipEntrySpec } from "../testing/zip-writer.js";

export const NOW = new Date("2026-05-01T12:00:00Z");

export const CSV_HEADER =
  "first_name,middle_name,last_name,date_of_birth,address,address_line_2,city,state,postal_code,license_number,email,phone";
export const CSV_ROW =
  "Maria,Elena,Garcia,1988-04-12,1200 Market Street,Apt 4B,San Francisco,CA,94102,D1234567,maria.garcia@example.com,+14155550123";
export const VALID_CSV = `${CSV_HEADER}\r\n${CSV_ROW}\r\n`;

export const CAPSTONE_CSV =
  "DOCUMENT_NUMBER,FIRST_NAME,LAST_NAME,DATE_OF_BIRTH,ADDRESS,STATE_IN_ADDRESS,CITY_IN_ADDRESS,ZIP_CODE_IN_ADDRESS\n" +
  "D1234567,Maria,Garcia,04/12/1988,1200 Market Street,CA,San Francisco,94102\n";

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A deflated entry whose declared sizes are the true ones unless overridden. */
export const deflated = (
  name: string,
  data: Uint8Array | string,
  extra: Partial<ZipEntrySpec> = {},
): ZipEntrySpec => {
  const bytes = typeof data === "string" ? utf8(data) : data;
  return { name, data: bytes, compressed: deflateSync(bytes), ...extra };
};

/** The three documents of a valid submission, stored. */
export const validEntries = (): ZipEntrySpec[] => [
  { name: "application.csv", data: VALID_CSV },
  { name: "license.png", data: tinyPng() },
  { name: "selfie.jpg", data: tinyJpeg() },
];

/** A valid submission plus `extra` entries (and minus the names in `without`). */
export const aZip = (extra: ZipEntrySpec[] = [], without: string[] = []): Uint8Array =>
  writeZip([...validEntries().filter((entry) => !without.includes(String(entry.name))), ...extra]);

/** `size` zero bytes, deflated by streaming so the test never holds them all. */
export const deflatedZeros = (size: number): Uint8Array => deflateSync(new Uint8Array(size), { level: 9 });
