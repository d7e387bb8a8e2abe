import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeclaredIdentity, ExtractedIdentity, IdentityField } from "../domain/identity.js";
import { compareAddresses } from "./compare-addresses.js";
import { compareDates } from "./compare-dates.js";
import { compareIdentity } from "./compare-identity.js";
import { compareLicenseNumbers } from "./compare-license-numbers.js";
import { compareNames } from "./compare-names.js";
import { DEFAULT_COMPARE_IDENTITY_OPTIONS, outcomeForScore, toFieldComparison } from "./options.js";

const NOW = "2026-06-01";
const RANK = { MATCH: 2, REVIEW: 1, MISMATCH: 0 } as const;
const bands = DEFAULT_COMPARE_IDENTITY_OPTIONS.bands;
const judged = (v: Parameters<typeof toFieldComparison>[1]) => {
  const { score, outcome } = toFieldComparison("f", v, bands);
  return { score, outcome };
};

/** Any Unicode, with a bias towards the characters the rules care about. */
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(..."aAeE0O1Il5S8Brnm -'’.#/,ßæøłÉñ\u0301\u200d\uFFFD𝔄🙂"),
    maxLength: 30,
  }),
  fc.constantFrom(
    "",
    " ",
    "Jr",
    "III",
    "1988-04-12",
    "04/12/1988",
    "123 Main St",
    "Apt 4",
    "12345-6789",
    "CA",
  ),
  fc.string({ maxLength: 5000 }),
);
const dateText = fc.oneof(
  text,
  fc
    .date({ min: new Date("1850-01-01"), max: new Date("2199-12-31"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const address = fc.record(
  { line1: text, line2: text, city: text, state: text, postalCode: text },
  { requiredKeys: [] },
);
const declaredIdentity: fc.Arbitrary<DeclaredIdentity> = fc.record({
  firstName: text,
  middleName: text,
  lastName: text,
  dateOfBirth: dateText,
  address: fc.record({ line1: text, city: text, state: text, postalCode: text }),
  licenseNumber: text,
});
const extractedIdentity: fc.Arbitrary<ExtractedIdentity> = fc.record(
  {
    firstName: text,
    middleName: text,
    lastName: text,
    suffix: text,
    dateOfBirth: dateText,
    address,
    licenseNumber: text,
    expirationDate: dateText,
  },
  { requiredKeys: [] },
);
const FIELDS: IdentityField[] = [
  "firstName",
  "lastName",
  "dateOfBirth",
  "address",
  "licenseNumber",
  "expirationDate",
];

describe("compareIdentity properties", () => {
  it("never throws, scores stay in 0–100 and agree with the bands", () => {
    fc.assert(
      fc.property(declaredIdentity, extractedIdentity, (declared, extracted) => {
        const result = compareIdentity(declared, extracted, { now: NOW });
        expect(result.fields).toHaveLength(5);
        for (const field of result.fields) {
          expect(Number.isInteger(field.score)).toBe(true);
          expect(field.score).toBeGreaterThanOrEqual(0);
          expect(field.score).toBeLessThanOrEqual(100);
          expect(field.outcome).toBe(outcomeForScore(field.score, bands));
        }
        const worst = Math.min(...result.fields.map((f) => RANK[f.outcome]));
        expect(RANK[result.outcome]).toBe(worst);
      }),
      { numRuns: 300 },
    );
  });

  it("a low OCR confidence never improves an outcome", () => {
    fc.assert(
      fc.property(
        declaredIdentity,
        extractedIdentity,
        fc.constantFrom(...FIELDS),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (declared, extracted, field, confidence) => {
          const before = compareIdentity(declared, extracted, { now: NOW });
          const after = compareIdentity(
            declared,
            { ...extracted, confidence: { ...extracted.confidence, [field]: confidence } },
            { now: NOW },
          );
          expect(RANK[after.outcome]).toBeLessThanOrEqual(RANK[before.outcome]);
          after.fields.forEach((f, i) => {
            expect(RANK[f.outcome]).toBeLessThanOrEqual(RANK[before.fields[i]?.outcome ?? "MATCH"]);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a field read with a confidence under the threshold is never a MATCH", () => {
    const identity = {
      firstName: "Ann",
      lastName: "Lee",
      dateOfBirth: "1990-01-31",
      address: { line1: "1 Main St", city: "Reno", state: "NV", postalCode: "89501" },
      licenseNumber: "X1",
    };
    const indexOf = {
      firstName: 0,
      lastName: 0,
      dateOfBirth: 1,
      address: 2,
      licenseNumber: 3,
      expirationDate: 4,
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELDS),
        fc.double({ min: 0, max: 79.99, noNaN: true }),
        (field, confidence) => {
          const result = compareIdentity(
            identity,
            { ...identity, expirationDate: "2030-01-01", confidence: { [field]: confidence } },
            { now: NOW },
          );
          expect(result.fields[indexOf[field as keyof typeof indexOf]]?.outcome).toBe("REVIEW");
        },
      ),
    );
  });

  it("compares names symmetrically", () => {
    const name = fc.record({ first: text, middle: text, last: text });
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(judged(compareNames(a, b))).toEqual(judged(compareNames(b, a)));
      }),
      { numRuns: 500 },
    );
  });

  it("compares realistic names symmetrically", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abdeijlmnorsO018 -'"), minLength: 0, maxLength: 12 });
    const name = fc.record({ first: word, middle: word, last: word });
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(judged(compareNames(a, b))).toEqual(judged(compareNames(b, a)));
      }),
      { numRuns: 1000 },
    );
  });

  it("compares dates symmetrically", () => {
    fc.assert(
      fc.property(dateText, dateText, (a, b) => {
        expect(judged(compareDates(a, b, "date"))).toEqual(judged(compareDates(b, a, "date")));
      }),
      { numRuns: 500 },
    );
  });

  it("compares license numbers symmetrically", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(judged(compareLicenseNumbers(a, b))).toEqual(judged(compareLicenseNumbers(b, a)));
      }),
      { numRuns: 500 },
    );
  });

  it("compares full addresses symmetrically", () => {
    const full = fc.record({ line1: text, line2: text, city: text, state: text, postalCode: text });
    fc.assert(
      fc.property(full, full, (a, b) => {
        expect(judged(compareAddresses(a, b))).toEqual(judged(compareAddresses(b, a)));
      }),
      { numRuns: 300 },
    );
  });

  it("an identity always matches itself (when the license is valid)", () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z' -]{0,15}$/);
    fc.assert(
      fc.property(word, word, word, (first, middle, last) => {
        const declared: DeclaredIdentity = {
          firstName: first,
          middleName: middle,
          lastName: last,
          dateOfBirth: "1990-01-31",
          address: { line1: "1 Main St", city: "Reno", state: "NV", postalCode: "89501" },
          licenseNumber: "X1",
        };
        const extracted: ExtractedIdentity = { ...declared, expirationDate: "2030-01-01" };
        expect(compareIdentity(declared, extracted, { now: NOW }).outcome).toBe("MATCH");
      }),
    );
  });

  it("never quotes a name in an explanation", () => {
    const secret = fc.stringMatching(/^[qxzjv]{7,12}$/);
    fc.assert(
      fc.property(secret, secret, (a, b) => {
        const result = compareIdentity(
          {
            firstName: a,
            lastName: b,
            dateOfBirth: "",
            address: { line1: a, city: b, state: a, postalCode: b },
            licenseNumber: a,
          },
          { firstName: b, lastName: a, address: { line1: b, city: a }, licenseNumber: b },
          { now: NOW },
        );
        const text = result.fields.map((f) => f.explanation).join(" ");
        expect(text).not.toContain(a);
        expect(text).not.toContain(b);
      }),
    );
  });
});
