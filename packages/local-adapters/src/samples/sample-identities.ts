import type { ApplicationForm } from "@onboarding/core";
import type { LicenseCard } from "./render-license.js";

/** What a sample license prints, without the portrait. Synthetic values: no real person's data. */
export type CardFields = Omit<LicenseCard, "portrait">;

/** The two people whose photos ship in `fixtures/faces/`, with made-up license data. */
export const SAMPLE_CARDS: Readonly<Record<"collins" | "hopper", CardFields>> = {
  collins: {
    firstName: "Eileen",
    middleName: "Marie",
    lastName: "Collins",
    dateOfBirth: "1956-11-19",
    issueDate: "2024-03-01",
    expirationDate: "2032-11-19",
    licenseNumber: "C4829173",
    address: { line1: "2101 NASA Parkway", city: "Houston", state: "TX", postalCode: "77058" },
  },
  hopper: {
    firstName: "Grace",
    middleName: "Brewster",
    lastName: "Hopper",
    dateOfBirth: "1956-12-09",
    issueDate: "2023-06-15",
    expirationDate: "2031-12-09",
    licenseNumber: "H7305512",
    address: { line1: "1300 Wilson Boulevard", city: "Arlington", state: "VA", postalCode: "22209" },
  },
};

/** The application form an applicant would send for a card (what they declare matches what it prints). */
export function applicationFor(card: CardFields, email: string): ApplicationForm {
  return {
    firstName: card.firstName,
    ...(card.middleName === undefined ? {} : { middleName: card.middleName }),
    lastName: card.lastName,
    dateOfBirth: card.dateOfBirth,
    address: card.address,
    licenseNumber: card.licenseNumber,
    email,
    phone: "+1 555 010 0199",
  };
}

/**
 * More made-up identities, for measuring OCR on varied names, numbers and addresses
 * (the benchmark renders each with both portraits).
 */
export const BENCH_CARDS: readonly CardFields[] = [
  SAMPLE_CARDS.collins,
  SAMPLE_CARDS.hopper,
  ...(
    [
      ["Maria", "Luisa", "Gonzalez", "1988-04-02", "G5520194", "45 Elm Street", "Springfield", "IL", "62704"],
      ["James", "", "O'Brien", "1979-09-30", "OB993817", "901 Lakeshore Drive", "Chicago", "IL", "60611"],
      ["Nguyen", "Van", "Tran", "1992-01-15", "T2209934", "77 Pine Avenue", "San Jose", "CA", "95112-4410"],
      ["Aisha", "Noor", "Rahman", "2001-07-21", "R0045127", "3 Harbor View Road", "Portland", "ME", "04101"],
      ["Robert", "Lee", "Smith-Jones", "1965-02-28", "S8813206", "1600 Main Street", "Denver", "CO", "80202"],
      ["Chen", "", "Wei", "1999-12-31", "W5071193", "210 Cherry Lane", "Seattle", "WA", "98101"],
      ["Olga", "Ivanovna", "Petrova", "1983-06-07", "P3367024", "58 River Road", "Albany", "NY", "12207"],
      ["Kwame", "Kofi", "Mensah", "1975-10-11", "M6620481", "400 Peachtree Street", "Atlanta", "GA", "30308"],
    ] as const
  ).map(
    (
      [firstName, middleName, lastName, dateOfBirth, licenseNumber, line1, city, state, postalCode],
      i,
    ): CardFields => ({
      firstName,
      ...(middleName === "" ? {} : { middleName }),
      lastName,
      dateOfBirth,
      issueDate: `202${i % 5}-0${(i % 9) + 1}-1${i % 9}`,
      expirationDate: `203${(i % 6) + 1}-0${(i % 9) + 1}-2${i % 8}`,
      licenseNumber,
      address: { line1, city, state, postalCode },
    }),
  ),
];
