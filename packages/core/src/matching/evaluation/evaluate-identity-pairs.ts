import type { IdentityComparison, MatchOutcome } from "../../domain/checks.js";
import type { DeclaredIdentity, ExtractedIdentity } from "../../domain/identity.js";
import type { CompareIdentityOptions } from "../options.js";
import type { IdentityPair, IdentityPairSet } from "./generate-identity-pairs.js";

export type Counts = Record<MatchOutcome, number> & { total: number };

export interface EvaluationReport {
  /** Rows: who the license belongs to. Columns: what the comparison answered. */
  readonly confusion: { readonly same: Counts; readonly different: Counts };
  /** Same person, not MISMATCH (MATCH or REVIEW): 1 − false-rejection rate. Goal ≥ 98 %. */
  readonly sameNotRejectedRate: number;
  /** Same person, MATCH: the share that needs no human. */
  readonly sameMatchRate: number;
  /** Different person answered MATCH. Goal: 0. */
  readonly falseMatches: number;
  /** Different person answered MISMATCH (the rest went to REVIEW). */
  readonly differentRejectedRate: number;
  /** Same-person pairs whose outcome equals the `expected` the rules ask for. */
  readonly expectedAgreementRate: number;
  readonly byVariation: Readonly<Record<string, Counts & { readonly label: IdentityPair["label"] }>>;
  /** Ids of false rejections (same → MISMATCH) and false matches (different → MATCH). */
  readonly failures: readonly { readonly id: string; readonly outcome: MatchOutcome; readonly why: string }[];
}

type Compare = (d: DeclaredIdentity, e: ExtractedIdentity, o?: CompareIdentityOptions) => IdentityComparison;

const emptyCounts = (): Counts => ({ MATCH: 0, REVIEW: 0, MISMATCH: 0, total: 0 });

/** Run `compare` over every pair of `set` and tally the outcomes. */
export const evaluateIdentityPairs = (
  set: IdentityPairSet,
  compare: Compare,
  options: CompareIdentityOptions = {},
): EvaluationReport => {
  const confusion = { same: emptyCounts(), different: emptyCounts() };
  const byVariation: Record<string, Counts & { label: IdentityPair["label"] }> = {};
  const failures: { id: string; outcome: MatchOutcome; why: string }[] = [];
  let expectedTotal = 0;
  let expectedAgreed = 0;
  for (const pair of set.pairs) {
    const result = compare(pair.declared, pair.extracted, { now: set.now, ...options });
    const row = confusion[pair.label];
    row[result.outcome]++;
    row.total++;
    byVariation[pair.variation] ??= { ...emptyCounts(), label: pair.label };
    const variation = byVariation[pair.variation];
    if (variation !== undefined) {
      variation[result.outcome]++;
      variation.total++;
    }
    if (pair.expected !== undefined) {
      expectedTotal++;
      if (pair.expected === result.outcome) expectedAgreed++;
    }
    const failed = pair.label === "same" ? result.outcome === "MISMATCH" : result.outcome === "MATCH";
    if (failed) {
      const why = result.fields
        .filter((f) => f.outcome === result.outcome || (pair.label === "different" && f.outcome !== "MATCH"))
        .map((f) => `${f.field}: ${f.explanation}`)
        .join(" | ");
      failures.push({ id: pair.id, outcome: result.outcome, why });
    }
  }
  const ratio = (n: number, d: number): number => (d === 0 ? 0 : n / d);
  return {
    confusion,
    sameNotRejectedRate: ratio(confusion.same.MATCH + confusion.same.REVIEW, confusion.same.total),
    sameMatchRate: ratio(confusion.same.MATCH, confusion.same.total),
    falseMatches: confusion.different.MATCH,
    differentRejectedRate: ratio(confusion.different.MISMATCH, confusion.different.total),
    expectedAgreementRate: ratio(expectedAgreed, expectedTotal),
    byVariation,
    failures,
  };
};
