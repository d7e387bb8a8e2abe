import { describe, expect, it } from "vitest";
import { type AddressParts, compareAddresses, parseAddress } from "./compare-addresses.js";
import { DEFAULT_COMPARE_IDENTITY_OPTIONS, toFieldComparison } from "./options.js";

const HOME: AddressParts = {
  line1: "123 Main Street",
  line2: "Apt 4B",
  city: "Springfield",
  state: "IL",
  postalCode: "62704",
};
const judge = (declared: AddressParts, extracted: AddressParts) =>
  toFieldComparison("address", compareAddresses(declared, extracted), DEFAULT_COMPARE_IDENTITY_OPTIONS.bands);
const outcome = (declared: AddressParts, extracted: AddressParts) => judge(declared, extracted).outcome;

describe("parseAddress", () => {
  it("splits a line into USPS components", () => {
    expect(
      parseAddress({
        line1: "1200 N. Market Street Apt #4-B",
        city: "St. Louis",
        state: "Missouri",
        postalCode: "63101-1234",
      }),
    ).toMatchObject({
      houseNumber: "1200",
      poBox: false,
      directional: "n",
      streetName: "market",
      suffix: "st",
      unit: "4b",
      city: "saintlouis",
      state: "mo",
      zip5: "63101",
      zip4: "1234",
    });
  });

  it("reads St as Saint when it is not the suffix", () => {
    const parsed = parseAddress({ line1: "123 St Marys St" });

    expect(parsed.streetName).toBe("saintmarys");
    expect(parsed.suffix).toBe("st");
  });

  it("keeps a route number in the street, not the unit", () => {
    expect(parseAddress({ line1: "4500 Highway 101" }).unit).toBe("");
  });

  it("reads a bare unit after the suffix", () => {
    expect(parseAddress({ line1: "123 Main St 4B" }).unit).toBe("4b");
  });
});

describe("compareAddresses", () => {
  describe("normalisation makes these equal (MATCH)", () => {
    it.each<[string, AddressParts]>([
      [
        "upper case, abbreviations",
        { line1: "123 MAIN ST", line2: "APT 4B", city: "SPRINGFIELD", state: "IL", postalCode: "62704" },
      ],
      [
        "unit folded into line 1",
        { line1: "123 MAIN ST APT 4B", city: "SPRINGFIELD", state: "IL", postalCode: "62704" },
      ],
      ["unit with #", { line1: "123 Main St #4B", city: "Springfield", state: "IL", postalCode: "62704" }],
      [
        "unit designator differs",
        { line1: "123 Main St", line2: "Unit 4-B", city: "Springfield", state: "IL", postalCode: "62704" },
      ],
      [
        "unit on one side only",
        { line1: "123 MAIN ST", city: "SPRINGFIELD", state: "IL", postalCode: "62704" },
      ],
      [
        "state name",
        {
          line1: "123 Main St",
          line2: "Apt 4B",
          city: "Springfield",
          state: "Illinois",
          postalCode: "62704",
        },
      ],
      [
        "ZIP+4",
        { line1: "123 Main St", line2: "Apt 4B", city: "Springfield", state: "IL", postalCode: "62704-1234" },
      ],
      [
        "punctuation",
        {
          line1: "123 Main St.,",
          line2: "Apt. 4B",
          city: "Springfield,",
          state: "I.L.",
          postalCode: "62704",
        },
      ],
      [
        "suffix missing on one side",
        { line1: "123 Main", line2: "Apt 4B", city: "Springfield", state: "IL", postalCode: "62704" },
      ],
    ])("%s", (_, extracted) => {
      expect(outcome(HOME, extracted)).toBe("MATCH");
    });

    it.each<[string, AddressParts, AddressParts]>([
      [
        "directional words",
        { line1: "10 North Elm Avenue", city: "Austin", state: "TX", postalCode: "78701" },
        { line1: "10 N ELM AVE", city: "AUSTIN", state: "TX", postalCode: "78701" },
      ],
      [
        "two-letter directional",
        { line1: "10 Elm Boulevard Northeast", city: "Austin", state: "TX", postalCode: "78701" },
        { line1: "10 ELM BLVD NE", city: "AUSTIN", state: "TX", postalCode: "78701" },
      ],
      [
        "Saint vs St",
        { line1: "9 Saint Marys Street", city: "Saint Paul", state: "MN", postalCode: "55101" },
        { line1: "9 ST MARYS ST", city: "ST. PAUL", state: "MN", postalCode: "55101" },
      ],
      [
        "number words",
        { line1: "500 Fifth Avenue", city: "New York", state: "New York", postalCode: "10110" },
        { line1: "500 5TH AVE", city: "NEW YORK", state: "NY", postalCode: "10110" },
      ],
      [
        "parkway, highway, court",
        { line1: "7 Ocean Parkway", city: "Miami", state: "FL", postalCode: "33101" },
        { line1: "7 OCEAN PKWY", city: "MIAMI", state: "FL", postalCode: "33101" },
      ],
      [
        "PO box",
        { line1: "P.O. Box 77", city: "Boise", state: "ID", postalCode: "83701" },
        { line1: "PO BOX 77", city: "BOISE", state: "ID", postalCode: "83701" },
      ],
      [
        "Queens house number",
        { line1: "12-34 Jackson Ave", city: "Queens", state: "NY", postalCode: "11101" },
        { line1: "1234 JACKSON AVE", city: "QUEENS", state: "NY", postalCode: "11101" },
      ],
    ])("%s", (_, declared, extracted) => {
      expect(outcome(declared, extracted)).toBe("MATCH");
    });
  });

  describe("needs a person (REVIEW)", () => {
    it.each<[string, AddressParts]>([
      ["city typo", { line1: "123 Main St", city: "Sprinfield", state: "IL", postalCode: "62704" }],
      ["city OCR confusion", { line1: "123 Main St", city: "5PRINGFIELD", state: "IL", postalCode: "62704" }],
      ["street typo", { line1: "123 Mian St", city: "Springfield", state: "IL", postalCode: "62704" }],
      ["suffix differs", { line1: "123 Main Ave", city: "Springfield", state: "IL", postalCode: "62704" }],
      [
        "directional on one side",
        { line1: "123 N Main St", city: "Springfield", state: "IL", postalCode: "62704" },
      ],
      [
        "different city, same ZIP",
        { line1: "123 Main St", city: "Leland Grove", state: "IL", postalCode: "62704" },
      ],
      [
        "ZIP with an OCR letter",
        { line1: "123 Main St", city: "Springfield", state: "IL", postalCode: "627O4" },
      ],
      ["city not read", { line1: "123 Main St", state: "IL", postalCode: "62704" }],
      ["ZIP not read", { line1: "123 Main St", city: "Springfield", state: "IL" }],
    ])("%s", (_, extracted) => {
      expect(outcome(HOME, extracted)).toBe("REVIEW");
    });

    it("ZIP code that lost its leading zero", () => {
      const declared = { line1: "1 Beacon St", city: "Boston", state: "MA", postalCode: "02108" };

      expect(outcome(declared, { ...declared, postalCode: "2108" })).toBe("REVIEW");
    });

    it("address not read at all", () => {
      const result = judge(HOME, {});

      expect(result.outcome).toBe("REVIEW");
      expect(result.explanation).toBe("address not read from the license");
    });
  });

  describe("a different dwelling (MISMATCH)", () => {
    it.each<[string, AddressParts]>([
      [
        "house number differs by one digit",
        { line1: "124 Main St", line2: "Apt 4B", city: "Springfield", state: "IL", postalCode: "62704" },
      ],
      [
        "house number OCR-like",
        { line1: "128 Main St", line2: "Apt 4B", city: "Springfield", state: "IL", postalCode: "62704" },
      ],
      [
        "ZIP5 differs",
        { line1: "123 Main St", line2: "Apt 4B", city: "Springfield", state: "IL", postalCode: "62705" },
      ],
      [
        "unit differs",
        { line1: "123 Main St", line2: "Apt 4C", city: "Springfield", state: "IL", postalCode: "62704" },
      ],
      [
        "street differs",
        { line1: "123 Oak St", line2: "Apt 4B", city: "Springfield", state: "IL", postalCode: "62704" },
      ],
    ])("%s", (_, extracted) => {
      expect(outcome(HOME, extracted)).toBe("MISMATCH");
    });

    it("directional differs", () => {
      const declared = { ...HOME, line1: "123 North Main St" };

      expect(outcome(declared, { ...HOME, line1: "123 S MAIN ST" })).toBe("MISMATCH");
    });

    it("explains without the address", () => {
      const result = judge(HOME, {
        line1: "124 MAIN ST APT 4B",
        city: "SPRINGFIELD",
        state: "IL",
        postalCode: "62704",
      });

      expect(result.explanation).toBe("house number differs by one character");
    });
  });
});

describe("compareAddresses, found by the evaluation set", () => {
  it("does not take a misread suffix for a unit", () => {
    const declared = {
      line1: "8933 East Pine Boulevard",
      city: "Winston-Salem",
      state: "NC",
      postalCode: "27101",
    };

    expect(parseAddress({ line1: "8933 E PINE 8LVD" }).unit).toBe("");
    expect(outcome(declared, { ...declared, line1: "8933 E PINE 8LVD" })).toBe("REVIEW");
  });

  it.each([
    ["OCR in the suffix", "4209 Lincoln Street", "4209 LINCOLN 5T"],
    ["typo in the suffix", "631 Washington Cour", "631 WASHINGTON CT"],
    ["typo in a suffix-like name", "6162 Rideg Trail", "6162 RIDGE TRL"],
    ["OCR in a number word", "7442 Fifth Cir", "7442 F1FTH CIR"],
    ["typo in the directional", "9521 Southewst Main Circle", "9521 SW MAIN CIR"],
  ])("reviews a street with %s", (_, declaredLine, extractedLine) => {
    const place = { city: "Reno", state: "NV", postalCode: "89501" };

    expect(outcome({ line1: declaredLine, ...place }, { line1: extractedLine, ...place })).toBe("REVIEW");
  });
});
