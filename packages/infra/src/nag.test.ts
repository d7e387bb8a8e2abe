import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Validations } from "aws-cdk-lib";
import { VALIDATION_REPORT_FILE } from "aws-cdk-lib/cx-api";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SynthesisedOnboarding, synthOnboarding } from "./testing/synth-onboarding.js";

interface Acknowledgement {
  readonly id: string;
  readonly path: string;
  readonly reason: string;
}
interface Finding {
  readonly id: string;
  readonly path: string;
}

let synth: SynthesisedOnboarding;

/** Every `Validations.of(x).acknowledge(...)` in the tree, where it was made and why. */
function acknowledgements(): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  for (const construct of synth.app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        // Unqualified ids are stored as "Annotation::<id>", which cdk-nag matches against its rule ids.
        found.push({ id: id.replace(/^annotation::/i, ""), path: construct.node.path, reason });
      }
    }
  }
  return found;
}

/**
 * What the AwsSolutions pack reports when nothing is acknowledged. NagPack filters acknowledged
 * findings itself (a private `isAcknowledged`); turning that off shows what each acknowledgement
 * is for. If cdk-nag renames it, this returns nothing and the "no stale acknowledgement" test fails.
 */
function rawFindings(): Finding[] {
  const pack = new AwsSolutionsChecks();
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return pack.validateScope(synth.app).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      id: violation.ruleName,
      path: resource.constructPath ?? "",
    })),
  );
}

const covers = (ack: Acknowledgement, finding: Finding) =>
  ack.id === finding.id && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));

beforeAll(() => {
  // Throws (ValidationFailed, with the report) on any unacknowledged finding.
  synth = synthOnboarding();
});
afterAll(() => synth?.dispose());

describe("cdk-nag AwsSolutions", () => {
  it("runs on synthesis and leaves no unacknowledged finding", () => {
    const reportFile = join(synth.assembly.directory, VALIDATION_REPORT_FILE);
    expect(existsSync(reportFile)).toBe(true);
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as {
      pluginReports: { pluginName: string; violations?: unknown[] }[];
    };
    const nag = report.pluginReports.filter((plugin) => plugin.pluginName === "AwsSolutions");
    expect(nag.flatMap((plugin) => plugin.violations ?? [])).toEqual([]);
  });

  it("finds something to check: the pack does report on this stack when nothing is acknowledged", () => {
    expect(rawFindings().length).toBeGreaterThan(0);
  });

  it("acknowledges every finding, and every acknowledgement answers a finding (none stale)", () => {
    const acks = acknowledgements();
    const findings = rawFindings();
    expect(findings.filter((finding) => !acks.some((ack) => covers(ack, finding)))).toEqual([]);
    expect(acks.filter((ack) => !findings.some((finding) => covers(ack, finding)))).toEqual([]);
  });

  it("acknowledges only the findings this stack accepts, each with a reason specific to it", () => {
    const acks = acknowledgements();
    const stack = synth.stack;
    const bucket = stack.getLogicalId(stack.documentBucket.node.defaultChild as never);
    const named = acks.map(
      ({ id, path }) =>
        `${path.replace(/BucketNotificationsHandler\w+$/, "BucketNotificationsHandler")} ${id}`,
    );
    expect(named.sort()).toEqual(
      [
        "Onboarding/IntakeFailureQueue AwsSolutions-SQS3",
        "Onboarding/IntakeRole AwsSolutions-IAM5[Resource::*]",
        `Onboarding/IntakeRole AwsSolutions-IAM5[Resource::<${bucket}.Arn>/uploads/*]`,
        `Onboarding/IntakeRole AwsSolutions-IAM5[Resource::<${bucket}.Arn>/applications/*]`,
        "Onboarding/Intake AwsSolutions-L1",
        "Onboarding/LicenseValidationWorker AwsSolutions-L1",
        "Onboarding/ReviewApiFunction AwsSolutions-L1",
        "Onboarding/RetentionJob AwsSolutions-L1",
        `Onboarding/ReviewApiFunctionRole AwsSolutions-IAM5[Resource::<${bucket}.Arn>/uploads/*]`,
        `Onboarding/ReviewApiFunctionRole AwsSolutions-IAM5[Resource::<${bucket}.Arn>/applications/*]`,
        `Onboarding/RetentionJobRole AwsSolutions-IAM5[Resource::<${bucket}.Arn>/uploads/*]`,
        `Onboarding/RetentionJobRole AwsSolutions-IAM5[Resource::<${bucket}.Arn>/applications/*]`,
        "Onboarding/CustomerRefKey AwsSolutions-SMG4",
        "Onboarding/BucketNotificationsHandler AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      ].sort(),
    );
    for (const ack of acks) {
      expect(ack.reason.length, ack.id).toBeGreaterThanOrEqual(80);
    }
    const reasonOf = (id: string) => acks.find((ack) => ack.id === id)?.reason ?? "";
    expect(reasonOf("AwsSolutions-IAM5[Resource::*]")).toMatch(
      /CompareFaces.*AnalyzeID.*resource-level permissions/s,
    );
    expect(reasonOf("AwsSolutions-SQS3")).toMatch(/on-failure destination/);
    expect(reasonOf("AwsSolutions-L1")).toMatch(/Node\.js 22/);
    expect(reasonOf("AwsSolutions-SMG4")).toMatch(/resubmission linking/);
  });
});
