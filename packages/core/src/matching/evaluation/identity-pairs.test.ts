import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareIdentity } from "../compare-identity.js";
import { evaluateIdentityPairs } from "./evaluate-identity-pairs.js";
import { generateIdentityPairs, type IdentityPairSet } from "./generate-identity-pairs.js";

const FILE = new URL("./identity-pairs.json", import.meta.url);
const generated = generateIdentityPairs();
if (process.env.UPDATE_IDENTITY_PAIRS === "1") writeFileSync(FILE, `${JSON.stringify(generated, null, 2)}\n`);
const committed = JSON.parse(readFileSync(FILE, "utf8")) as IdentityPairSet;

describe("identity-pairs.json (labelled evaluation set)", () => {
  it("is what the seeded generator produces", () => {
    expect(committed).toEqual(generated);
  });

  it("has at least 300 pairs of both labels, unique ids", () => {
    const ids = new Set(committed.pairs.map((p) => p.id));

    expect(committed.pairs.length).toBeGreaterThanOrEqual(300);
    expect(ids.size).toBe(committed.pairs.length);
    expect(committed.pairs.filter((p) => p.label === "same").length).toBeGreaterThanOrEqual(150);
    expect(committed.pairs.filter((p) => p.label === "different").length).toBeGreaterThanOrEqual(150);
  });
});

describe("compareIdentity over the evaluation set", () => {
  const report = evaluateIdentityPairs(committed, compareIdentity);

  it("never MATCHes a different person", () => {
    expect(report.failures.filter((f) => f.outcome === "MATCH")).toEqual([]);
    expect(report.falseMatches).toBe(0);
  });

  it("does not reject at least 98% of same-person variants (MATCH or REVIEW)", () => {
    expect(report.sameNotRejectedRate).toBeGreaterThanOrEqual(0.98);
  });
});
