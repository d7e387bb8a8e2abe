import { DEFAULT_INTAKE_LIMITS } from "@onboarding/core";
import { z } from "zod";

/**
 * The service's configuration, parsed once from the environment. Only this file reads variable
 * names; everything else takes a `Config`.
 *
 * Endpoint overrides (`*_ENDPOINT`) exist for local servers and tests; in AWS they are unset and
 * the SDK finds the regional endpoints itself. Credentials come from the SDK's default chain.
 */
const text = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .min(1, `${name} is required`);
const endpoint = (name: string) =>
  z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL` }).optional();

const envSchema = z.object({
  AWS_REGION: text("AWS_REGION"),
  DOCUMENTS_BUCKET: text("DOCUMENTS_BUCKET"),
  APPLICATIONS_TABLE: text("APPLICATIONS_TABLE"),
  VALIDATION_QUEUE_URL: z.url({ error: "VALIDATION_QUEUE_URL must be a URL" }),
  EVENTS_TOPIC_ARN: text("EVENTS_TOPIC_ARN").startsWith("arn:", "EVENTS_TOPIC_ARN must be an ARN"),
  PORT: z.coerce.number<string>().int().min(0).max(65_535).default(3000),
  MAX_UPLOAD_BYTES: z.coerce.number<string>().int().positive().default(DEFAULT_INTAKE_LIMITS.maxUploadBytes),
  S3_ENDPOINT: endpoint("S3_ENDPOINT"),
  DYNAMODB_ENDPOINT: endpoint("DYNAMODB_ENDPOINT"),
  SQS_ENDPOINT: endpoint("SQS_ENDPOINT"),
  SNS_ENDPOINT: endpoint("SNS_ENDPOINT"),
});

export interface Config {
  readonly region: string;
  readonly documentsBucket: string;
  readonly applicationsTable: string;
  readonly validationQueueUrl: string;
  readonly eventsTopicArn: string;
  readonly port: number;
  readonly maxUploadBytes: number;
  readonly endpoints: {
    readonly s3?: string;
    readonly dynamodb?: string;
    readonly sqs?: string;
    readonly sns?: string;
  };
}

/** Thrown at start-up when the environment is incomplete: every problem, one per line. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  override readonly name = "ConfigError";
}

/** Parses `env` (normally `process.env`); throws a `ConfigError` naming every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(
      `invalid configuration:\n${parsed.error.issues.map((issue) => `- ${issue.message}`).join("\n")}`,
    );
  const e = parsed.data;
  const endpoints = Object.fromEntries(
    Object.entries({
      s3: e.S3_ENDPOINT,
      dynamodb: e.DYNAMODB_ENDPOINT,
      sqs: e.SQS_ENDPOINT,
      sns: e.SNS_ENDPOINT,
    }).filter(([, value]) => value !== undefined),
  ) as Config["endpoints"];
  return {
    region: e.AWS_REGION,
    documentsBucket: e.DOCUMENTS_BUCKET,
    applicationsTable: e.APPLICATIONS_TABLE,
    validationQueueUrl: e.VALIDATION_QUEUE_URL,
    eventsTopicArn: e.EVENTS_TOPIC_ARN,
    port: e.PORT,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    endpoints,
  };
}
