import { describe, expect, it } from "vitest";
import { checkExpiry, today } from "./check-expiry.js";
import { DEFAULT_COMPARE_IDENTITY_OPTIONS, toFieldComparison } from "./options.js";

const judge = (expirationDate: unknown, now: Date | string | undefined, days = 30) =>
  toFieldComparison(
    "expirationDate",
    checkExpiry(expirationDate, now, days),
    DEFAULT_COMPARE_IDENTITY_OPTIONS.bands,
  );

describe("checkExpiry", () => {
  const now = new Date("2026-06-01T12:00:00Z");

  it("passes a license valid beyond the window", () => {
    expect(judge("2026-07-02", now).outcome).toBe("MATCH");
  });

  it.each([
    ["expiring today (valid through the date)", "2026-06-01"],
    ["expiring tomorrow", "2026-06-02"],
    ["expiring on the last day of the window", "2026-07-01"],
  ])("reviews a license %s", (_, expirationDate) => {
    expect(judge(expirationDate, now).outcome).toBe("REVIEW");
  });

  it("rejects an expired license", () => {
    const result = judge("05/31/2026", now);

    expect(result.outcome).toBe("MISMATCH");
    expect(result.explanation).toBe("license expired 1 day(s) ago");
  });

  it.each([[""], [undefined], ["not a date"]])(
    "reviews a missing or unreadable date (%s)",
    (expirationDate) => {
      expect(judge(expirationDate, now).outcome).toBe("REVIEW");
    },
  );

  it("takes today from a string", () => {
    expect(judge("2026-06-01", "2026-06-02").outcome).toBe("MISMATCH");
    expect(judge("2026-06-01", "2026-06-01T23:30:00-05:00").outcome).toBe("REVIEW");
  });

  it("honours the window size", () => {
    expect(judge("2026-06-10", now, 0).outcome).toBe("MATCH");
    expect(judge("2026-06-10", now, 10).outcome).toBe("REVIEW");
  });

  it("reviews when the reference date is invalid", () => {
    expect(judge("2030-01-01", new Date(Number.NaN)).outcome).toBe("REVIEW");
    expect(judge("2030-01-01", "soon").outcome).toBe("REVIEW");
  });

  it("reads a Date as a UTC calendar date", () => {
    expect(today(new Date("2026-06-01T23:59:59Z"))).toEqual({ year: 2026, month: 6, day: 1 });
  });
});
