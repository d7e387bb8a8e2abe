import { describe, expect, it } from "vitest";
import type { DeclaredIdentity, ExtractedIdentity } from "../domain/identity.js";
import { anApplicationForm, anExtractedIdentity } from "../testing/builders.js";
import { COMPARED_FIELDS, compareIdentity } from "./compare-identity.js";
import { DEFAULT_COMPARE_IDENTITY_OPTIONS, outcomeForScore } from "./options.js";

const NOW = new Date("2026-06-01T00:00:00Z");
const declared: DeclaredIdentity = anApplicationForm();
const extracted: ExtractedIdentity = anExtractedIdentity(declared);
const field = (result: ReturnType<typeof compareIdentity>, name: string) =>
  result.fields.find((f) => f.field === name);

describe("compareIdentity", () => {
  it("matches a license that says what the applicant declared", () => {
    const result = compareIdentity(declared, extracted, { now: NOW });

    expect(result.outcome).toBe("MATCH");
    expect(result.fields.map((f) => f.field)).toEqual([...COMPARED_FIELDS]);
    expect(result.fields.every((f) => f.outcome === "MATCH")).toBe(true);
  });

  it("is plain JSON", () => {
    const result = compareIdentity(declared, extracted, { now: NOW });

    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("is MISMATCH when any field is", () => {
    const result = compareIdentity(declared, { ...extracted, dateOfBirth: "1988-04-13" }, { now: NOW });

    expect(result.outcome).toBe("MISMATCH");
    expect(field(result, "dateOfBirth")?.outcome).toBe("MISMATCH");
    expect(field(result, "name")?.outcome).toBe("MATCH");
  });

  it("is REVIEW when a field is REVIEW and none is MISMATCH", () => {
    const result = compareIdentity(declared, { ...extracted, lastName: "GARC1A" }, { now: NOW });

    expect(result.outcome).toBe("REVIEW");
    expect(field(result, "name")).toMatchObject({
      outcome: "REVIEW",
      explanation: "last name differs by one character (OCR-like confusion)",
    });
  });

  it("reviews a field read with low OCR confidence even when it agrees", () => {
    const lowConfidence = { ...extracted, confidence: { ...extracted.confidence, lastName: 55 } };

    const result = compareIdentity(declared, lowConfidence, { now: NOW });

    expect(field(result, "name")).toMatchObject({ outcome: "REVIEW" });
    expect(field(result, "name")?.explanation).toContain("OCR confidence 55 is below 80");
    expect(result.outcome).toBe("REVIEW");
  });

  it("ignores the confidence of a field that was not read", () => {
    const withoutMiddle = {
      ...extracted,
      middleName: "",
      confidence: { ...extracted.confidence, middleName: 10 },
    };

    expect(field(compareIdentity(declared, withoutMiddle, { now: NOW }), "name")?.outcome).toBe("MATCH");
  });

  it("honours minConfidence", () => {
    const lowConfidence = { ...extracted, confidence: { ...extracted.confidence, dateOfBirth: 85 } };

    expect(field(compareIdentity(declared, lowConfidence, { now: NOW }), "dateOfBirth")?.outcome).toBe(
      "MATCH",
    );
    expect(
      field(compareIdentity(declared, lowConfidence, { now: NOW, minConfidence: 90 }), "dateOfBirth")
        ?.outcome,
    ).toBe("REVIEW");
  });

  it("reviews fields that were not read, saying so", () => {
    const result = compareIdentity(declared, {}, { now: NOW });

    expect(result.outcome).toBe("REVIEW");
    expect(result.fields.map((f) => f.explanation)).toEqual([
      "name not read from the license",
      "date of birth not read from the license",
      "address not read from the license",
      "license number not read from the license",
      "expiration date not read from the license",
    ]);
  });

  it("maps expiry onto outcomes", () => {
    const expiry = (expirationDate: string) =>
      field(compareIdentity(declared, { ...extracted, expirationDate }, { now: NOW }), "expirationDate")
        ?.outcome;

    expect(expiry("2026-05-31")).toBe("MISMATCH");
    expect(expiry("2026-06-15")).toBe("REVIEW");
    expect(expiry("2027-06-15")).toBe("MATCH");
    expect(
      field(
        compareIdentity(
          declared,
          { ...extracted, expirationDate: "2026-06-15" },
          { now: NOW, expiryReviewWithinDays: 7 },
        ),
        "expirationDate",
      )?.outcome,
    ).toBe("MATCH");
  });

  it("applies custom bands, keeping score and outcome consistent", () => {
    const bands = { match: 80, review: 50 };
    const result = compareIdentity(declared, { ...extracted, firstName: "MARlA" }, { now: NOW, bands });

    // An OCR-like difference is never a MATCH, whatever the bands.
    expect(field(result, "name")?.outcome).toBe("REVIEW");
    for (const f of result.fields) expect(f.outcome).toBe(outcomeForScore(f.score, bands));
  });

  it("falls back to the default bands when the given ones are invalid", () => {
    const result = compareIdentity(declared, extracted, { now: NOW, bands: { match: 50, review: 70 } });

    for (const f of result.fields) {
      expect(f.outcome).toBe(outcomeForScore(f.score, DEFAULT_COMPARE_IDENTITY_OPTIONS.bands));
    }
  });

  it("never puts the applicant's data in explanations", () => {
    const other: ExtractedIdentity = {
      firstName: "MARIO",
      middleName: "ELENO",
      lastName: "GARCIAS",
      dateOfBirth: "1988-12-04",
      address: { line1: "1201 MARKET ST", city: "SAN FRANCISCO", state: "CA", postalCode: "94103" },
      licenseNumber: "D1234568",
      expirationDate: "2026-05-01",
    };

    const text = JSON.stringify(
      compareIdentity(declared, other, { now: NOW }).fields.map((f) => f.explanation),
    );

    for (const value of [
      "maria",
      "mario",
      "elen",
      "garcia",
      "1988",
      "1200",
      "1201",
      "market",
      "francisco",
      "94102",
      "94103",
      "d123",
    ]) {
      expect(text.toLowerCase()).not.toContain(value);
    }
  });

  it("survives huge and strange strings", () => {
    const huge = "Ab\u0301ß-'#/".repeat(200_000);
    const strange = {
      ...extracted,
      firstName: huge,
      lastName: "\u0000\uD800\u200D🙂",
      address: { line1: huge, city: huge },
    };

    const started = performance.now();
    const result = compareIdentity({ ...declared, lastName: huge }, strange, { now: NOW });

    expect(result.outcome).toBe("MISMATCH");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("survives inputs that break the types", () => {
    const junk = { firstName: 42, address: "somewhere", confidence: "high" } as unknown as ExtractedIdentity;

    expect(() => compareIdentity(null as unknown as DeclaredIdentity, junk, { now: "never" })).not.toThrow();
    expect(compareIdentity(null as unknown as DeclaredIdentity, junk).outcome).toBe("REVIEW");
  });
});
