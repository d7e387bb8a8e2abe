import { describe, expect, it } from "vitest";
import {
  type Caller,
  callerOf,
  claimValues,
  identifyCaller,
  identifyJwtCaller,
  type JwtAccessPolicy,
} from "./review-access.js";
import { ACCESS, JWT_ACCESS, PRINCIPALS, TOKENS } from "./test-support/http-api.js";

const rolesOf = (caller: Caller | undefined) => (caller === undefined ? undefined : [...caller.roles].sort());

describe("claimValues", () => {
  it.each([
    ["a real array", ["reviewers", "dpo"], ["reviewers", "dpo"]],
    ["API Gateway's flattened array", "[reviewers dpo]", ["reviewers", "dpo"]],
    ["a flattened array of one", "[reviewers]", ["reviewers"]],
    ["a flattened empty array", "[]", []],
    ["a flattened array with odd spacing", "[ reviewers   dpo ]", ["reviewers", "dpo"]],
    [
      "group ids (Entra ID)",
      "[0b9f7f5e-1c1d-4d5e-9f00-000000000001 0b9f7f5e-1c1d-4d5e-9f00-000000000002]",
      ["0b9f7f5e-1c1d-4d5e-9f00-000000000001", "0b9f7f5e-1c1d-4d5e-9f00-000000000002"],
    ],
    ["a plain string: one group, never split", "reviewers dpo", ["reviewers dpo"]],
    ["an empty string", "", []],
    ["an absent claim", undefined, []],
    ["a number", 42, []],
    ["an array with other things in it", ["reviewers", 1, null, { dpo: true }], ["reviewers"]],
  ])("reads %s", (_case, value, groups) => {
    expect(claimValues(value)).toEqual(groups);
  });

  it("cannot tell a group named with a space from two groups once flattened (why names with spaces are refused)", () => {
    // ["team onboarding-reviewers"] and ["team", "onboarding-reviewers"] both arrive as this string.
    expect(claimValues("[team onboarding-reviewers]")).toEqual(["team", "onboarding-reviewers"]);
  });
});

describe("identifyJwtCaller", () => {
  it("names the caller jwt:<sub> and grants the reviewer role from a flattened groups claim", () => {
    const caller = identifyJwtCaller(TOKENS.alice, JWT_ACCESS);

    expect(caller?.id).toBe("jwt:4f1c2a9e-alice");
    expect(rolesOf(caller)).toEqual(["reviewer"]);
  });

  it("reads the groups claim as a real array too", () => {
    expect(rolesOf(identifyJwtCaller(TOKENS.bob, JWT_ACCESS))).toEqual(["reviewer"]);
    expect(
      rolesOf(identifyJwtCaller({ sub: "x", "cognito:groups": ["onboarding-dpo"] }, JWT_ACCESS)),
    ).toEqual(["dataProtectionOfficer"]);
  });

  it("grants both roles to a member of both groups, and the DPO role alone to the DPO group", () => {
    expect(rolesOf(identifyJwtCaller(TOKENS.pat, JWT_ACCESS))).toEqual(["dataProtectionOfficer", "reviewer"]);
    expect(rolesOf(identifyJwtCaller(TOKENS.dora, JWT_ACCESS))).toEqual(["dataProtectionOfficer"]);
  });

  it("identifies a caller in no granting group, without any role (the handler answers 403)", () => {
    const caller = identifyJwtCaller(TOKENS.mallory, JWT_ACCESS);

    expect(caller?.id).toBe("jwt:0badc0de-mallory");
    expect(caller?.roles.size).toBe(0);
    expect(identifyJwtCaller({ sub: "x" }, JWT_ACCESS)?.roles.size).toBe(0);
    // Group names match exactly: no case folding, no prefix match.
    expect(
      identifyJwtCaller({ sub: "x", "cognito:groups": "[Onboarding-Reviewers]" }, JWT_ACCESS)?.roles.size,
    ).toBe(0);
    expect(
      identifyJwtCaller({ sub: "x", "cognito:groups": "[onboarding-reviewers-old]" }, JWT_ACCESS)?.roles.size,
    ).toBe(0);
  });

  it("reads groups from the configured claim only", () => {
    expect(identifyJwtCaller({ sub: "x", groups: "[onboarding-reviewers]" }, JWT_ACCESS)?.roles.size).toBe(0);
    const okta: JwtAccessPolicy = { ...JWT_ACCESS, groupsClaim: "groups", idClaim: "uid" };
    const caller = identifyJwtCaller({ sub: "ignored", uid: "00u1", groups: "[onboarding-reviewers]" }, okta);
    expect(caller?.id).toBe("jwt:00u1");
    expect(rolesOf(caller)).toEqual(["reviewer"]);
  });

  it.each([
    ["no id claim", TOKENS.machine],
    ["no claims at all", undefined],
    ["an empty id", { sub: "", "cognito:groups": "[onboarding-reviewers]" }],
    ["an id with a space", { sub: "alice smith", "cognito:groups": "[onboarding-reviewers]" }],
    [
      "an id with a control character",
      { sub: "alice\nINFO forged", "cognito:groups": "[onboarding-reviewers]" },
    ],
    ["an id that is an array", { sub: ["a", "b"], "cognito:groups": "[onboarding-reviewers]" }],
    ["an id that is a flattened array", { sub: "[a]", "cognito:groups": "[onboarding-reviewers]" }],
    ["an id that is a number", { sub: 42, "cognito:groups": "[onboarding-reviewers]" }],
  ])("has no caller for a token with %s", (_case, claims) => {
    expect(identifyJwtCaller(claims as Record<string, unknown> | undefined, JWT_ACCESS)).toBeUndefined();
  });

  it("refuses, never truncates, an id longer than the 128 characters the audit trail accepts", () => {
    const fits = "s".repeat(128 - "jwt:".length);

    expect(identifyJwtCaller({ sub: fits, "cognito:groups": "[onboarding-reviewers]" }, JWT_ACCESS)?.id).toBe(
      `jwt:${fits}`,
    );
    expect(
      identifyJwtCaller({ sub: `${fits}s`, "cognito:groups": "[onboarding-reviewers]" }, JWT_ACCESS),
    ).toBeUndefined();
  });

  it("reads only the token's own claims, never inherited properties", () => {
    const policy: JwtAccessPolicy = { ...JWT_ACCESS, idClaim: "constructor", groupsClaim: "toString" };

    expect(identifyJwtCaller({ sub: "x" }, policy)).toBeUndefined();
    expect(identifyJwtCaller({ constructor: "x", toString: "[onboarding-reviewers]" }, policy)?.id).toBe(
      "jwt:x",
    );
  });
});

describe("callerOf", () => {
  it("reads the JWT claims with a JWT policy, and ignores an IAM signer", () => {
    expect(callerOf({ jwt: { claims: TOKENS.alice } }, JWT_ACCESS)?.id).toBe("jwt:4f1c2a9e-alice");
    expect(callerOf({ iam: { userArn: PRINCIPALS.alice } }, JWT_ACCESS)).toBeUndefined();
    expect(callerOf(undefined, JWT_ACCESS)).toBeUndefined();
  });

  it("reads the IAM signer with an IAM policy, and ignores JWT claims", () => {
    expect(callerOf({ iam: { userArn: PRINCIPALS.alice } }, ACCESS)).toEqual(
      identifyCaller(PRINCIPALS.alice, ACCESS),
    );
    expect(callerOf({ iam: { userArn: PRINCIPALS.alice } }, ACCESS)?.id).toBe(
      "onboarding-reviewer/alice@bank.example",
    );
    expect(callerOf({ jwt: { claims: TOKENS.alice } }, ACCESS)).toBeUndefined();
    expect(callerOf(null, ACCESS)).toBeUndefined();
  });

  it("gives JWT and IAM callers ids that cannot collide (IAM names cannot contain ':')", () => {
    const iam = callerOf({ iam: { userArn: "arn:aws:sts::123456789012:assumed-role/jwt/x" } }, ACCESS);
    const jwt = callerOf({ jwt: { claims: { sub: "x" } } }, JWT_ACCESS);

    expect(iam?.id).toBe("jwt/x");
    expect(jwt?.id).toBe("jwt:x");
  });
});
