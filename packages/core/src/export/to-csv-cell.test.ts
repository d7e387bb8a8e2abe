import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCsvCell, toCsvRow } from "./to-csv-cell.js";

describe("toCsvCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1 555 0100", "'+1 555 0100"],
    ["-Smith", "'-Smith"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
    ["  =cmd", "'  =cmd"],
    ["\uFF1D1+1", "'\uFF1D1+1"],
  ])("neutralises the formula start of %j", (value, expected) => {
    // Act
    const cell = toCsvCell(value);

    // Assert
    expect(cell).toBe(expected);
  });

  it("prefixes and quotes a formula that also needs quoting", () => {
    // Act
    const cell = toCsvCell('=HYPERLINK("http://evil","x")');

    // Assert
    expect(cell).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
  });

  it("quotes a carriage-return start as well as neutralising it", () => {
    expect(toCsvCell("\r=1")).toBe(`"'\r=1"`);
  });

  it.each([
    ["Garcia", "Garcia"],
    ["O'Brien", "O'Brien"],
    ["Apt 4, Floor 2", '"Apt 4, Floor 2"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["", ""],
    ["a-b", "a-b"],
  ])("leaves harmless %j as data, quoted only when needed", (value, expected) => {
    expect(toCsvCell(value)).toBe(expected);
  });
});

describe("toCsvRow", () => {
  it("joins escaped cells with commas", () => {
    expect(toCsvRow(["Maria", "=1+1", "a,b"])).toBe(`Maria,'=1+1,"a,b"`);
  });

  it("round-trips any values through a CSV parser, with formula starts prefixed by a quote", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 6 }), (values) => {
        // Act
        const [row] = parse(toCsvRow(values), { relax_column_count: true }) as string[][];

        // Assert
        const readBack = row ?? [""];
        expect(readBack).toHaveLength(values.length);
        readBack.forEach((cell, i) => {
          const original = values[i] ?? "";
          expect(cell === original || cell === `'${original}`).toBe(true);
          expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
        });
      }),
      { numRuns: 200 },
    );
  });
});
