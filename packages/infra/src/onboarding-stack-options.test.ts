import { App, Stack } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Topic } from "aws-cdk-lib/aws-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SynthesisedOnboarding, synthOnboarding } from "./testing/synth-onboarding.js";

let synth: SynthesisedOnboarding;

beforeAll(() => {
  // The alarm topic lives in another stack of another app: only its ARN matters here.
  const alarmTopic = Topic.fromTopicArn(
    new Stack(new App(), "Ops"),
    "Alarms",
    "arn:aws:sns:eu-west-1:123456789012:onboarding-alarms",
  );
  synth = synthOnboarding({
    alarmTopic,
    licenseValidationApiUrl: "https://licenses.example.com",
    retention: { imagesDays: 7, piiDays: 365, decisionRecordsDays: 3650 },
    reviewerPrincipals: [
      "arn:aws:iam::123456789012:role/onboarding-reviewer",
      "arn:aws:iam::123456789012:user/ops/alice",
    ],
    dataProtectionOfficerPrincipals: ["arn:aws:iam::123456789012:role/dpo"],
    reviewApiThrottle: { rateLimit: 2, burstLimit: 4 },
    logRetention: RetentionDays.THREE_MONTHS,
    intakeReservedConcurrency: 20,
    workerMaxConcurrency: 2,
  });
});
afterAll(() => synth?.dispose());

describe("OnboardingStack options", () => {
  it("sends every alarm to the alarm topic when one is given", () => {
    const alarms = Object.values(synth.template.findResources("AWS::CloudWatch::Alarm"));
    expect(alarms).toHaveLength(7);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual(["arn:aws:sns:eu-west-1:123456789012:onboarding-alarms"]);
    }
  });

  it("uses a given license API URL instead of a template parameter", () => {
    expect(synth.template.toJSON().Parameters?.LicenseValidationApiUrl).toBeUndefined();
    synth.template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "license-validation-worker.handler",
      Environment: {
        Variables: Match.objectLike({ LICENSE_VALIDATION_API_URL: "https://licenses.example.com" }),
      },
    });
  });

  it("applies retention and concurrency props to TTL, lifecycle rules, logs and functions", () => {
    const { template } = synth;
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "intake.handler",
      ReservedConcurrentExecutions: 20,
      Environment: { Variables: Match.objectLike({ APPLICATION_RETENTION_DAYS: "3650" }) },
    });
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "retention-job.handler",
      Environment: {
        Variables: Match.objectLike({ APPLICATION_RETENTION_DAYS: "3650", PII_RETENTION_DAYS: "365" }),
      },
    });
    template.hasResourceProperties("AWS::S3::Bucket", {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ Prefix: "uploads/", ExpirationInDays: 7 }),
          Match.objectLike({ Prefix: "applications/", ExpirationInDays: 7 }),
        ],
      },
    });
    // Four functions' logs and the review API's access logs.
    expect(Object.values(template.findResources("AWS::Logs::LogGroup")).map((g) => g.Properties)).toEqual(
      Array.from({ length: 5 }, () => ({ RetentionInDays: 90 })),
    );
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it("gives the review API its principals and throttling", () => {
    const { template } = synth;
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "review-api.handler",
      Environment: {
        Variables: Match.objectLike({
          REVIEWER_PRINCIPALS:
            "arn:aws:iam::123456789012:role/onboarding-reviewer,arn:aws:iam::123456789012:user/ops/alice",
          DATA_PROTECTION_OFFICER_PRINCIPALS: "arn:aws:iam::123456789012:role/dpo",
        }),
      },
    });
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      DefaultRouteSettings: { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 4 },
    });
  });

  it("refuses a principal that is not an IAM role or user ARN, and PII kept longer than the record", () => {
    expect(() => synthOnboarding({ reviewerPrincipals: ["arn:aws:iam::123456789012:root"] })).toThrow(
      "reviewerPrincipals: arn:aws:iam::123456789012:root is not an IAM role or user ARN",
    );
    expect(() => synthOnboarding({ retention: { piiDays: 3000 } })).toThrow(
      "retention.piiDays must not be above retention.decisionRecordsDays",
    );
  });
});
