import { describe, expect, it } from "vitest";
import { DEFAULT_CALIBRATION, distanceToSimilarity } from "./distance-to-similarity.js";
import { dedupe, squareWindows } from "./face-model.js";

describe("distanceToSimilarity", () => {
  it.each([
    [0, 100],
    [DEFAULT_CALIBRATION.samePerson, 95],
    [(DEFAULT_CALIBRATION.samePerson + DEFAULT_CALIBRATION.differentPeople) / 2, 87.5],
    [DEFAULT_CALIBRATION.differentPeople, 80],
    [0.75, 40],
    [1, 0],
    [1.4, 0],
  ])("maps distance %s to similarity %s", (distance, similarity) => {
    expect(distanceToSimilarity(distance)).toBe(similarity);
  });

  it("never scores a larger distance higher, and stays within 0–100", () => {
    let previous = 101;
    for (let d = -0.1; d <= 1.5; d += 0.01) {
      const s = distanceToSimilarity(d);
      expect(s).toBeLessThanOrEqual(previous);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(100);
      previous = s;
    }
  });

  it("scores a distance that is not a number as 0, never as a match", () => {
    expect(distanceToSimilarity(Number.NaN)).toBe(0);
  });

  it("follows a custom calibration", () => {
    expect(distanceToSimilarity(0.3, { samePerson: 0.3, differentPeople: 0.45 })).toBe(95);
    expect(distanceToSimilarity(0.45, { samePerson: 0.3, differentPeople: 0.45 })).toBe(80);
  });
});

describe("squareWindows", () => {
  it("covers a wide card with half-overlapping squares, ending at the right edge", () => {
    expect(squareWindows(1012, 638)).toEqual([
      { x: 0, y: 0, side: 638 },
      { x: 319, y: 0, side: 638 },
      { x: 374, y: 0, side: 638 },
    ]);
  });

  it("leaves near-square images alone", () => {
    expect(squareWindows(400, 500)).toEqual([]);
  });
});

describe("dedupe", () => {
  const face = (x: number, score: number) => ({
    box: { x, y: 0, width: 100, height: 100 },
    score,
    descriptor: new Float32Array(128),
  });

  it("keeps the higher-scored of two overlapping detections and both of two apart", () => {
    const kept = dedupe([face(0, 0.4), face(10, 0.9), face(300, 0.8)]);

    expect(kept.map((f) => [f.box.x, f.score])).toEqual([
      [10, 0.9],
      [300, 0.8],
    ]);
  });
});
