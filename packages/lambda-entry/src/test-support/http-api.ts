import type { APIGatewayProxyEventV2WithIAMAuthorizer } from "aws-lambda";

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
