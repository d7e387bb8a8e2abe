import { describe, expect, it } from "vitest";
import { difference, editDistance, foldOcrConfusions, jaroWinkler } from "./string-distance.js";

describe("editDistance (Damerau–Levenshtein, optimal string alignment)", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["smith", "smith", 0],
    ["smith", "smyth", 1],
    ["smith", "smth", 1],
    ["smith", "smitth", 1],
    ["johnson", "jonhson", 1],
    ["ca", "abc", 3],
    ["kitten", "sitting", 3],
    ["😀a", "😀b", 1],
  ])("%s → %s = %i", (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe("jaroWinkler", () => {
  it("is 1 for equal strings and 0 for disjoint ones", () => {
    expect(jaroWinkler("martha", "martha")).toBe(1);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
    expect(jaroWinkler("", "")).toBe(1);
  });

  it("matches the textbook values", () => {
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.961, 3);
    expect(jaroWinkler("dwayne", "duane")).toBeCloseTo(0.84, 2);
  });
});

describe("OCR confusions", () => {
  it("folds confusable characters together", () => {
    expect(foldOcrConfusions("0lson")).toBe(foldOcrConfusions("olson"));
    expect(foldOcrConfusions("homer")).toBe(foldOcrConfusions("horner"));
    expect(foldOcrConfusions("5mith")).toBe(foldOcrConfusions("smith"));
    expect(foldOcrConfusions("8arber")).toBe(foldOcrConfusions("barber"));
    expect(foldOcrConfusions("a1len")).toBe(foldOcrConfusions("allen"));
  });

  it("tells an OCR-only difference from a typo", () => {
    expect(difference("olson", "0lson")).toEqual({ edits: 1, editsBeyondOcr: 0, ocrOnly: true });
    expect(difference("olson", "olsen")).toEqual({ edits: 1, editsBeyondOcr: 1, ocrOnly: false });
  });

  it("never counts more edits after folding than before", () => {
    // `rn`→`m` would otherwise turn one inserted `u` into two edits.
    expect(difference("bjorunstad", "bjornstad").editsBeyondOcr).toBe(1);
  });
});
