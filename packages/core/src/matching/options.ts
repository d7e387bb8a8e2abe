import type { FieldComparison, MatchOutcome } from "../domain/checks.js";
import { finiteNumber } from "./text.js";

/** Score bands: a score `>= match` is a MATCH, `>= review` a REVIEW, anything lower a MISMATCH. */
export interface MatchScoreBands {
  readonly match: number;
  readonly review: number;
}

/** Options of `compareIdentity`. Every member is optional; see `DEFAULT_COMPARE_IDENTITY_OPTIONS`. */
export interface CompareIdentityOptions {
  /** "Today" for the expiry check: the use case passes its `Clock`'s time. Defaults to the system time. */
  readonly now?: Date | string;
  /** A license expiring within this many days (today included) goes to REVIEW. */
  readonly expiryReviewWithinDays?: number;
  /** OCR confidence (Textract's 0–100 scale) below which a field can be REVIEW at best, never MATCH. */
  readonly minConfidence?: number;
  /** Score bands, `1 <= review <= match <= 100`. Invalid bands fall back to the defaults. */
  readonly bands?: MatchScoreBands;
}

/**
 * The defaults, and why:
 *
 * - `bands.match = 90`: every rule scores a difference the applicant cannot have caused by mistake
 *   at 100 (equal after normalisation) and a cosmetic one at 90–99 (middle initial for a middle
 *   name, ZIP+4 against ZIP5, a suffix or a unit written on one side only). Anything a person must
 *   look at scores 60–89, so 90 is the lowest score that needs no human.
 * - `bands.review = 60`: the reviewable rules (OCR-like confusion 85, one typo 80, nickname 75,
 *   initial or swapped names 70, field not read 60) all sit at or above 60; unexplained
 *   differences are graded by Jaro–Winkler and capped at 59.
 * - `minConfidence = 80`: Textract AnalyzeID reports 95–99 on sharp, glare-free cards; values
 *   under 80 come with blur, glare or a partly hidden field, where a reading that *agrees* with the
 *   declaration may still be a coincidence worth a look.
 * - `expiryReviewWithinDays = 30`: the third-party license validation and account opening take
 *   days; a license that expires within a month should be renewed before it is relied on.
 */
export const DEFAULT_COMPARE_IDENTITY_OPTIONS = {
  expiryReviewWithinDays: 30,
  minConfidence: 80,
  bands: { match: 90, review: 60 },
} as const satisfies Required<Omit<CompareIdentityOptions, "now">>;

/** Options with defaults applied and invalid values replaced. */
export interface ResolvedOptions {
  readonly now: Date | string | undefined;
  readonly expiryReviewWithinDays: number;
  readonly minConfidence: number;
  readonly bands: MatchScoreBands;
}

export const resolveOptions = (options: CompareIdentityOptions | undefined): ResolvedOptions => {
  const given = typeof options === "object" && options !== null ? options : {};
  const defaults = DEFAULT_COMPARE_IDENTITY_OPTIONS;
  const match = finiteNumber(given.bands?.match);
  const review = finiteNumber(given.bands?.review);
  const bandsValid =
    match !== undefined && review !== undefined && review >= 1 && review <= match && match <= 100;
  const days = finiteNumber(given.expiryReviewWithinDays);
  const minConfidence = finiteNumber(given.minConfidence);
  return {
    now: given.now,
    expiryReviewWithinDays:
      days !== undefined && days >= 0 ? Math.min(days, 36_500) : defaults.expiryReviewWithinDays,
    minConfidence: minConfidence ?? defaults.minConfidence,
    bands: bandsValid ? { match, review } : defaults.bands,
  };
};

/** The outcome a score falls in. */
export const outcomeForScore = (score: number, bands: MatchScoreBands): MatchOutcome =>
  score >= bands.match ? "MATCH" : score >= bands.review ? "REVIEW" : "MISMATCH";

const RANK: Readonly<Record<MatchOutcome, number>> = { MATCH: 2, REVIEW: 1, MISMATCH: 0 };

/** The worse of two outcomes. */
export const worse = (a: MatchOutcome, b: MatchOutcome): MatchOutcome => (RANK[a] <= RANK[b] ? a : b);

/**
 * What a rule concluded about one field, before bands and confidence are applied. `cap` is the best
 * outcome the rule allows whatever the score (an OCR-like difference is never a MATCH; a different
 * house number is a MISMATCH however similar the rest).
 */
export interface Verdict {
  readonly score: number;
  readonly cap: MatchOutcome;
  readonly explanation: string;
}

export const verdict = (score: number, explanation: string, cap: MatchOutcome = "MATCH"): Verdict => ({
  score,
  cap,
  explanation,
});

/**
 * Turn a verdict into a field entry. The score is clamped into the band of the final outcome, so that
 * `outcome === outcomeForScore(score, bands)` always holds: a rule or a low confidence can only
 * lower an outcome, and the score then tells the same story.
 */
export const toFieldComparison = (
  field: string,
  result: Verdict,
  bands: MatchScoreBands,
  lowConfidence?: { readonly confidence: number; readonly threshold: number },
): FieldComparison => {
  let cap = result.cap;
  let explanation = result.explanation;
  if (lowConfidence !== undefined) {
    cap = worse(cap, "REVIEW");
    explanation += `; OCR confidence ${Math.round(lowConfidence.confidence)} is below ${lowConfidence.threshold}`;
  }
  let score = Number.isFinite(result.score) ? Math.round(Math.min(100, Math.max(0, result.score))) : 0;
  if (cap === "REVIEW") score = Math.min(score, bands.match - 1);
  if (cap === "MISMATCH") score = Math.min(score, bands.review - 1);
  score = Math.max(0, Math.ceil(score - 1e-9));
  return { field, score, outcome: outcomeForScore(score, bands), explanation };
};
