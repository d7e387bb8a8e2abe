/**
 * Where face-api descriptor distances (Euclidean, 128-d) are cut, calibrated on data (ADR 0008).
 *
 * - `samePerson`: at or under it, the same person with confidence: maps to the policy's pass band (95).
 * - `differentPeople`: at or over it, different people: maps under the review band (80).
 */
export interface DistanceCalibration {
  readonly samePerson: number;
  readonly differentPeople: number;
}

/**
 * Calibrated in ADR 0008 (`bench/local-engines`): same-person pairs (a rendered card against selfies
 * derived from the same photo) measured 0.06–0.30; the closest different-people pair, two people in
 * face-api's own demo photos, 0.46, and 5 of 43 different-people pairs were under face-api's usual
 * 0.6 cut. 0.40 and 0.50 sit between, with the review band covering the gap.
 */
export const DEFAULT_CALIBRATION: DistanceCalibration = { samePerson: 0.4, differentPeople: 0.5 };

/** The distance at which the similarity reaches 0. Descriptors of unrelated faces sit around 0.7–1.0. */
const ZERO_AT = 1;

/**
 * Maps a descriptor distance onto Rekognition's 0–100 similarity scale, piecewise-linearly, so the
 * core's bands (pass ≥ 95, review ≥ 80) mean the same thing for this engine:
 *
 * - distance 0 → 100, `samePerson` → 95 (pass band),
 * - `samePerson` → 95 down to `differentPeople` → 80 (review band),
 * - `differentPeople` → 80 down to 1.0 → 0 (fail), and 0 beyond.
 *
 * Monotonic (a larger distance never scores higher) and rounded to one decimal.
 */
export function distanceToSimilarity(
  distance: number,
  calibration: DistanceCalibration = DEFAULT_CALIBRATION,
): number {
  const { samePerson: same, differentPeople: different } = calibration;
  if (!Number.isFinite(distance) || distance >= ZERO_AT) return 0;
  const d = Math.max(0, distance);
  const score =
    d <= same
      ? 100 - (5 * d) / same
      : d <= different
        ? 95 - (15 * (d - same)) / (different - same)
        : 80 - (80 * (d - different)) / (ZERO_AT - different);
  return Math.round(score * 10) / 10;
}

/** Checks a calibration: 0 < samePerson < differentPeople < 1. Throws a `RangeError` otherwise. */
export function assertCalibration(calibration: DistanceCalibration): void {
  const { samePerson, differentPeople } = calibration;
  if (!(samePerson > 0 && samePerson < differentPeople && differentPeople < ZERO_AT))
    throw new RangeError(
      `face calibration needs 0 < samePerson < differentPeople < ${ZERO_AT} (got ${samePerson}, ${differentPeople})`,
    );
}
