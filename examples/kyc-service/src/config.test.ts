import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const ENV = {
  AWS_REGION: "eu-west-1",
  DOCUMENTS_BUCKET: "kyc-documents",
  APPLICATIONS_TABLE: "kyc-applications",
  VALIDATION_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/123456789012/license-validation",
  EVENTS_TOPIC_ARN: "arn:aws:sns:eu-west-1:123456789012:onboarding-events",
};

describe("loadConfig", () => {
  it("parses a complete environment, with defaults for the rest", () => {
    const config = loadConfig(ENV);

    expect(config).toEqual({
      region: "eu-west-1",
      documentsBucket: "kyc-documents",
      applicationsTable: "kyc-applications",
      validationQueueUrl: ENV.VALIDATION_QUEUE_URL,
      eventsTopicArn: ENV.EVENTS_TOPIC_ARN,
      port: 3000,
      maxUploadBytes: 26_214_400,
      endpoints: {},
    });
  });

  it("takes endpoint overrides for local servers", () => {
    const config = loadConfig({ ...ENV, S3_ENDPOINT: "http://127.0.0.1:4569", PORT: "0" });

    expect(config.endpoints).toEqual({ s3: "http://127.0.0.1:4569" });
    expect(config.port).toBe(0);
  });

  it("names every missing or malformed variable at once", () => {
    const load = () => loadConfig({ AWS_REGION: "eu-west-1", EVENTS_TOPIC_ARN: "onboarding-events" });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/DOCUMENTS_BUCKET is required[\s\S]*APPLICATIONS_TABLE is required/);
    expect(load).toThrow(/EVENTS_TOPIC_ARN must be an ARN/);
  });
});
