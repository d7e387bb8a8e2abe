import { strToU8, zipSync, zlibSync } from "fflate";
import type { ApplicationForm } from "../domain/identity.js";
import { anApplicationForm } from "./builders.js";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

const crc32 = (bytes: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

const u32 = (value: number) => [
  (value >>> 24) & 0xff,
  (value >>> 16) & 0xff,
  (value >>> 8) & 0xff,
  value & 0xff,
];

const chunk = (type: string, data: Uint8Array): number[] => {
  const typed = new Uint8Array([...strToU8(type), ...data]);
  return [...u32(data.byteLength), ...typed, ...u32(crc32(typed))];
};

/**
 * A real, decodable RGB PNG of `size`×`size` pixels whose content depends on `seed`, so two
 * seeds give two different files (and two different SHA-256s). No face in it: for intake and
 * pipeline tests with scripted engines only.
 */
export function aPngImage(seed = 1, size = 16): Uint8Array {
  const raw = new Uint8Array(size * (size * 3 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < size * 3; x += 1)
      raw[y * (size * 3 + 1) + 1 + x] = (seed * 31 + x * 7 + y * 13) & 0xff;
  }
  const ihdr = new Uint8Array([...u32(size), ...u32(size), 8, 2, 0, 0, 0]);
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk("IHDR", ihdr),
    ...chunk("IDAT", zlibSync(raw)),
    ...chunk("IEND", new Uint8Array()),
  ]);
}

const CSV_HEADERS = [
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

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The application CSV a customer would send for `form` (header row + one data row, CRLF). */
export function anApplicationCsv(form: ApplicationForm = anApplicationForm()): string {
  const values = [
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
  return `${CSV_HEADERS.join(",")}\r\n${values.map(csvCell).join(",")}\r\n`;
}

export interface SubmissionZipOptions {
  readonly form?: ApplicationForm;
  /** Seed of the license image (distinct seeds give distinct bytes). Default 1. */
  readonly licenseSeed?: number;
  /** Seed of the selfie. Default 2. */
  readonly selfieSeed?: number;
  /** Extra or replacement entries, by name; `undefined` removes one. */
  readonly entries?: Readonly<Record<string, Uint8Array | string | undefined>>;
}

/** A valid submission archive: `application.csv`, `license.png`, `selfie.png`. */
export function aSubmissionZip(options: SubmissionZipOptions = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "application.csv": strToU8(anApplicationCsv(options.form)),
    "license.png": aPngImage(options.licenseSeed ?? 1),
    "selfie.png": aPngImage(options.selfieSeed ?? 2),
  };
  for (const [name, content] of Object.entries(options.entries ?? {})) {
    if (content === undefined) delete files[name];
    else files[name] = typeof content === "string" ? strToU8(content) : content;
  }
  return zipSync(files);
}
