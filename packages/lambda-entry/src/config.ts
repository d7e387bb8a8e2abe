import { DEFAULT_RETENTION, OnboardingFault } from "@onboarding/core";
import * as z from "zod/mini";

/**
 * The environment of each function, parsed once at cold start. Names are the contract with the
 * CDK stack: `.env.example` lists every one with a sample value. Each handler asks only for its
 * own subset, so the worker never needs the bucket and intake never needs the license API.
 */

const required = (name: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${name} is required` : undefined) });

const text = (name: string) => required(name).check(z.trim(), z.minLength(1, `${name} is required`));

const url = (name: string) =>
  z.pipe(text(name), z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL` }));

const positiveInt = (name: string) =>
  z.pipe(
    text(name),
    z.coerce
      .number<string>({ error: `${name} must be a number` })
      .check(z.int(`${name} must be a whole number`), z.positive(`${name} must be positive`)),
  );

const similarity = (name: string) =>
  z.pipe(
    text(name),
    z.coerce
      .number<string>({ error: `${name} must be a number` })
      .check(z.gte(0, `${name} must be between 0 and 100`), z.lte(100, `${name} must be between 0 and 100`)),
  );

/** An S3 key prefix: not empty (the whole bucket would include the function's own writes). */
const prefix = (name: string) =>
  text(name).check(z.refine((p: string) => !p.startsWith("/"), `${name} must not start with /`));

/** A prefix of the documents the function writes: it ends with `/`. */
const documentsPrefix = prefix("DOCUMENTS_PREFIX").check(
  z.refine((p: string) => p.endsWith("/"), "DOCUMENTS_PREFIX must end with /"),
);

const region = text("AWS_REGION");

/** An optional whole number of days, `fallback` when the variable is absent or empty. */
const optionalDays = (name: string, fallback: number) =>
  z.pipe(
    z.pipe(
      z.optional(z.string().check(z.trim())),
      z.transform((value: string | undefined) =>
        value === undefined || value === "" ? String(fallback) : value,
      ),
    ),
    positiveInt(name),
  );

/** The HMAC key of the customer reference must be long enough to resist guessing (32 characters or more). */
export const MIN_CUSTOMER_REF_KEY_LENGTH = 32;

/**
 * Where the key of the pseudonymous customer reference comes from: a Secrets Manager secret (what
 * the stack deploys: the key never sits in the function's configuration), or, for local runs only,
 * the key itself in `CUSTOMER_REF_KEY`. Exactly one of the two.
 */
const customerRefKeySchema = z
  .object({
    CUSTOMER_REF_KEY_SECRET_ARN: z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.regex(
            /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/,
            "CUSTOMER_REF_KEY_SECRET_ARN must be a Secrets Manager secret ARN",
          ),
        ),
    ),
    CUSTOMER_REF_KEY: z.optional(
      z
        .string()
        .check(
          z.minLength(
            MIN_CUSTOMER_REF_KEY_LENGTH,
            `CUSTOMER_REF_KEY must be at least ${MIN_CUSTOMER_REF_KEY_LENGTH} characters`,
          ),
        ),
    ),
  })
  .check(
    z.superRefine((env, ctx) => {
      const set = [env.CUSTOMER_REF_KEY_SECRET_ARN, env.CUSTOMER_REF_KEY].filter((v) => v !== undefined);
      if (set.length !== 1)
        ctx.addIssue({
          code: "custom",
          path: ["CUSTOMER_REF_KEY_SECRET_ARN"],
          message:
            set.length === 0
              ? "CUSTOMER_REF_KEY_SECRET_ARN is required (or CUSTOMER_REF_KEY, for local runs only)"
              : "set CUSTOMER_REF_KEY_SECRET_ARN or CUSTOMER_REF_KEY, not both",
        });
    }),
  );

/** A comma-separated list (empty means none); `undefined` when the variable is absent. */
const list = (pattern: RegExp, message: string) =>
  z.optional(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((value: string) =>
          value
            .split(",")
            .map((item) => item.trim())
            .filter((item) => item !== ""),
        ),
      ),
      z.array(z.string().check(z.regex(pattern, message))),
    ),
  );

/** A comma-separated list of IAM principal ARNs (users or roles); empty or absent means nobody. */
const principals = (name: string) =>
  list(
    /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/,
    `${name} must list IAM role or user ARNs, separated by commas`,
  );

/**
 * A comma-separated list of group names, as the groups claim of a token carries them. API Gateway
 * flattens an array claim into `[a b]`: a name with whitespace (or a bracket) could never be matched
 * reliably, and a comma separates the list.
 */
const groups = (name: string) =>
  list(
    /^[^\s\p{Cc},[\]]{1,256}$/u,
    `${name} must list group names without spaces, brackets or commas, separated by commas`,
  );

/** An optional variable: `undefined` when absent or empty, else trimmed and checked. */
const optionalText = (pattern: RegExp, message: string) =>
  z.pipe(
    z.pipe(
      z.optional(z.string().check(z.trim())),
      z.transform((value: string | undefined) => (value === "" ? undefined : value)),
    ),
    z.optional(z.string().check(z.regex(pattern, message))),
  );

/** The claim naming a JWT-authorised caller, unless `JWT_ID_CLAIM` says otherwise. */
export const DEFAULT_JWT_ID_CLAIM = "sub";
/** The claim listing a JWT-authorised caller's groups, unless `JWT_GROUPS_CLAIM` says otherwise. */
export const DEFAULT_JWT_GROUPS_CLAIM = "groups";

/** How the review API's callers are authenticated: IAM (SigV4, the default) or `jwt`. */
const reviewApiAuth = () =>
  z.pipe(
    z.pipe(
      z.optional(z.string().check(z.trim())),
      z.transform((value: string | undefined) => (value === undefined || value === "" ? "iam" : value)),
    ),
    z.enum(["iam", "jwt"], { error: "REVIEW_API_AUTH must be iam or jwt" }),
  );

/** The variables of each mode of the review API; the other mode's are refused, never ignored. */
const IAM_ONLY = ["REVIEWER_PRINCIPALS", "DATA_PROTECTION_OFFICER_PRINCIPALS"] as const;
const JWT_ONLY = [
  "REVIEWER_GROUPS",
  "DATA_PROTECTION_OFFICER_GROUPS",
  "JWT_GROUPS_CLAIM",
  "JWT_ID_CLAIM",
] as const;

const storage = {
  APPLICATIONS_TABLE: text("APPLICATIONS_TABLE"),
  APPLICATION_RETENTION_DAYS: positiveInt("APPLICATION_RETENTION_DAYS"),
  VALIDATION_QUEUE_URL: url("VALIDATION_QUEUE_URL"),
  NOTIFICATION_TOPIC_ARN: text("NOTIFICATION_TOPIC_ARN").check(
    z.regex(
      /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+(\.fifo)?$/,
      "NOTIFICATION_TOPIC_ARN must be an SNS topic ARN",
    ),
  ),
};

const intakeSchema = z
  .intersection(
    z.object({
      AWS_REGION: region,
      DOCUMENT_BUCKET: text("DOCUMENT_BUCKET"),
      UPLOAD_PREFIX: prefix("UPLOAD_PREFIX"),
      DOCUMENTS_PREFIX: documentsPrefix,
      ...storage,
      FACE_PASS_SIMILARITY: similarity("FACE_PASS_SIMILARITY"),
      FACE_REVIEW_SIMILARITY: similarity("FACE_REVIEW_SIMILARITY"),
    }),
    customerRefKeySchema,
  )
  .check(
    z.superRefine((env, ctx) => {
      // The function writes unpacked documents into the bucket that triggers it: the two prefixes
      // must not contain each other, or its own writes would look like uploads.
      if (
        env.UPLOAD_PREFIX.startsWith(env.DOCUMENTS_PREFIX) ||
        env.DOCUMENTS_PREFIX.startsWith(env.UPLOAD_PREFIX)
      )
        ctx.addIssue({
          code: "custom",
          path: ["DOCUMENTS_PREFIX"],
          message: "DOCUMENTS_PREFIX must not overlap UPLOAD_PREFIX",
        });
      if (env.FACE_REVIEW_SIMILARITY > env.FACE_PASS_SIMILARITY)
        ctx.addIssue({
          code: "custom",
          path: ["FACE_REVIEW_SIMILARITY"],
          message: "FACE_REVIEW_SIMILARITY must not be above FACE_PASS_SIMILARITY",
        });
    }),
  );

const workerSchema = z.object({
  AWS_REGION: region,
  ...storage,
  LICENSE_VALIDATION_API_URL: url("LICENSE_VALIDATION_API_URL"),
  LICENSE_VALIDATION_TIMEOUT_MS: positiveInt("LICENSE_VALIDATION_TIMEOUT_MS"),
});

/**
 * Built when the review API loads its configuration, not when the module loads: building a zod
 * schema is a call esbuild cannot drop, and the other bundles import this module too.
 */
const reviewApiSchema = () =>
  z
    .object({
      AWS_REGION: region,
      ...storage,
      DOCUMENT_BUCKET: text("DOCUMENT_BUCKET"),
      DOCUMENTS_PREFIX: documentsPrefix,
      REVIEW_API_AUTH: reviewApiAuth(),
      REVIEWER_PRINCIPALS: principals("REVIEWER_PRINCIPALS"),
      DATA_PROTECTION_OFFICER_PRINCIPALS: principals("DATA_PROTECTION_OFFICER_PRINCIPALS"),
      REVIEWER_GROUPS: groups("REVIEWER_GROUPS"),
      DATA_PROTECTION_OFFICER_GROUPS: groups("DATA_PROTECTION_OFFICER_GROUPS"),
      // Also the stack's access log variable `$context.authorizer.claims.<name>`: a plain identifier.
      JWT_ID_CLAIM: optionalText(
        /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
        "JWT_ID_CLAIM must be a claim name of letters, digits and underscores",
      ),
      JWT_GROUPS_CLAIM: optionalText(
        /^[^\s\p{Cc}]{1,256}$/u,
        "JWT_GROUPS_CLAIM must be a claim name without spaces",
      ),
    })
    .check(
      z.superRefine((env, ctx) => {
        const refuse = (name: string, message: string) =>
          ctx.addIssue({ code: "custom", path: [name], message });
        if (env.REVIEW_API_AUTH === "jwt") {
          // The token names the caller: a list of principals beside it would be a second, dead policy.
          for (const name of IAM_ONLY)
            if (env[name] !== undefined) refuse(name, `${name} must not be set when REVIEW_API_AUTH is jwt`);
          for (const name of ["REVIEWER_GROUPS", "DATA_PROTECTION_OFFICER_GROUPS"] as const)
            if (env[name] === undefined)
              refuse(name, `${name} is required when REVIEW_API_AUTH is jwt (empty for nobody)`);
        } else {
          for (const name of JWT_ONLY)
            if (env[name] !== undefined) refuse(name, `${name} is only read when REVIEW_API_AUTH is jwt`);
        }
      }),
    );

const retentionJobSchema = z
  .object({
    AWS_REGION: region,
    APPLICATIONS_TABLE: storage.APPLICATIONS_TABLE,
    APPLICATION_RETENTION_DAYS: storage.APPLICATION_RETENTION_DAYS,
    DOCUMENT_BUCKET: text("DOCUMENT_BUCKET"),
    DOCUMENTS_PREFIX: documentsPrefix,
    PII_RETENTION_DAYS: optionalDays("PII_RETENTION_DAYS", DEFAULT_RETENTION.piiDays),
  })
  .check(
    z.superRefine((env, ctx) => {
      // The PII-free decision record outlives the PII: erasing after the item is gone would be moot.
      if (env.PII_RETENTION_DAYS > env.APPLICATION_RETENTION_DAYS)
        ctx.addIssue({
          code: "custom",
          path: ["PII_RETENTION_DAYS"],
          message: "PII_RETENTION_DAYS must not be above APPLICATION_RETENTION_DAYS",
        });
    }),
  );

/** Where the customer reference key is read from at cold start. */
export type CustomerRefKeySource =
  | { readonly kind: "secret"; readonly secretArn: string }
  | { readonly kind: "environment"; readonly key: string };

/** What the intake function reads from its environment. */
export interface IntakeConfig {
  readonly region: string;
  readonly bucket: string;
  readonly uploadPrefix: string;
  readonly documentsPrefix: string;
  readonly tableName: string;
  readonly retentionDays: number;
  readonly validationQueueUrl: string;
  readonly notificationTopicArn: string;
  readonly facePassSimilarity: number;
  readonly faceReviewSimilarity: number;
  readonly customerRefKey: CustomerRefKeySource;
}

/** What the review API reads from its environment. */
export interface ReviewApiConfig {
  readonly region: string;
  readonly tableName: string;
  readonly retentionDays: number;
  readonly bucket: string;
  readonly documentsPrefix: string;
  readonly validationQueueUrl: string;
  readonly notificationTopicArn: string;
  /** IAM principals allowed to read applications and record review decisions. */
  readonly reviewerPrincipals: readonly string[];
  /** IAM principals allowed to read applications and erase them. */
  readonly dataProtectionOfficerPrincipals: readonly string[];
  /**
   * Present when `REVIEW_API_AUTH=jwt`: callers are identified by the claims of a token API
   * Gateway has verified, and the two principal lists above are empty.
   */
  readonly jwt?: ReviewApiJwtConfig;
}

/** How a JWT-authorised caller is identified and which groups grant each role. */
export interface ReviewApiJwtConfig {
  /** The claim naming the caller (`JWT_ID_CLAIM`, default `sub`). */
  readonly idClaim: string;
  /** The claim listing the caller's groups (`JWT_GROUPS_CLAIM`, default `groups`). */
  readonly groupsClaim: string;
  /** Groups whose members may read applications and record decisions (`REVIEWER_GROUPS`). */
  readonly reviewerGroups: readonly string[];
  /** Groups whose members may read and erase applications (`DATA_PROTECTION_OFFICER_GROUPS`). */
  readonly dataProtectionOfficerGroups: readonly string[];
}

/** What the scheduled retention job reads from its environment. */
export interface RetentionJobConfig {
  readonly region: string;
  readonly tableName: string;
  readonly retentionDays: number;
  readonly bucket: string;
  readonly documentsPrefix: string;
  /** Days after its creation an application's PII is erased (`RetentionPolicy.piiDays`). */
  readonly piiRetentionDays: number;
}

/** What the license-validation worker reads from its environment. */
export interface WorkerConfig {
  readonly region: string;
  readonly tableName: string;
  readonly retentionDays: number;
  readonly validationQueueUrl: string;
  readonly notificationTopicArn: string;
  readonly licenseApiUrl: string;
  readonly licenseApiTimeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses `env` with `schema`, or throws one `CONFIGURATION_INVALID` fault whose message names
 * every variable at fault (`configuration invalid: VALIDATION_QUEUE_URL is required`). The values
 * themselves are never echoed: the message goes to the logs.
 */
function parseEnv<S extends z.ZodMiniType>(schema: S, env: Env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = [...new Set(parsed.error.issues.map((issue) => issue.message))];
  throw new OnboardingFault("CONFIGURATION_INVALID", `configuration invalid: ${problems.join("; ")}`);
}

/** The intake function's configuration. Throws a `CONFIGURATION_INVALID` fault naming what is wrong. */
export function loadIntakeConfig(env: Env = process.env): IntakeConfig {
  const e = parseEnv(intakeSchema, env);
  return {
    region: e.AWS_REGION,
    bucket: e.DOCUMENT_BUCKET,
    uploadPrefix: e.UPLOAD_PREFIX,
    documentsPrefix: e.DOCUMENTS_PREFIX,
    tableName: e.APPLICATIONS_TABLE,
    retentionDays: e.APPLICATION_RETENTION_DAYS,
    validationQueueUrl: e.VALIDATION_QUEUE_URL,
    notificationTopicArn: e.NOTIFICATION_TOPIC_ARN,
    facePassSimilarity: e.FACE_PASS_SIMILARITY,
    faceReviewSimilarity: e.FACE_REVIEW_SIMILARITY,
    customerRefKey:
      e.CUSTOMER_REF_KEY_SECRET_ARN !== undefined
        ? { kind: "secret", secretArn: e.CUSTOMER_REF_KEY_SECRET_ARN }
        : { kind: "environment", key: e.CUSTOMER_REF_KEY ?? "" },
  };
}

/** The review API's configuration. Throws a `CONFIGURATION_INVALID` fault naming what is wrong. */
export function loadReviewApiConfig(env: Env = process.env): ReviewApiConfig {
  const e = parseEnv(reviewApiSchema(), env);
  return {
    region: e.AWS_REGION,
    tableName: e.APPLICATIONS_TABLE,
    retentionDays: e.APPLICATION_RETENTION_DAYS,
    bucket: e.DOCUMENT_BUCKET,
    documentsPrefix: e.DOCUMENTS_PREFIX,
    validationQueueUrl: e.VALIDATION_QUEUE_URL,
    notificationTopicArn: e.NOTIFICATION_TOPIC_ARN,
    reviewerPrincipals: e.REVIEWER_PRINCIPALS ?? [],
    dataProtectionOfficerPrincipals: e.DATA_PROTECTION_OFFICER_PRINCIPALS ?? [],
    ...(e.REVIEW_API_AUTH === "jwt"
      ? {
          jwt: {
            idClaim: e.JWT_ID_CLAIM ?? DEFAULT_JWT_ID_CLAIM,
            groupsClaim: e.JWT_GROUPS_CLAIM ?? DEFAULT_JWT_GROUPS_CLAIM,
            reviewerGroups: e.REVIEWER_GROUPS ?? [],
            dataProtectionOfficerGroups: e.DATA_PROTECTION_OFFICER_GROUPS ?? [],
          },
        }
      : {}),
  };
}

/** The retention job's configuration. Throws a `CONFIGURATION_INVALID` fault naming what is wrong. */
export function loadRetentionJobConfig(env: Env = process.env): RetentionJobConfig {
  const e = parseEnv(retentionJobSchema, env);
  return {
    region: e.AWS_REGION,
    tableName: e.APPLICATIONS_TABLE,
    retentionDays: e.APPLICATION_RETENTION_DAYS,
    bucket: e.DOCUMENT_BUCKET,
    documentsPrefix: e.DOCUMENTS_PREFIX,
    piiRetentionDays: e.PII_RETENTION_DAYS,
  };
}

/** The worker's configuration. Throws a `CONFIGURATION_INVALID` fault naming what is wrong. */
export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const e = parseEnv(workerSchema, env);
  return {
    region: e.AWS_REGION,
    tableName: e.APPLICATIONS_TABLE,
    retentionDays: e.APPLICATION_RETENTION_DAYS,
    validationQueueUrl: e.VALIDATION_QUEUE_URL,
    notificationTopicArn: e.NOTIFICATION_TOPIC_ARN,
    licenseApiUrl: e.LICENSE_VALIDATION_API_URL,
    licenseApiTimeoutMs: e.LICENSE_VALIDATION_TIMEOUT_MS,
  };
}
