import { describe, expect, it } from "vitest";
import { compareLicenseNumbers, normalizeLicenseNumber } from "./compare-license-numbers.js";
import { DEFAULT_COMPARE_IDENTITY_OPTIONS, toFieldComparison } from "./options.js";

const judge = (declared: unknown, extracted: unknown) =>
  toFieldComparison(
    "licenseNumber",
    compareLicenseNumbers(declared, extracted),
    DEFAULT_COMPARE_IDENTITY_OPTIONS.bands,
  );

describe("compareLicenseNumbers", () => {
  it("keeps letters and digits only", () => {
    expect(normalizeLicenseNumber(" d123-456 789. ")).toBe("D123456789");
  });

  it("matches numbers that differ in case, spaces and dashes", () => {
    expect(judge("D123-456-789", "d123456789").outcome).toBe("MATCH");
  });

  it.each([
    ["one digit", "D123456789", "D123456780", "license number differs by one character"],
    [
      "an OCR-like confusion",
      "D123456789",
      "DI23456789",
      "license number differs by one character (OCR-like confusion; identifiers must match exactly)",
    ],
    [
      "a missing character",
      "D123456789",
      "D12345678",
      "license number differs by one character, different length",
    ],
    ["a transposition", "D123456789", "D123456798", "license number differs by one character"],
  ])("rejects %s", (_, declared, extracted, explanation) => {
    const result = judge(declared, extracted);

    expect(result.outcome).toBe("MISMATCH");
    expect(result.explanation).toBe(explanation);
  });

  it("reviews a number that was not read", () => {
    expect(judge("D123456789", "")).toMatchObject({
      outcome: "REVIEW",
      explanation: "license number not read from the license",
    });
    expect(judge("D123456789", "--").outcome).toBe("REVIEW");
  });
});
