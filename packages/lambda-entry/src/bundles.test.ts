import { execFile, execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { deriveApplicationId } from "@onboarding/core";
import { anApplicationForm, aSubmissionZip } from "@onboarding/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import license from "../../aws-adapters/src/__fixtures__/analyze-id-license.json" with { type: "json" };
import match from "../../aws-adapters/src/__fixtures__/compare-faces-match.json" with { type: "json" };
import {
  createLocalResources,
  drain,
  getItem,
  lambdaContext,
  listKeys,
  localClients,
  localServerEnv,
  notificationsOf,
  putUpload,
  s3Event,
  sqsEvent,
  TEST_CUSTOMER_REF_KEY,
} from "./test-support/local-aws.js";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const HANDLERS = ["intake", "license-validation-worker", "review-api", "retention-job"] as const;

/**
 * `.env.example` as an environment, on top of nothing but PATH, with the customer reference key
 * of local runs instead of its secret (no network here: intake reads the secret at cold start).
 */
const exampleEnv = (): Record<string, string> => {
  const { CUSTOMER_REF_KEY_SECRET_ARN: _secret, ...env } = fileEnv();
  return { ...env, CUSTOMER_REF_KEY: "bundle-test-customer-reference-key-0123456789" };
};

const fileEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  ...Object.fromEntries(
    readFileSync(join(PACKAGE, ".env.example"), "utf8")
      .split("\n")
      .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  ),
});

/** Imports a bundle in a fresh Node process and prints the type of its `handler` export. */
const load = (file: string, env: Record<string, string>) =>
  spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(typeof m.handler);`,
    ],
    { env, encoding: "utf8", timeout: 15_000 },
  );

describe("the Lambda bundles", () => {
  // Built afresh into a temporary directory, so the test never reads a stale dist/.
  const outdir = mkdtempSync(join(tmpdir(), "lambda-entry-bundles-"));
  beforeAll(() => {
    execFileSync(process.execPath, [join(PACKAGE, "scripts/build.mjs"), "--outdir", outdir], {
      stdio: "pipe",
    });
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each(HANDLERS)(
    "%s.mjs loads with the .env.example variables and exports a function named handler",
    (name) => {
      const result = load(join(outdir, `${name}.mjs`), exampleEnv());

      expect(result.stderr.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*$/, "")).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe("function");
      expect(existsSync(join(outdir, `meta-${name}.json`))).toBe(true);
    },
  );

  it.each(HANDLERS)("%s.mjs fails its cold start with one message naming a missing variable", (name) => {
    const { APPLICATIONS_TABLE: _missing, ...env } = exampleEnv();

    const result = load(join(outdir, `${name}.mjs`), env);

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("configuration invalid: APPLICATIONS_TABLE is required");
  });

  it("review-api.mjs loads in JWT mode with the commented JWT lines of .env.example, and refuses the two modes mixed", () => {
    const jwtLines = Object.fromEntries(
      readFileSync(join(PACKAGE, ".env.example"), "utf8")
        .split("\n")
        .map((line) =>
          /^#\s*(REVIEW_API_AUTH|REVIEWER_GROUPS|DATA_PROTECTION_OFFICER_GROUPS|JWT_\w+)=(\S*)$/.exec(
            line.trim(),
          ),
        )
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[2]]),
    );
    const {
      REVIEWER_PRINCIPALS: _reviewers,
      DATA_PROTECTION_OFFICER_PRINCIPALS: _officers,
      ...withoutPrincipals
    } = exampleEnv();
    const file = join(outdir, "review-api.mjs");

    const jwt = load(file, { ...withoutPrincipals, ...jwtLines });
    const mixed = load(file, { ...exampleEnv(), ...jwtLines });

    expect(jwtLines).toMatchObject({ REVIEW_API_AUTH: "jwt" });
    expect(jwt.status).toBe(0);
    expect(jwt.stdout.trim()).toBe("function");
    expect(mixed.status).not.toBe(0);
    expect(mixed.stderr).toContain(
      "configuration invalid: REVIEWER_PRINCIPALS must not be set when REVIEW_API_AUTH is jwt",
    );
  });

  it("bundles only the SDK clients each handler uses", () => {
    const clientsIn = (name: string) => {
      const meta = JSON.parse(readFileSync(join(outdir, `meta-${name}.json`), "utf8")) as {
        outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
      };
      // What esbuild kept in the bundle (the top-level `inputs` also lists what it shook out).
      const kept = Object.values(meta.outputs)
        .filter((o) => o.entryPoint !== undefined)
        .flatMap((o) =>
          Object.entries(o.inputs)
            .filter(([, i]) => i.bytesInOutput > 0)
            .map(([path]) => path),
        );
      const clients = kept.flatMap((path) => /@aws-sdk\/client-([a-z0-9-]+)\//.exec(path)?.[1] ?? []);
      return [...new Set(clients)].sort();
    };

    expect(clientsIn("intake")).toEqual([
      "dynamodb",
      "rekognition",
      "s3",
      "secrets-manager",
      "sns",
      "sqs",
      "textract",
    ]);
    expect(clientsIn("license-validation-worker")).toEqual(["dynamodb", "sns", "sqs"]);
    expect(clientsIn("review-api")).toEqual(["dynamodb", "s3", "sns", "sqs"]);
    expect(clientsIn("retention-job")).toEqual(["dynamodb", "s3"]);
  });

  it.each(HANDLERS)("%s.mjs holds no classic zod and no Powertools schema (zod/mini only)", (name) => {
    const loaded = Object.keys(
      (JSON.parse(readFileSync(join(outdir, `meta-${name}.json`), "utf8")) as { inputs: object }).inputs,
    );

    expect(
      loaded.filter((path) => /zod\/v4\/classic|parser\/lib\/esm\/(schemas|helpers)/.test(path)),
    ).toEqual([]);
  });

  // The budget, held by the build as it is (size is deterministic for a lockfile; load
  // time is measured by bench/bundles, not here).
  it("intake.mjs stays within its 600 KB budget", () => {
    expect(statSync(join(outdir, "intake.mjs")).size).toBeLessThanOrEqual(600_000);
  });

  it("keeps no schema of an SDK operation the bundle never calls, and no credential chain but Lambda's", () => {
    const intake = readFileSync(join(outdir, "intake.mjs"), "utf8");
    const loaded = Object.keys(
      (JSON.parse(readFileSync(join(outdir, "meta-intake.json"), "utf8")) as { inputs: object }).inputs,
    );

    // Shapes of S3 operations intake never calls (bucket analytics, S3 Select, replication).
    for (const unused of ["AnalyticsAndOperator", "SelectObjectContentRequest", "ReplicationConfiguration"]) {
      expect(intake).not.toContain(unused);
    }
    // The shapes of the operations it calls are there.
    expect(intake).toContain("PutObjectRequest");
    expect(intake).toContain("CompareFacesRequest");
    // Neither the default chain nor the STS/SSO clients it would call.
    expect(loaded.filter((path) => /credential-provider-(?!env|http)|nested-clients/.test(path))).toEqual([]);
    expect(loaded).toContain("src/bundle/lambda-credentials.ts");
  });

  /**
   * The bundles themselves, not the sources: intake then the worker, each in a fresh Node process
   * configured only through the environment, against s3rver, DynamoDB Local and fauxqs, with
   * Rekognition and Textract answered by a stub server speaking their JSON protocol. This is what
   * proves the build's rewrites (schema keys, credentials) leave the SDK's requests intact.
   */
  describe("run end to end on the local servers", () => {
    let analysis: Server;
    const calls: string[] = [];

    beforeAll(async () => {
      analysis = createServer(async (request, response) => {
        const target = String(request.headers["x-amz-target"] ?? "");
        calls.push(
          `${target} ${request.headers.authorization?.startsWith("AWS4-HMAC-SHA256 Credential=") ?? false}`,
        );
        const body = JSON.parse(await text(request)) as { SourceImage?: unknown; DocumentPages?: unknown };
        const answer =
          target === "RekognitionService.CompareFaces" && body.SourceImage
            ? match
            : target === "Textract.AnalyzeID" && body.DocumentPages
              ? license
              : undefined;
        response.writeHead(answer ? 200 : 400, { "content-type": "application/x-amz-json-1.1" });
        response.end(JSON.stringify(answer ?? { __type: "ValidationException", message: target }));
      });
      await new Promise<void>((resolve) => analysis.listen(0, "127.0.0.1", resolve));
    });
    afterAll(() => new Promise((resolve) => analysis.close(resolve)));

    it("approves a submission, with every effect once", async () => {
      const clients = localClients();
      const resources = await createLocalResources(clients);
      const analysisUrl = `http://127.0.0.1:${(analysis.address() as AddressInfo).port}`;
      const licenseApi = createServer((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ status: "VALID", reference: "ref-1" }));
      });
      await new Promise<void>((resolve) => licenseApi.listen(0, "127.0.0.1", resolve));
      const env = {
        ...exampleEnv(),
        ...localServerEnv(),
        AWS_ENDPOINT_URL_REKOGNITION: analysisUrl,
        AWS_ENDPOINT_URL_TEXTRACT: analysisUrl,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        DOCUMENT_BUCKET: resources.bucket,
        APPLICATIONS_TABLE: resources.tableName,
        VALIDATION_QUEUE_URL: resources.validationQueueUrl,
        NOTIFICATION_TOPIC_ARN: resources.topicArn,
        LICENSE_VALIDATION_API_URL: `http://127.0.0.1:${(licenseApi.address() as AddressInfo).port}`,
        CUSTOMER_REF_KEY: TEST_CUSTOMER_REF_KEY,
      };
      try {
        const form = anApplicationForm();
        const key = "uploads/bundle run.zip";
        const bytes = aSubmissionZip({ form });
        const eTag = await putUpload(clients.s3, resources.bucket, key, bytes);
        const applicationId = await deriveApplicationId({ bucket: resources.bucket, key, version: eTag });
        const event = s3Event([{ bucket: resources.bucket, key, eTag, size: bytes.byteLength }]);

        // The same event twice, as S3 may deliver it: one application, one set of effects.
        await invoke(join(outdir, "intake.mjs"), event, env);
        await invoke(join(outdir, "intake.mjs"), event, env);
        const requests = await drain(resources.validationQueueUrl);
        const answer = await invoke(join(outdir, "license-validation-worker.mjs"), sqsEvent(requests), env);

        expect(calls).toEqual(["RekognitionService.CompareFaces true", "Textract.AnalyzeID true"]);
        expect(requests).toHaveLength(1);
        expect(answer).toEqual({ batchItemFailures: [] });
        expect(await getItem(clients.dynamodb, resources.tableName, applicationId)).toMatchObject({
          status: "APPROVED",
          outbox: [],
        });
        expect(await listKeys(clients.s3, resources.bucket, `applications/${applicationId}/`)).toHaveLength(
          3,
        );
        const notified = notificationsOf(await drain(resources.notificationsQueueUrl));
        expect(notified.every((n) => n.applicationId === applicationId)).toBe(true);
        expect(
          notified
            .map((n) => (n.type === "DECISION_MADE" ? `${n.type} ${n.status}` : `${n.check} ${n.outcome}`))
            .sort(),
        ).toEqual(["DECISION_MADE APPROVED", "FACE_MATCH PASS", "IDENTITY PASS", "LICENSE_VALIDATION PASS"]);
      } finally {
        await new Promise((resolve) => licenseApi.close(resolve));
      }
    }, 60_000);
  });
});

const text = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

/** Calls a bundle's handler with an event in a fresh Node process; returns what it returned. */
async function invoke(file: string, event: unknown, env: Record<string, string>): Promise<unknown> {
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)});
    const context = ${JSON.stringify(lambdaContext("bundle-run"))};
    context.getRemainingTimeInMillis = () => 30000;
    const result = await handler(JSON.parse(process.env.EVENT), context);
    process.stdout.write("\\n@@RESULT " + JSON.stringify(result ?? null) + "\\n");`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...env, EVENT: JSON.stringify(event) },
    timeout: 30_000,
  });
  const line = stdout.split("\n").find((l) => l.startsWith("@@RESULT "));
  return JSON.parse(line?.slice("@@RESULT ".length) ?? "undefined");
}
