import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadIntakeConfig, loadRetentionJobConfig, loadReviewApiConfig, loadWorkerConfig } from "./config.js";

/** `.env.example`: the contract with the CDK stack, and a valid environment. */
const example: Record<string, string> = Object.fromEntries(
  readFileSync(new URL("../.env.example", import.meta.url), "utf8")
    .split("\n")
    .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1], m[2]]),
);

const without = (name: string): Record<string, string> => {
  const { [name]: _omitted, ...rest } = example;
  return rest;
};

const INTAKE_VARIABLES = [
  "AWS_REGION",
  "DOCUMENT_BUCKET",
  "UPLOAD_PREFIX",
  "DOCUMENTS_PREFIX",
  "APPLICATIONS_TABLE",
  "APPLICATION_RETENTION_DAYS",
  "VALIDATION_QUEUE_URL",
  "NOTIFICATION_TOPIC_ARN",
  "FACE_PASS_SIMILARITY",
  "FACE_REVIEW_SIMILARITY",
  "CUSTOMER_REF_KEY_SECRET_ARN",
];
const WORKER_VARIABLES = [
  "AWS_REGION",
  "APPLICATIONS_TABLE",
  "APPLICATION_RETENTION_DAYS",
  "VALIDATION_QUEUE_URL",
  "NOTIFICATION_TOPIC_ARN",
  "LICENSE_VALIDATION_API_URL",
  "LICENSE_VALIDATION_TIMEOUT_MS",
];

describe("loadIntakeConfig", () => {
  it("reads .env.example", () => {
    expect(loadIntakeConfig(example)).toEqual({
      region: "eu-west-1",
      bucket: "onboarding-documents-123456789012-eu-west-1",
      uploadPrefix: "uploads/",
      documentsPrefix: "applications/",
      tableName: "onboarding-applications",
      retentionDays: 2555,
      validationQueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/onboarding-license-validation",
      notificationTopicArn: "arn:aws:sns:eu-west-1:123456789012:onboarding-notifications",
      facePassSimilarity: 95,
      faceReviewSimilarity: 80,
      customerRefKey: {
        kind: "secret",
        secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:onboarding-customer-ref-key-AbCdEf",
      },
    });
  });

  it("takes the customer reference key from CUSTOMER_REF_KEY for local runs, never with the secret too", () => {
    const key = "local-only-customer-reference-key-0123456789";
    expect(
      loadIntakeConfig({ ...without("CUSTOMER_REF_KEY_SECRET_ARN"), CUSTOMER_REF_KEY: key }),
    ).toMatchObject({
      customerRefKey: { kind: "environment", key },
    });
    expect(() => loadIntakeConfig({ ...example, CUSTOMER_REF_KEY: key })).toThrow(
      "configuration invalid: set CUSTOMER_REF_KEY_SECRET_ARN or CUSTOMER_REF_KEY, not both",
    );
    expect(() =>
      loadIntakeConfig({ ...without("CUSTOMER_REF_KEY_SECRET_ARN"), CUSTOMER_REF_KEY: "short" }),
    ).toThrow("configuration invalid: CUSTOMER_REF_KEY must be at least 32 characters");
  });

  it("never echoes the customer reference key in its messages", () => {
    const key = "too-short-secret";
    let message = "";
    try {
      loadIntakeConfig({ ...without("CUSTOMER_REF_KEY_SECRET_ARN"), CUSTOMER_REF_KEY: key });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("CUSTOMER_REF_KEY");
    expect(message).not.toContain(key);
  });

  it.each(INTAKE_VARIABLES)("fails with one message naming %s when it is missing", (name) => {
    expect(() => loadIntakeConfig(without(name))).toThrow(`configuration invalid: ${name} is required`);
  });

  it("names every variable at fault in one message, with the fault code", () => {
    const env = {
      ...without("DOCUMENT_BUCKET"),
      VALIDATION_QUEUE_URL: "not a url",
      FACE_PASS_SIMILARITY: "high",
    };
    let caught: unknown;
    try {
      loadIntakeConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: "CONFIGURATION_INVALID",
      message:
        "configuration invalid: DOCUMENT_BUCKET is required; VALIDATION_QUEUE_URL must be an http(s) URL; " +
        "FACE_PASS_SIMILARITY must be a number",
    });
  });

  it.each([
    [{ APPLICATION_RETENTION_DAYS: "0" }, "APPLICATION_RETENTION_DAYS must be positive"],
    [{ APPLICATION_RETENTION_DAYS: "1.5" }, "APPLICATION_RETENTION_DAYS must be a whole number"],
    [{ FACE_PASS_SIMILARITY: "120" }, "FACE_PASS_SIMILARITY must be between 0 and 100"],
    [{ FACE_REVIEW_SIMILARITY: "97" }, "FACE_REVIEW_SIMILARITY must not be above FACE_PASS_SIMILARITY"],
    [{ NOTIFICATION_TOPIC_ARN: "onboarding" }, "NOTIFICATION_TOPIC_ARN must be an SNS topic ARN"],
    [{ DOCUMENTS_PREFIX: "uploads/documents/" }, "DOCUMENTS_PREFIX must not overlap UPLOAD_PREFIX"],
    [{ UPLOAD_PREFIX: "applications/in/" }, "DOCUMENTS_PREFIX must not overlap UPLOAD_PREFIX"],
    [{ DOCUMENTS_PREFIX: "applications" }, "DOCUMENTS_PREFIX must end with /"],
    [{ UPLOAD_PREFIX: "" }, "UPLOAD_PREFIX is required"],
    [{ DOCUMENT_BUCKET: "  " }, "DOCUMENT_BUCKET is required"],
  ])("refuses %o: %s", (change, message) => {
    expect(() => loadIntakeConfig({ ...example, ...change })).toThrow(`configuration invalid: ${message}`);
  });

  it("does not need the worker's variables", () => {
    expect(() =>
      loadIntakeConfig({ ...without("LICENSE_VALIDATION_API_URL"), LICENSE_VALIDATION_TIMEOUT_MS: "" }),
    ).not.toThrow();
  });
});

describe("loadWorkerConfig", () => {
  it("reads .env.example", () => {
    expect(loadWorkerConfig(example)).toEqual({
      region: "eu-west-1",
      tableName: "onboarding-applications",
      retentionDays: 2555,
      validationQueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/onboarding-license-validation",
      notificationTopicArn: "arn:aws:sns:eu-west-1:123456789012:onboarding-notifications",
      licenseApiUrl: "https://license-validation.example.com",
      licenseApiTimeoutMs: 5000,
    });
  });

  it.each(WORKER_VARIABLES)("fails with one message naming %s when it is missing", (name) => {
    expect(() => loadWorkerConfig(without(name))).toThrow(`configuration invalid: ${name} is required`);
  });

  it("does not need the bucket, the prefixes or the face thresholds", () => {
    const env = Object.fromEntries(
      Object.entries(example).filter(([name]) => WORKER_VARIABLES.includes(name)),
    );
    expect(() => loadWorkerConfig(env)).not.toThrow();
  });
});

describe("loadReviewApiConfig", () => {
  it("reads .env.example, with the principal lists split on commas", () => {
    expect(
      loadReviewApiConfig({
        ...example,
        REVIEWER_PRINCIPALS:
          "arn:aws:iam::123456789012:role/onboarding-reviewer, arn:aws:iam::123456789012:user/ops/alice",
      }),
    ).toEqual({
      region: "eu-west-1",
      tableName: "onboarding-applications",
      retentionDays: 2555,
      bucket: "onboarding-documents-123456789012-eu-west-1",
      documentsPrefix: "applications/",
      validationQueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/onboarding-license-validation",
      notificationTopicArn: "arn:aws:sns:eu-west-1:123456789012:onboarding-notifications",
      reviewerPrincipals: [
        "arn:aws:iam::123456789012:role/onboarding-reviewer",
        "arn:aws:iam::123456789012:user/ops/alice",
      ],
      dataProtectionOfficerPrincipals: ["arn:aws:iam::123456789012:role/onboarding-data-protection-officer"],
    });
  });

  it("reads an empty or absent principal list as nobody", () => {
    const config = loadReviewApiConfig({
      ...without("REVIEWER_PRINCIPALS"),
      DATA_PROTECTION_OFFICER_PRINCIPALS: "",
    });
    expect(config.reviewerPrincipals).toEqual([]);
    expect(config.dataProtectionOfficerPrincipals).toEqual([]);
  });

  it("refuses a principal that is not an IAM role or user ARN", () => {
    expect(() =>
      loadReviewApiConfig({ ...example, REVIEWER_PRINCIPALS: "arn:aws:iam::123456789012:root" }),
    ).toThrow(
      "configuration invalid: REVIEWER_PRINCIPALS must list IAM role or user ARNs, separated by commas",
    );
  });

  it.each(["APPLICATIONS_TABLE", "DOCUMENT_BUCKET", "VALIDATION_QUEUE_URL", "NOTIFICATION_TOPIC_ARN"])(
    "fails with one message naming %s when it is missing",
    (name) => {
      expect(() => loadReviewApiConfig(without(name))).toThrow(`configuration invalid: ${name} is required`);
    },
  );
});

describe("loadReviewApiConfig in JWT mode", () => {
  const JWT_VARIABLES = [
    "REVIEW_API_AUTH",
    "REVIEWER_GROUPS",
    "DATA_PROTECTION_OFFICER_GROUPS",
    "JWT_GROUPS_CLAIM",
    "JWT_ID_CLAIM",
  ];
  /** The commented JWT lines of `.env.example`, as its comment says to run them: without the principals. */
  const jwtExample: Record<string, string> = {
    ...Object.fromEntries(Object.entries(example).filter(([name]) => !name.endsWith("_PRINCIPALS"))),
    ...Object.fromEntries(
      readFileSync(new URL("../.env.example", import.meta.url), "utf8")
        .split("\n")
        .map((line) => /^#\s*([A-Z][A-Z0-9_]*)=(\S*)$/.exec(line.trim()))
        .filter((m): m is RegExpExecArray => m !== null && JWT_VARIABLES.includes(m[1] ?? ""))
        .map((m) => [m[1], m[2]]),
    ),
  };
  const jwtWithout = (name: string): Record<string, string> => {
    const { [name]: _omitted, ...rest } = jwtExample;
    return rest;
  };

  it("reads the commented JWT sample of .env.example", () => {
    expect(Object.keys(jwtExample)).toEqual(expect.arrayContaining(JWT_VARIABLES));
    expect(loadReviewApiConfig(jwtExample)).toEqual({
      region: "eu-west-1",
      tableName: "onboarding-applications",
      retentionDays: 2555,
      bucket: "onboarding-documents-123456789012-eu-west-1",
      documentsPrefix: "applications/",
      validationQueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/onboarding-license-validation",
      notificationTopicArn: "arn:aws:sns:eu-west-1:123456789012:onboarding-notifications",
      reviewerPrincipals: [],
      dataProtectionOfficerPrincipals: [],
      jwt: {
        idClaim: "sub",
        groupsClaim: "groups",
        reviewerGroups: ["onboarding-reviewers"],
        dataProtectionOfficerGroups: ["onboarding-data-protection-officers"],
      },
    });
  });

  it("splits the group lists on commas, reads an empty list as nobody, and defaults the claims", () => {
    const config = loadReviewApiConfig({
      ...jwtWithout("JWT_ID_CLAIM"),
      JWT_GROUPS_CLAIM: "",
      REVIEWER_GROUPS: " onboarding-reviewers , 0b9f7f5e-1c1d-4d5e-9f00-000000000001,",
      DATA_PROTECTION_OFFICER_GROUPS: "",
    });

    expect(config.jwt).toEqual({
      idClaim: "sub",
      groupsClaim: "groups",
      reviewerGroups: ["onboarding-reviewers", "0b9f7f5e-1c1d-4d5e-9f00-000000000001"],
      dataProtectionOfficerGroups: [],
    });
  });

  it("takes other claim names, Cognito's for instance", () => {
    const config = loadReviewApiConfig({
      ...jwtExample,
      JWT_GROUPS_CLAIM: "cognito:groups",
      JWT_ID_CLAIM: "username",
    });

    expect(config.jwt).toMatchObject({ groupsClaim: "cognito:groups", idClaim: "username" });
  });

  it("is IAM when REVIEW_API_AUTH is absent, empty or iam: no jwt settings", () => {
    expect(loadReviewApiConfig(example).jwt).toBeUndefined();
    expect(loadReviewApiConfig({ ...example, REVIEW_API_AUTH: "" }).jwt).toBeUndefined();
    expect(loadReviewApiConfig({ ...example, REVIEW_API_AUTH: "iam" })).toEqual(loadReviewApiConfig(example));
  });

  it.each(["REVIEWER_PRINCIPALS", "DATA_PROTECTION_OFFICER_PRINCIPALS"])(
    "refuses %s beside REVIEW_API_AUTH=jwt, even empty",
    (name) => {
      expect(() => loadReviewApiConfig({ ...jwtExample, [name]: example[name] ?? "" })).toThrow(
        `configuration invalid: ${name} must not be set when REVIEW_API_AUTH is jwt`,
      );
      expect(() => loadReviewApiConfig({ ...jwtExample, [name]: "" })).toThrow(`${name} must not be set`);
    },
  );

  it.each(["REVIEWER_GROUPS", "DATA_PROTECTION_OFFICER_GROUPS", "JWT_GROUPS_CLAIM", "JWT_ID_CLAIM"])(
    "refuses %s in IAM mode rather than ignore it",
    (name) => {
      expect(() => loadReviewApiConfig({ ...example, [name]: jwtExample[name] ?? "" })).toThrow(
        `configuration invalid: ${name} is only read when REVIEW_API_AUTH is jwt`,
      );
    },
  );

  it.each(["REVIEWER_GROUPS", "DATA_PROTECTION_OFFICER_GROUPS"])(
    "fails with one message naming %s when it is missing in JWT mode",
    (name) => {
      expect(() => loadReviewApiConfig(jwtWithout(name))).toThrow(
        `configuration invalid: ${name} is required when REVIEW_API_AUTH is jwt (empty for nobody)`,
      );
    },
  );

  it.each([
    [{ REVIEW_API_AUTH: "cognito" }, "REVIEW_API_AUTH must be iam or jwt"],
    [
      { REVIEWER_GROUPS: "onboarding reviewers" },
      "REVIEWER_GROUPS must list group names without spaces, brackets or commas, separated by commas",
    ],
    [
      { DATA_PROTECTION_OFFICER_GROUPS: "[dpo]" },
      "DATA_PROTECTION_OFFICER_GROUPS must list group names without spaces, brackets or commas, separated by commas",
    ],
    [
      { JWT_ID_CLAIM: "cognito:username" },
      "JWT_ID_CLAIM must be a claim name of letters, digits and underscores",
    ],
    [{ JWT_GROUPS_CLAIM: "my groups" }, "JWT_GROUPS_CLAIM must be a claim name without spaces"],
  ])("refuses %o: %s", (change, message) => {
    expect(() => loadReviewApiConfig({ ...jwtExample, ...change })).toThrow(
      `configuration invalid: ${message}`,
    );
  });
});

describe("loadRetentionJobConfig", () => {
  it("reads .env.example", () => {
    expect(loadRetentionJobConfig(example)).toEqual({
      region: "eu-west-1",
      tableName: "onboarding-applications",
      retentionDays: 2555,
      bucket: "onboarding-documents-123456789012-eu-west-1",
      documentsPrefix: "applications/",
      piiRetentionDays: 1825,
    });
  });

  it("defaults PII_RETENTION_DAYS to DEFAULT_RETENTION.piiDays and keeps it within the record's retention", () => {
    expect(loadRetentionJobConfig(without("PII_RETENTION_DAYS")).piiRetentionDays).toBe(1825);
    expect(() => loadRetentionJobConfig({ ...example, PII_RETENTION_DAYS: "3000" })).toThrow(
      "configuration invalid: PII_RETENTION_DAYS must not be above APPLICATION_RETENTION_DAYS",
    );
    expect(() => loadRetentionJobConfig({ ...example, PII_RETENTION_DAYS: "-1" })).toThrow(
      "configuration invalid: PII_RETENTION_DAYS must be positive",
    );
  });
});
