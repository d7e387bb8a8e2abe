import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReviewApiJwtAuth } from "./onboarding-stack.js";
import { type SynthesisedOnboarding, synthOnboarding } from "./testing/synth-onboarding.js";

type Json = Record<string, unknown>;
type Resource = { Type: string; Properties: Json };

const ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example";
const JWT: ReviewApiJwtAuth = {
  kind: "jwt",
  issuer: ISSUER,
  audience: ["back-office", "back-office-cli"],
  groupsClaim: "cognito:groups",
  reviewerGroups: ["onboarding-reviewers", "onboarding-leads"],
  dataProtectionOfficerGroups: ["onboarding-dpo"],
  allowedOrigins: ["https://backoffice.bank.example"],
};

const resourcesOf = (synth: SynthesisedOnboarding, type: string): Record<string, Resource> =>
  synth.template.findResources(type) as Record<string, Resource>;
const ref = (synth: SynthesisedOnboarding, construct: { node: { defaultChild?: unknown } }) => ({
  Ref: synth.stack.getLogicalId(construct.node.defaultChild as never),
});
const reviewApiEnv = (synth: SynthesisedOnboarding): Json => {
  const resource = synth.template.toJSON().Resources[
    synth.stack.getLogicalId(synth.stack.reviewApiFunction.node.defaultChild as never)
  ] as Resource;
  return (resource.Properties.Environment as { Variables: Json }).Variables;
};
const accessLogFormat = (synth: SynthesisedOnboarding): string => {
  const stages = Object.values(resourcesOf(synth, "AWS::ApiGatewayV2::Stage"));
  expect(stages).toHaveLength(1);
  return String((stages[0]?.Properties.AccessLogSettings as { Format?: string } | undefined)?.Format);
};

/** What cdk-nag reports with nothing acknowledged, and what the stack acknowledges (see nag.test.ts). */
function nagAudit(synth: SynthesisedOnboarding) {
  const pack = new AwsSolutionsChecks();
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  const findings = pack.validateScope(synth.app).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      id: violation.ruleName,
      path: resource.constructPath ?? "",
    })),
  );
  const acks = synth.app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ""),
          path: construct.node.path,
          reason,
        })),
      ),
  );
  const covers = (ack: (typeof acks)[number], finding: (typeof findings)[number]) =>
    ack.id === finding.id && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));
  return {
    acks,
    unacknowledged: findings.filter((finding) => !acks.some((ack) => covers(ack, finding))),
    stale: acks.filter((ack) => !findings.some((finding) => covers(ack, finding))),
  };
}

describe("review API with a JWT authorizer", () => {
  let synth: SynthesisedOnboarding;
  beforeAll(() => {
    // Throws on any unacknowledged cdk-nag finding.
    synth = synthOnboarding({ reviewApiAuth: JWT });
  });
  afterAll(() => synth?.dispose());

  it("has one JWT authorizer: the issuer, the audiences, the token from the Authorization header", () => {
    const authorizers = Object.values(resourcesOf(synth, "AWS::ApiGatewayV2::Authorizer"));

    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]?.Properties).toMatchObject({
      ApiId: ref(synth, synth.stack.reviewApi),
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: { Issuer: ISSUER, Audience: ["back-office", "back-office-cli"] },
    });
  });

  it("puts every route behind it", () => {
    const [authorizerId] = Object.keys(resourcesOf(synth, "AWS::ApiGatewayV2::Authorizer"));
    const routes = Object.values(resourcesOf(synth, "AWS::ApiGatewayV2::Route")).map((r) => r.Properties);

    expect(routes.map((route) => route.RouteKey).sort()).toEqual([
      "GET /applications",
      "GET /applications/{id}",
      "POST /applications/{id}/decision",
      "POST /applications/{id}/erasure",
    ]);
    for (const route of routes) {
      expect(route.AuthorizationType).toBe("JWT");
      expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
    }
  });

  it("gives the function the groups and claim names, not the IAM principal lists, all named in .env.example", () => {
    const env = reviewApiEnv(synth);

    expect(env).toMatchObject({
      REVIEW_API_AUTH: "jwt",
      REVIEWER_GROUPS: "onboarding-reviewers,onboarding-leads",
      DATA_PROTECTION_OFFICER_GROUPS: "onboarding-dpo",
      JWT_GROUPS_CLAIM: "cognito:groups",
      JWT_ID_CLAIM: "sub",
    });
    expect(env).not.toHaveProperty("REVIEWER_PRINCIPALS");
    expect(env).not.toHaveProperty("DATA_PROTECTION_OFFICER_PRINCIPALS");
    // The JWT variables are commented lines of .env.example (its sample runs in IAM mode).
    const example = readFileSync(
      resolve(import.meta.dirname, "..", "..", "lambda-entry", ".env.example"),
      "utf8",
    );
    const named = [...example.matchAll(/^(?:#\s*)?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(Object.keys(env).filter((name) => !named.includes(name))).toEqual([]);
  });

  it("logs the id claim as the caller in the access logs, and no other claim", () => {
    const format = JSON.parse(accessLogFormat(synth)) as Record<string, string>;

    expect(format.caller).toBe("$context.authorizer.claims.sub");
    expect(accessLogFormat(synth).match(/\$context\.authorizer\.claims\.\w+/g)).toEqual([
      "$context.authorizer.claims.sub",
    ]);
    expect(accessLogFormat(synth)).not.toMatch(/\$context\.(path|querystring)|header/i);
  });

  it("answers the back-office UI's CORS preflight for its origin only", () => {
    const [api] = Object.values(resourcesOf(synth, "AWS::ApiGatewayV2::Api"));

    expect(api?.Properties.CorsConfiguration).toEqual({
      AllowOrigins: ["https://backoffice.bank.example"],
      AllowMethods: ["GET", "POST"],
      AllowHeaders: ["authorization", "content-type"],
      MaxAge: 600,
    });
  });

  it("keeps cdk-nag clean with no new acknowledgement (APIG4 is satisfied by the JWT authorizer)", () => {
    const { acks, unacknowledged, stale } = nagAudit(synth);

    expect(unacknowledged).toEqual([]);
    expect(stale).toEqual([]);
    expect(acks.filter((ack) => /ReviewApi(?!Function)/.test(ack.path))).toEqual([]);
    expect(acks.filter((ack) => ack.id.startsWith("AwsSolutions-APIG"))).toEqual([]);
  });

  it("takes other claims, defaults the rest, and sets no CORS without origins", () => {
    const other = synthOnboarding({
      reviewApiAuth: {
        kind: "jwt",
        issuer: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
        audience: ["api://onboarding-review"],
        idClaim: "oid",
        reviewerGroups: ["0b9f7f5e-1c1d-4d5e-9f00-000000000001"],
        dataProtectionOfficerGroups: [],
      },
    });
    try {
      expect(reviewApiEnv(other)).toMatchObject({
        JWT_GROUPS_CLAIM: "groups",
        JWT_ID_CLAIM: "oid",
        DATA_PROTECTION_OFFICER_GROUPS: "",
      });
      expect(JSON.parse(accessLogFormat(other)).caller).toBe("$context.authorizer.claims.oid");
      const [api] = Object.values(resourcesOf(other, "AWS::ApiGatewayV2::Api"));
      expect(api?.Properties.CorsConfiguration).toBeUndefined();
    } finally {
      other.dispose();
    }
  });
});

describe("review API authorization options checked at synth", () => {
  const jwt = (change: Partial<ReviewApiJwtAuth>) => () =>
    synthOnboarding({ reviewApiAuth: { ...JWT, ...change } });

  it.each([
    [
      { issuer: "http://cognito-idp.eu-west-1.amazonaws.com/x" },
      "reviewApiAuth.issuer: http://cognito-idp.eu-west-1.amazonaws.com/x is not an https URL (without query or fragment)",
    ],
    [{ issuer: "cognito" }, "reviewApiAuth.issuer: cognito is not an https URL"],
    [{ issuer: `${ISSUER}?tenant=1` }, "is not an https URL (without query or fragment)"],
    [{ audience: [] }, "reviewApiAuth.audience must list at least one audience"],
    [{ audience: ["back-office", " "] }, "reviewApiAuth.audience: an audience must not be empty"],
    [
      { idClaim: "cognito:username" },
      "reviewApiAuth.idClaim: cognito:username is not a claim name of letters, digits and underscores",
    ],
    [
      { groupsClaim: "my groups" },
      'reviewApiAuth.groupsClaim: "my groups" is not a claim name without spaces',
    ],
    [
      { reviewerGroups: ["onboarding reviewers"] },
      'reviewApiAuth.reviewerGroups: "onboarding reviewers" is not a usable group name (no spaces, brackets or commas: API Gateway flattens an array claim into "[a b]")',
    ],
    [
      { dataProtectionOfficerGroups: ["dpo,legal"] },
      'reviewApiAuth.dataProtectionOfficerGroups: "dpo,legal" is not a usable group name',
    ],
    [
      { allowedOrigins: ["https://backoffice.bank.example/"] },
      "reviewApiAuth.allowedOrigins: https://backoffice.bank.example/ is not an origin (https://host[:port], or http://localhost[:port])",
    ],
    [{ allowedOrigins: ["http://backoffice.bank.example"] }, "is not an origin"],
    [{ allowedOrigins: ["*"] }, "reviewApiAuth.allowedOrigins: * is not an origin"],
  ])("refuses %o", (change, message) => {
    expect(jwt(change)).toThrow(message);
  });

  it("accepts a local UI's origin and an issuer with a trailing slash (Auth0's)", () => {
    expect(() =>
      jwt({ issuer: "https://bank.eu.auth0.com/", allowedOrigins: ["http://localhost:5173"] })().dispose(),
    ).not.toThrow();
  });

  it("refuses the IAM principal lists beside a JWT authorizer, naming where the roles come from", () => {
    const message =
      'reviewerPrincipals and dataProtectionOfficerPrincipals apply to reviewApiAuth kind "iam": with kind "jwt", the roles come from reviewApiAuth.reviewerGroups and reviewApiAuth.dataProtectionOfficerGroups';
    expect(() =>
      synthOnboarding({
        reviewApiAuth: JWT,
        reviewerPrincipals: ["arn:aws:iam::123456789012:role/onboarding-reviewer"],
      }),
    ).toThrow(message);
    expect(() =>
      synthOnboarding({
        reviewApiAuth: JWT,
        dataProtectionOfficerPrincipals: ["arn:aws:iam::123456789012:role/dpo"],
      }),
    ).toThrow(message);
  });

  it("refuses an unknown kind (a caller without the types)", () => {
    expect(() => synthOnboarding({ reviewApiAuth: { kind: "cognito" } as never })).toThrow(
      'reviewApiAuth.kind must be "iam" or "jwt"',
    );
  });
});

describe("review API with IAM authorization and invoke policies", () => {
  let synth: SynthesisedOnboarding;
  beforeAll(() => {
    synth = synthOnboarding({
      reviewApiAuth: { kind: "iam", invokePolicies: true },
      reviewerPrincipals: ["arn:aws:iam::123456789012:role/onboarding-reviewer"],
    });
  });
  afterAll(() => synth?.dispose());

  const routeArn = (route: string) => ({
    "Fn::Join": [
      "",
      [
        "arn:",
        { Ref: "AWS::Partition" },
        ":execute-api:",
        { Ref: "AWS::Region" },
        ":",
        { Ref: "AWS::AccountId" },
        ":",
        ref(synth, synth.stack.reviewApi),
        `/$default/${route}`,
      ],
    ],
  });

  it("keeps IAM on every route and the principal lists in the function's environment", () => {
    const routes = Object.values(resourcesOf(synth, "AWS::ApiGatewayV2::Route"));
    expect(routes.map((route) => route.Properties.AuthorizationType)).toEqual(Array(4).fill("AWS_IAM"));
    expect(Object.keys(resourcesOf(synth, "AWS::ApiGatewayV2::Authorizer"))).toEqual([]);
    expect(reviewApiEnv(synth)).toMatchObject({
      REVIEWER_PRINCIPALS: "arn:aws:iam::123456789012:role/onboarding-reviewer",
      DATA_PROTECTION_OFFICER_PRINCIPALS: "",
    });
    expect(reviewApiEnv(synth)).not.toHaveProperty("REVIEW_API_AUTH");
  });

  it("creates one managed policy per role, allowing execute-api:Invoke on exactly that role's routes", () => {
    const policyOf = (policy: unknown) =>
      (
        synth.template.toJSON().Resources[
          synth.stack.getLogicalId((policy as { node: { defaultChild: never } }).node.defaultChild)
        ] as Resource
      ).Properties.PolicyDocument;

    expect(policyOf(synth.stack.reviewerInvokePolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "InvokeReviewApiRoutes",
          Effect: "Allow",
          Action: "execute-api:Invoke",
          Resource: [
            routeArn("GET/applications"),
            routeArn("GET/applications/*"),
            routeArn("POST/applications/*/decision"),
          ],
        },
      ],
    });
    expect(policyOf(synth.stack.dataProtectionOfficerInvokePolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "InvokeReviewApiRoutes",
          Effect: "Allow",
          Action: "execute-api:Invoke",
          Resource: [
            routeArn("GET/applications"),
            routeArn("GET/applications/*"),
            routeArn("POST/applications/*/erasure"),
          ],
        },
      ],
    });
    // Attached to nothing: the reviewers' roles or permission sets attach them.
    for (const policy of Object.values(resourcesOf(synth, "AWS::IAM::ManagedPolicy")))
      expect(policy.Properties).not.toHaveProperty("Roles");
    expect(Object.keys(resourcesOf(synth, "AWS::IAM::ManagedPolicy"))).toHaveLength(2);
  });

  it("outputs the two policies' ARNs", () => {
    const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>;

    expect(outputs.ReviewerInvokePolicyArn?.Value).toEqual(
      ref(synth, synth.stack.reviewerInvokePolicy as never),
    );
    expect(outputs.DataProtectionOfficerInvokePolicyArn?.Value).toEqual(
      ref(synth, synth.stack.dataProtectionOfficerInvokePolicy as never),
    );
  });

  it("acknowledges only the application id wildcard of each policy, each with its reason", () => {
    const { acks, unacknowledged, stale } = nagAudit(synth);
    const api = synth.stack.getLogicalId(synth.stack.reviewApi.node.defaultChild as never);
    const arn = (route: string) =>
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${api}>/$default/${route}]`;

    expect(unacknowledged).toEqual([]);
    expect(stale).toEqual([]);
    expect(
      acks
        .filter((ack) => ack.path.endsWith("InvokePolicy"))
        .map((ack) => `${ack.path} ${ack.id}`)
        .sort(),
    ).toEqual(
      [
        `Onboarding/ReviewerInvokePolicy ${arn("GET/applications/*")}`,
        `Onboarding/ReviewerInvokePolicy ${arn("POST/applications/*/decision")}`,
        `Onboarding/DataProtectionOfficerInvokePolicy ${arn("GET/applications/*")}`,
        `Onboarding/DataProtectionOfficerInvokePolicy ${arn("POST/applications/*/erasure")}`,
      ].sort(),
    );
    for (const ack of acks.filter((a) => a.path.endsWith("InvokePolicy")))
      expect(ack.reason).toMatch(/application id.*this API, its \$default stage/s);
  });

  it("creates no policy, output or CORS configuration by default: kind iam is the stack without the prop", () => {
    const plain = synthOnboarding({ reviewApiAuth: { kind: "iam" } });
    const unset = synthOnboarding();
    try {
      expect(plain.template.toJSON()).toEqual(unset.template.toJSON());
      expect(Object.keys(resourcesOf(plain, "AWS::IAM::ManagedPolicy"))).toEqual([]);
      expect(Object.keys(plain.template.toJSON().Outputs ?? {})).not.toContain("ReviewerInvokePolicyArn");
      const [api] = Object.values(resourcesOf(plain, "AWS::ApiGatewayV2::Api"));
      expect(api?.Properties.CorsConfiguration).toBeUndefined();
      expect(plain.stack.reviewerInvokePolicy).toBeUndefined();
    } finally {
      plain.dispose();
      unset.dispose();
    }
  });
});
