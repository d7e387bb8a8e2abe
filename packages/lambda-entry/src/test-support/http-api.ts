import type {
  APIGatewayProxyEventV2WithIAMAuthorizer,
  APIGatewayProxyEventV2WithJWTAuthorizer,
} from "aws-lambda";
import type { JwtAccessPolicy } from "../review-access.js";

/** The IAM principals of the review API tests. */
export const PRINCIPALS = {
  reviewerRole: "arn:aws:iam::123456789012:role/onboarding-reviewer",
  dpoRole: "arn:aws:iam::123456789012:role/onboarding-data-protection-officer",
  /** Callers as API Gateway reports them: the STS assumed-role session. */
  alice: "arn:aws:sts::123456789012:assumed-role/onboarding-reviewer/alice@bank.example",
  bob: "arn:aws:sts::123456789012:assumed-role/onboarding-reviewer/bob@bank.example",
  dora: "arn:aws:sts::123456789012:assumed-role/onboarding-data-protection-officer/dora@bank.example",
  /** Same role name, another account: not a reviewer. */
  stranger: "arn:aws:sts::210987654321:assumed-role/onboarding-reviewer/mallory",
  admin: "arn:aws:sts::123456789012:assumed-role/Admin/root-ish",
} as const;

export const ACCESS = {
  reviewers: [PRINCIPALS.reviewerRole],
  dataProtectionOfficers: [PRINCIPALS.dpoRole],
} as const;

/**
 * An API Gateway HTTP API event (payload format 2.0) for an IAM-authorised route, shaped like the
 * documented example: `routeKey` is the route API Gateway matched, `userArn` the SigV4 signer.
 */
export function httpEvent(options: {
  readonly routeKey: string;
  readonly userArn?: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  readonly rawBody?: string;
}): APIGatewayProxyEventV2WithIAMAuthorizer {
  const [method = "GET", template = "/"] = options.routeKey.split(" ");
  const rawPath = template.replace(
    /\{(\w+)\}/g,
    (_all, name: string) => options.pathParameters?.[name] ?? "",
  );
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return {
    version: "2.0",
    routeKey: options.routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { "content-type": "application/json", host: "abc123.execute-api.eu-west-1.amazonaws.com" },
    ...(options.query === undefined ? {} : { queryStringParameters: options.query }),
    ...(options.pathParameters === undefined ? {} : { pathParameters: options.pathParameters }),
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      domainName: "abc123.execute-api.eu-west-1.amazonaws.com",
      domainPrefix: "abc123",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "awscurl" },
      requestId: "request-1",
      routeKey: options.routeKey,
      stage: "$default",
      time: "15/Jan/2026:10:00:00 +0000",
      timeEpoch: 1_768_471_200_000,
      authorizer: {
        iam: {
          accessKey: "ASIAEXAMPLE",
          accountId: options.userArn?.split(":")[4] ?? "",
          callerId: "AROAEXAMPLE:session",
          cognitoIdentity: null as never,
          principalOrgId: "o-example",
          userArn: options.userArn as string,
          userId: "AROAEXAMPLE:session",
        },
      },
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}

/** The JWT access policy of the review API tests: Cognito's claim names, one group per role. */
export const JWT_ACCESS: JwtAccessPolicy = {
  kind: "jwt",
  idClaim: "sub",
  groupsClaim: "cognito:groups",
  reviewerGroups: ["onboarding-reviewers"],
  dataProtectionOfficerGroups: ["onboarding-dpo"],
};

/**
 * Claims of verified tokens as API Gateway hands them to the function: every value a string, an
 * array claim flattened into `[a b]` (and, for the sake of both forms, one caller with a real array).
 */
export const TOKENS = {
  alice: {
    sub: "4f1c2a9e-alice",
    "cognito:groups": "[onboarding-reviewers]",
    iss: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example",
    client_id: "back-office",
    token_use: "access",
    username: "alice@bank.example",
    exp: "1768474800",
  },
  bob: { sub: "7d0b11c3-bob", "cognito:groups": ["staff", "onboarding-reviewers"] },
  dora: { sub: "9a8e77f0-dora", "cognito:groups": "[staff onboarding-dpo]" },
  /** In both groups: reads, decides and erases. */
  pat: { sub: "1e2d3c4b-pat", "cognito:groups": "[onboarding-dpo onboarding-reviewers]" },
  /** Signed in, but in no group that grants a role. */
  mallory: { sub: "0badc0de-mallory", "cognito:groups": "[staff]" },
  /** A token without the id claim (a client-credentials token, say). */
  machine: { client_id: "batch", "cognito:groups": "[onboarding-reviewers]" },
} as const satisfies Record<string, Record<string, string | readonly string[]>>;

/** The token every JWT event carries: it must never reach a log. */
export const BEARER_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0ZjFjMmE5ZS1hbGljZSJ9.c2lnbmF0dXJl";

/**
 * An API Gateway HTTP API event (payload format 2.0) for a JWT-authorised route: the bearer token in
 * the `authorization` header, the claims API Gateway verified in `requestContext.authorizer.jwt`.
 */
export function jwtEvent(
  options: Omit<Parameters<typeof httpEvent>[0], "userArn"> & {
    readonly claims?: Readonly<Record<string, string | readonly string[]>>;
  },
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { claims, ...rest } = options;
  const { requestContext, ...event } = httpEvent(rest);
  const { authorizer: _iam, ...context } = requestContext;
  return {
    ...event,
    headers: { ...event.headers, authorization: `Bearer ${BEARER_TOKEN}` },
    requestContext: {
      ...context,
      http: { ...context.http, userAgent: "back-office-ui" },
      authorizer: {
        principalId: "",
        integrationLatency: 0,
        jwt: { claims: { ...claims } as Record<string, string | string[]>, scopes: null },
      },
    },
  };
}
