import { describe, expect, it } from "vitest";
import { compareDates, parseCalendarDate } from "./compare-dates.js";
import { DEFAULT_COMPARE_IDENTITY_OPTIONS, toFieldComparison } from "./options.js";

const judge = (declared: unknown, extracted: unknown) =>
  toFieldComparison(
    "dateOfBirth",
    compareDates(declared, extracted, "date of birth"),
    DEFAULT_COMPARE_IDENTITY_OPTIONS.bands,
  );

describe("parseCalendarDate", () => {
  it.each([
    ["1988-04-12"],
    ["1988/4/12"],
    ["04/12/1988"],
    ["4-12-1988"],
    ["19880412"],
    ["04121988"],
    ["1988-04-12T00:00:00Z"],
    ["12 APR 1988"],
    ["Apr 12, 1988"],
    ["April 12 1988"],
    [" 1988-04-12 "],
  ])("reads %s as 1988-04-12", (text) => {
    expect(parseCalendarDate(text)).toEqual({ year: 1988, month: 4, day: 12 });
  });

  it.each([
    ["2023-02-29"],
    ["1988-13-01"],
    ["04/12/88"],
    ["12/04"],
    ["yesterday"],
    [""],
    ["1700-01-01"],
    ["1988-04-12-01"],
  ])("refuses %s", (text) => {
    expect(parseCalendarDate(text)).toBeUndefined();
  });

  it("accepts 29 February in a leap year", () => {
    expect(parseCalendarDate("2000-02-29")).toEqual({ year: 2000, month: 2, day: 29 });
  });
});

describe("compareDates", () => {
  it("matches the same calendar date in different formats", () => {
    expect(judge("1988-04-12", "04/12/1988").outcome).toBe("MATCH");
    expect(judge("1988-04-12", "19880412").outcome).toBe("MATCH");
  });

  it("sends a day/month swap to review", () => {
    const result = judge("1988-04-12", "1988-12-04");

    expect(result.outcome).toBe("REVIEW");
    expect(result.explanation).toBe("date of birth has day and month swapped");
  });

  it.each([
    ["another day", "1988-04-13", "date of birth differs (day)"],
    ["another year", "1989-04-12", "date of birth differs (year)"],
    ["month and day", "1988-05-13", "date of birth differs (month and day)"],
  ])("rejects %s", (_, extracted, explanation) => {
    const result = judge("1988-04-12", extracted);

    expect(result.outcome).toBe("MISMATCH");
    expect(result.explanation).toBe(explanation);
  });

  it.each([
    ["not read", "1988-04-12", "", "date of birth not read from the license"],
    [
      "unreadable on the license",
      "1988-04-12",
      "12/04/88",
      "date of birth on the license is not a valid date",
    ],
    ["invalid declaration", "1988-02-30", "1988-02-28", "declared date of birth is not a valid date"],
  ])("reviews a date %s", (_, declared, extracted, explanation) => {
    const result = judge(declared, extracted);

    expect(result.outcome).toBe("REVIEW");
    expect(result.explanation).toBe(explanation);
  });
});
