import { describe, expect, it } from "vitest";
import type { OcrWord } from "./ocr-engine.js";
import { parseCityLine, parseLicenseFront, parseUsDate, segment } from "./parse-license-text.js";

/** Words laid out as on a card: one line per entry, `[x, text]` pairs, 30 px high values. */
const layout = (lines: readonly (readonly [number, number, string, number?])[]): OcrWord[] =>
  lines.map(([x, y, text, size = 30]) => ({
    text,
    confidence: 95,
    x0: x,
    y0: y,
    x1: x + text.length * size * 0.6,
    y1: y + size,
  }));

describe("parseUsDate", () => {
  it.each([
    ["11/19/1956", "1956-11-19"],
    ["02-29-2000", "2000-02-29"],
    ["02/30/2001", undefined],
    ["13/01/2001", undefined],
    ["1/2/2001", undefined],
  ])("reads %s as %s", (text, iso) => {
    expect(parseUsDate(text)).toBe(iso);
  });
});

describe("parseCityLine", () => {
  it("reads city, state and ZIP or ZIP+4", () => {
    expect(parseCityLine("SAN JOSE, CA 95112-4410")).toEqual({
      city: "SAN JOSE",
      state: "CA",
      postalCode: "95112-4410",
    });
    expect(parseCityLine("HOUSTON TX 77058")).toEqual({ city: "HOUSTON", state: "TX", postalCode: "77058" });
  });

  it("rejects a line that is no city line", () => {
    expect(parseCityLine("2101 NASA PARKWAY")).toBeUndefined();
  });
});

describe("segment", () => {
  it("splits a line at a wide gap and drops small labels and punctuation", () => {
    const words = layout([
      [360, 345, "1", 14],
      [400, 340, "="],
      [438, 340, "DOE"],
      [40, 495, "CLASS"],
      [150, 495, "C"],
      [440, 495, "HOUSTON,"],
      [600, 495, "TX"],
      [660, 495, "77058"],
    ]);

    expect(segment(words).map((s) => s.text)).toEqual(["DOE", "CLASS C", "HOUSTON, TX 77058"]);
  });
});

describe("parseLicenseFront", () => {
  it("reads fields by value patterns and layout, ignoring labels", () => {
    const words = layout([
      [40, 14, "SAMPLE"],
      [200, 14, "STATE"],
      [360, 130, "4d", 14],
      [438, 124, "D1234567"],
      [438, 182, "01/18/1986"],
      [438, 232, "01/18/2031"],
      [438, 282, "03/01/2023"],
      [438, 340, "DOE"],
      [438, 390, "JANE"],
      [530, 390, "QUINCY"],
      [438, 452, "123"],
      [510, 452, "MAIN"],
      [600, 452, "STREET"],
      [438, 492, "ANYTOWN,"],
      [600, 492, "CA"],
      [660, 492, "90210"],
    ]);

    const { identity, found } = parseLicenseFront(words);

    expect(found).toBe(10);
    expect(identity).toMatchObject({
      firstName: "JANE",
      middleName: "QUINCY",
      lastName: "DOE",
      dateOfBirth: "1986-01-18",
      expirationDate: "2031-01-18",
      licenseNumber: "D1234567",
      address: { line1: "123 MAIN STREET", city: "ANYTOWN", state: "CA", postalCode: "90210" },
    });
  });

  it("reads a single 'LAST, FIRST MIDDLE' name line", () => {
    const words = layout([
      [438, 124, "D1234567"],
      [438, 340, "DOE,"],
      [540, 340, "JANE"],
      [640, 340, "Q"],
      [438, 452, "123"],
      [510, 452, "MAIN"],
      [438, 492, "ANYTOWN,"],
      [600, 492, "CA"],
      [660, 492, "90210"],
    ]);

    expect(parseLicenseFront(words).identity).toMatchObject({
      lastName: "DOE",
      firstName: "JANE",
      middleName: "Q",
    });
  });

  it("gives each field the lowest confidence of its words", () => {
    const words = layout([
      [438, 452, "123"],
      [510, 452, "MAIN"],
      [438, 492, "ANYTOWN,"],
      [600, 492, "CA"],
      [660, 492, "90210"],
    ]).map((w) => (w.text === "MAIN" ? { ...w, confidence: 41.6 } : w));

    expect(parseLicenseFront(words).identity.confidence).toMatchObject({ address: 42, city: 95 });
  });

  it("finds nothing in text that is no license", () => {
    expect(
      parseLicenseFront(
        layout([
          [10, 10, "Hello"],
          [100, 10, "world"],
        ]),
      ).found,
    ).toBe(0);
  });
});
