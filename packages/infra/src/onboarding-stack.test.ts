import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { customerTableDefinition } from "@onboarding/aws-adapters";
import { DEFAULT_RETENTION } from "@onboarding/core";
import { Match, type Template } from "aws-cdk-lib/assertions";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OnboardingStack, WORKER_TIMEOUT } from "./onboarding-stack.js";
import { type SynthesisedOnboarding, synthOnboarding } from "./testing/synth-onboarding.js";

type Json = Record<string, unknown>;
type Resource = { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string };

let synth: SynthesisedOnboarding;
let template: Template;
let stack: OnboardingStack;

const resourcesOf = (type: string) => template.findResources(type) as Record<string, Resource>;
const only = (type: string, props?: Json): Resource => {
  const found = Object.values(
    template.findResources(type, props === undefined ? undefined : { Properties: props }),
  );
  expect(found).toHaveLength(1);
  return found[0] as Resource;
};
const ref = (value: unknown): unknown => stack.resolve(value);
const logicalId = (construct: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnFunction);
const underPrefix = (prefix: string) => ({
  "Fn::Join": ["", [ref(stack.documentBucket.bucketArn), `/${prefix}*`]],
});
const tlsOnly = (action: string) =>
  Match.objectLike({
    Effect: "Deny",
    Action: action,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  });

beforeAll(() => {
  synth = synthOnboarding();
  template = synth.template;
  stack = synth.stack;
});
afterAll(() => synth?.dispose());

describe("document bucket", () => {
  it("is SSE-S3 encrypted, versioned, fully private, logged to the access log bucket and retained", () => {
    template.hasResource("AWS::S3::Bucket", {
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
        },
        VersioningConfiguration: { Status: "Enabled" },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: {
          DestinationBucketName: ref(stack.accessLogBucket.bucketName),
          LogFilePrefix: "document-bucket/",
        },
      }),
      DeletionPolicy: "Retain",
    });
  });

  it("expires uploads/ and applications/ after DEFAULT_RETENTION.imagesDays, and what expiry leaves a day later", () => {
    const bucket = template.toJSON().Resources[logicalId(stack.documentBucket)] as Resource;
    expect(DEFAULT_RETENTION.imagesDays).toBe(30);
    expect(bucket.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: "uploads",
          Prefix: "uploads/",
          Status: "Enabled",
          ExpirationInDays: DEFAULT_RETENTION.imagesDays,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        },
        {
          Id: "applications",
          Prefix: "applications/",
          Status: "Enabled",
          ExpirationInDays: DEFAULT_RETENTION.imagesDays,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        },
      ],
    });
  });

  it("has a bucket policy that denies every request not made over TLS, on the bucket and its objects", () => {
    for (const bucket of [stack.documentBucket, stack.accessLogBucket]) {
      template.hasResourceProperties("AWS::S3::BucketPolicy", {
        Bucket: ref(bucket.bucketName),
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: "Deny",
              Action: "s3:*",
              Principal: { AWS: "*" },
              Condition: { Bool: { "aws:SecureTransport": "false" } },
              Resource: [ref(bucket.bucketArn), { "Fn::Join": ["", [ref(bucket.bucketArn), "/*"]] }],
            }),
          ]),
        },
      });
    }
  });

  it("triggers intake on ObjectCreated for uploads/*.zip only, and nothing else", () => {
    const notifications = only("Custom::S3BucketNotifications");
    expect(notifications.Properties.NotificationConfiguration).toEqual({
      LambdaFunctionConfigurations: [
        {
          Events: ["s3:ObjectCreated:*"],
          Filter: {
            Key: {
              FilterRules: [
                { Name: "suffix", Value: ".zip" },
                { Name: "prefix", Value: "uploads/" },
              ],
            },
          },
          LambdaFunctionArn: ref(stack.intakeFunction.functionArn),
        },
      ],
    });
  });
});

describe("access log bucket", () => {
  it("is encrypted, private, ACL-free and accepts log delivery from the document bucket only", () => {
    template.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
      PublicAccessBlockConfiguration: Match.objectEquals({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      }),
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 400, Status: "Enabled" }] },
      LoggingConfiguration: Match.absent(),
    });
    template.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: ref(stack.accessLogBucket.bucketName),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Condition: { ArnLike: { "aws:SourceArn": ref(stack.documentBucket.bucketArn) } },
          }),
        ]),
      },
    });
  });
});

describe("applications table", () => {
  it("agrees with customerTableDefinition() of @onboarding/aws-adapters", () => {
    const definition = customerTableDefinition("any");
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: definition.BillingMode,
      KeySchema: definition.KeySchema,
      AttributeDefinitions: Match.arrayEquals(definition.AttributeDefinitions ?? []),
      GlobalSecondaryIndexes: (definition.GlobalSecondaryIndexes ?? []).map((index) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: index.Projection,
      })),
      SSESpecification: { SSEEnabled: definition.SSESpecification?.Enabled },
    });
  });

  it("has TTL on expiresAt, point-in-time recovery, deletion protection, and is retained", () => {
    template.hasResource("AWS::DynamoDB::Table", {
      Properties: Match.objectLike({
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // SSEEnabled without a key id: the AWS-managed KMS key (alias/aws/dynamodb), see ADR 0007.
        SSESpecification: { SSEEnabled: true },
      }),
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
  });
});

describe("queues and topic", () => {
  it("encrypts every queue with SQS-managed keys and denies non-TLS access to each", () => {
    const queues = resourcesOf("AWS::SQS::Queue");
    expect(Object.keys(queues)).toHaveLength(3);
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties("AWS::SQS::QueuePolicy", {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: Match.arrayWith([tlsOnly("sqs:*")]) },
      });
    }
  });

  it("gives the validation queue a visibility timeout of at least six times the worker's timeout", () => {
    const queue = template.toJSON().Resources[logicalId(stack.validationQueue)] as Resource;
    const worker = template.toJSON().Resources[logicalId(stack.workerFunction)] as Resource;
    expect(worker.Properties.Timeout).toBe(WORKER_TIMEOUT.toSeconds());
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * Number(worker.Properties.Timeout));
  });

  it("moves a validation request to a 14-day dead-letter queue after 5 receives", () => {
    template.hasResourceProperties("AWS::SQS::Queue", {
      RedrivePolicy: {
        deadLetterTargetArn: ref(stack.validationDeadLetterQueue.queueArn),
        maxReceiveCount: 5,
      },
    });
    for (const dlq of [stack.validationDeadLetterQueue, stack.intakeFailureQueue]) {
      const queue = template.toJSON().Resources[logicalId(dlq)] as Resource;
      expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    }
  });

  it("encrypts the notification topic with the AWS-managed SNS key and denies Publish without TLS", () => {
    const topic = only("AWS::SNS::Topic");
    expect(JSON.stringify(topic.Properties.KmsMasterKeyId)).toContain(":alias/aws/sns");
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [ref(stack.notificationTopic.topicArn)],
      PolicyDocument: { Statement: Match.arrayWith([tlsOnly("sns:Publish")]) },
    });
  });
});

describe("functions", () => {
  const envExample = (): string[] =>
    readFileSync(resolve(import.meta.dirname, "..", "..", "lambda-entry", ".env.example"), "utf8")
      .split("\n")
      .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
  const envOf = (fn: { node: { defaultChild?: unknown } }): Json => {
    const resource = template.toJSON().Resources[logicalId(fn)] as Resource;
    return (resource.Properties.Environment as { Variables: Json }).Variables;
  };

  it("runs each prebuilt bundle on Node.js 22, arm64, with its own role and log group", () => {
    for (const [fn, handler, timeout, memory] of [
      [stack.intakeFunction, "intake.handler", 60, 1024],
      [stack.workerFunction, "license-validation-worker.handler", 60, 256],
      [stack.reviewApiFunction, "review-api.handler", 15, 512],
      [stack.retentionJobFunction, "retention-job.handler", 900, 512],
    ] as const) {
      template.hasResourceProperties("AWS::Lambda::Function", {
        Handler: handler,
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        Timeout: timeout,
        MemorySize: memory,
        Role: ref(fn.role?.roleArn),
        LoggingConfig: { LogGroup: Match.objectLike({ Ref: Match.anyValue() }) },
      });
    }
  });

  it("sets exactly the environment each handler reads, all of it named in lambda-entry's .env.example", () => {
    const intake = envOf(stack.intakeFunction);
    const worker = envOf(stack.workerFunction);
    const reviewApi = envOf(stack.reviewApiFunction);
    const retentionJob = envOf(stack.retentionJobFunction);
    const powertools = {
      POWERTOOLS_SERVICE_NAME: "onboarding",
      POWERTOOLS_METRICS_NAMESPACE: "Onboarding",
      POWERTOOLS_LOG_LEVEL: "INFO",
    };
    expect(intake).toEqual({
      DOCUMENT_BUCKET: ref(stack.documentBucket.bucketName),
      UPLOAD_PREFIX: "uploads/",
      DOCUMENTS_PREFIX: "applications/",
      APPLICATIONS_TABLE: ref(stack.table.tableName),
      APPLICATION_RETENTION_DAYS: "2555",
      CUSTOMER_REF_KEY_SECRET_ARN: ref(stack.customerRefKeySecret.secretArn),
      VALIDATION_QUEUE_URL: ref(stack.validationQueue.queueUrl),
      NOTIFICATION_TOPIC_ARN: ref(stack.notificationTopic.topicArn),
      FACE_PASS_SIMILARITY: "95",
      FACE_REVIEW_SIMILARITY: "80",
      POWERTOOLS_SERVICE_NAME: "onboarding",
      POWERTOOLS_METRICS_NAMESPACE: "Onboarding",
      POWERTOOLS_LOG_LEVEL: "INFO",
    });
    expect(worker).toEqual({
      APPLICATIONS_TABLE: ref(stack.table.tableName),
      APPLICATION_RETENTION_DAYS: "2555",
      VALIDATION_QUEUE_URL: ref(stack.validationQueue.queueUrl),
      NOTIFICATION_TOPIC_ARN: ref(stack.notificationTopic.topicArn),
      LICENSE_VALIDATION_API_URL: { Ref: "LicenseValidationApiUrl" },
      LICENSE_VALIDATION_TIMEOUT_MS: "5000",
      POWERTOOLS_SERVICE_NAME: "onboarding",
      POWERTOOLS_METRICS_NAMESPACE: "Onboarding",
      POWERTOOLS_LOG_LEVEL: "INFO",
    });
    expect(reviewApi).toEqual({
      APPLICATIONS_TABLE: ref(stack.table.tableName),
      APPLICATION_RETENTION_DAYS: "2555",
      VALIDATION_QUEUE_URL: ref(stack.validationQueue.queueUrl),
      NOTIFICATION_TOPIC_ARN: ref(stack.notificationTopic.topicArn),
      DOCUMENT_BUCKET: ref(stack.documentBucket.bucketName),
      DOCUMENTS_PREFIX: "applications/",
      // No principal given: the API refuses everyone.
      REVIEWER_PRINCIPALS: "",
      DATA_PROTECTION_OFFICER_PRINCIPALS: "",
      ...powertools,
    });
    expect(retentionJob).toEqual({
      APPLICATIONS_TABLE: ref(stack.table.tableName),
      APPLICATION_RETENTION_DAYS: String(DEFAULT_RETENTION.decisionRecordsDays),
      DOCUMENT_BUCKET: ref(stack.documentBucket.bucketName),
      DOCUMENTS_PREFIX: "applications/",
      PII_RETENTION_DAYS: String(DEFAULT_RETENTION.piiDays),
      ...powertools,
    });
    const contract = envExample();
    const set = new Set([intake, worker, reviewApi, retentionJob].flatMap((env) => Object.keys(env)));
    expect([...set].filter((name) => !contract.includes(name))).toEqual([]);
    // AWS_REGION is set by Lambda itself.
    expect(contract.filter((name) => !set.has(name))).toEqual(["AWS_REGION"]);
  });

  it("keeps each function's logs in an explicit log group with one-year retention", () => {
    for (const fn of [
      stack.intakeFunction,
      stack.workerFunction,
      stack.reviewApiFunction,
      stack.retentionJobFunction,
    ]) {
      const resource = template.toJSON().Resources[logicalId(fn)] as Resource;
      const group = (resource.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(template.toJSON().Resources[group]).toMatchObject({
        Type: "AWS::Logs::LogGroup",
        Properties: { RetentionInDays: 365 },
        DeletionPolicy: "Retain",
      });
    }
    // The CDK-managed BucketNotificationsHandler is the only other function; no LogRetention custom resource.
    expect(Object.keys(resourcesOf("Custom::LogRetention"))).toEqual([]);
  });

  it("retries a failed upload event twice, then keeps it in the intake failure queue", () => {
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: ref(stack.intakeFunction.functionName),
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: ref(stack.intakeFailureQueue.queueArn) } },
    });
  });

  it("feeds the worker from the validation queue in bounded batches with per-message failures", () => {
    const mapping = only("AWS::Lambda::EventSourceMapping");
    expect(mapping.Properties).toEqual({
      EventSourceArn: ref(stack.validationQueue.queueArn),
      FunctionName: ref(stack.workerFunction.functionName),
      BatchSize: 5,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it("zips each bundle alone: an asset holds only its own .mjs", () => {
    const assets = synth.assembly.directory;
    for (const [fn, bundle] of [
      [stack.intakeFunction, "intake"],
      [stack.workerFunction, "license-validation-worker"],
      [stack.reviewApiFunction, "review-api"],
      [stack.retentionJobFunction, "retention-job"],
    ] as const) {
      const resource = template.toJSON().Resources[logicalId(fn)] as Resource;
      const key = (resource.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, "");
      expect(readdirSync(join(assets, `asset.${key}`))).toEqual([`${bundle}.mjs`]);
    }
  });
});

describe("IAM: one least-privilege role per function", () => {
  const statementsOf = (role: { roleName: string }): unknown => ({
    Roles: [ref(role.roleName)],
    PolicyDocument: { Statement: Match.anyValue(), Version: "2012-10-17" },
  });
  const logs = (group: unknown) => ({
    Sid: "WriteOwnLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: group,
  });
  const logGroupArnOf = (fn: { node: { defaultChild?: unknown } }) => {
    const resource = template.toJSON().Resources[logicalId(fn)] as Resource;
    return {
      "Fn::GetAtt": [
        (resource.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref,
        "Arn",
      ],
    };
  };
  const table = () => ({
    Sid: "ApplicationsReadAndConditionalPut",
    Effect: "Allow",
    Action: ["dynamodb:GetItem", "dynamodb:PutItem"],
    Resource: ref(stack.table.tableArn),
  });
  const publish = () => ({
    Sid: "NotifyApplicants",
    Effect: "Allow",
    Action: "sns:Publish",
    Resource: ref(stack.notificationTopic.topicArn),
  });
  const sendValidation = () => ({
    Sid: "RequestLicenseValidation",
    Effect: "Allow",
    Action: "sqs:SendMessage",
    Resource: ref(stack.validationQueue.queueArn),
  });

  it("intake: reads uploads/, writes and lets Rekognition/Textract read applications/, the table, the queue, the topic", () => {
    const role = stack.intakeFunction.role as unknown as { roleName: string };
    template.hasResourceProperties("AWS::IAM::Policy", {
      ...(statementsOf(role) as Json),
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: Match.arrayEquals([
          logs(logGroupArnOf(stack.intakeFunction)),
          {
            Sid: "ReadUploads",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:GetObjectVersion"],
            Resource: underPrefix("uploads/"),
          },
          {
            Sid: "StoreDocuments",
            Effect: "Allow",
            Action: "s3:PutObject",
            Resource: underPrefix("applications/"),
          },
          {
            Sid: "LetRekognitionAndTextractReadDocuments",
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: underPrefix("applications/"),
          },
          {
            Sid: "CompareFacesAndReadLicense",
            Effect: "Allow",
            Action: ["rekognition:CompareFaces", "rekognition:DetectFaces", "textract:AnalyzeID"],
            Resource: "*",
          },
          table(),
          {
            Sid: "FindEarlierApplications",
            Effect: "Allow",
            Action: "dynamodb:Query",
            Resource: { "Fn::Join": ["", [ref(stack.table.tableArn), "/index/byCustomer"]] },
          },
          {
            Sid: "ReadCustomerRefKey",
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: ref(stack.customerRefKeySecret.secretArn),
          },
          sendValidation(),
          publish(),
          {
            Sid: "KeepFailedUploadEvents",
            Effect: "Allow",
            Action: "sqs:SendMessage",
            Resource: ref(stack.intakeFailureQueue.queueArn),
          },
        ]),
      },
    });
  });

  it("worker: the table, the topic, the queue (resend and consume), nothing else", () => {
    const role = stack.workerFunction.role as unknown as { roleName: string };
    template.hasResourceProperties("AWS::IAM::Policy", {
      ...(statementsOf(role) as Json),
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: Match.arrayEquals([
          logs(logGroupArnOf(stack.workerFunction)),
          table(),
          publish(),
          sendValidation(),
          {
            // Added by the SQS event source for Lambda's poller.
            Effect: "Allow",
            Action: [
              "sqs:ReceiveMessage",
              "sqs:ChangeMessageVisibility",
              "sqs:GetQueueUrl",
              "sqs:DeleteMessage",
              "sqs:GetQueueAttributes",
            ],
            Resource: ref(stack.validationQueue.queueArn),
          },
        ]),
      },
    });
  });

  const erasure = () => [
    {
      Sid: "ListApplicationsByStatus",
      Effect: "Allow",
      Action: "dynamodb:Query",
      Resource: { "Fn::Join": ["", [ref(stack.table.tableArn), "/index/byStatus"]] },
    },
    {
      Sid: "EraseDocumentsAndUploads",
      Effect: "Allow",
      Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
      Resource: [underPrefix("uploads/"), underPrefix("applications/")],
    },
    {
      Sid: "ListDocumentsAndUploadsToErase",
      Effect: "Allow",
      Action: ["s3:ListBucket", "s3:ListBucketVersions"],
      Resource: ref(stack.documentBucket.bucketArn),
      Condition: { StringLike: { "s3:prefix": ["uploads/*", "applications/*"] } },
    },
  ];

  it("review API: the table and its byStatus index, erasure's S3 deletes under the two prefixes, the topic, the queue", () => {
    const role = stack.reviewApiFunction.role as unknown as { roleName: string };
    template.hasResourceProperties("AWS::IAM::Policy", {
      ...(statementsOf(role) as Json),
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: Match.arrayEquals([
          logs(logGroupArnOf(stack.reviewApiFunction)),
          table(),
          ...erasure(),
          publish(),
          sendValidation(),
        ]),
      },
    });
  });

  it("retention job: the table and its byStatus index, erasure's S3 deletes, nothing to send", () => {
    const role = stack.retentionJobFunction.role as unknown as { roleName: string };
    template.hasResourceProperties("AWS::IAM::Policy", {
      ...(statementsOf(role) as Json),
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: Match.arrayEquals([
          logs(logGroupArnOf(stack.retentionJobFunction)),
          table(),
          ...erasure(),
        ]),
      },
    });
  });

  it("has no other policy with Resource '*' or a wildcard action, and no managed policy on the functions' roles", () => {
    const wildcards: string[] = [];
    for (const [id, policy] of Object.entries(resourcesOf("AWS::IAM::Policy"))) {
      const statements = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement;
      for (const statement of statements) {
        const actions = ([] as unknown[]).concat(statement.Action);
        if (statement.Resource === "*") wildcards.push(`${id}: ${actions.join(",")}`);
        expect(actions.filter((action) => String(action).includes("*"))).toEqual([]);
      }
    }
    expect(wildcards).toEqual([
      `${stack.getLogicalId(stack.intakeFunction.role?.node.findChild("DefaultPolicy").node.defaultChild as CfnFunction)}: rekognition:CompareFaces,rekognition:DetectFaces,textract:AnalyzeID`,
    ]);
    for (const fn of [
      stack.intakeFunction,
      stack.workerFunction,
      stack.reviewApiFunction,
      stack.retentionJobFunction,
    ]) {
      const role = template.toJSON().Resources[logicalId(fn.role as never)] as Resource;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe("alarms", () => {
  it("alarm on the first message in either dead-letter queue and on any function error", () => {
    const alarms = Object.values(resourcesOf("AWS::CloudWatch::Alarm")).map((alarm) => alarm.Properties);
    const common = { ComparisonOperator: "GreaterThanThreshold", Threshold: 0, EvaluationPeriods: 1 };
    expect(alarms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ...common,
          Namespace: "AWS/SQS",
          MetricName: "ApproximateNumberOfMessagesVisible",
          Dimensions: [{ Name: "QueueName", Value: ref(stack.intakeFailureQueue.queueName) }],
        }),
        expect.objectContaining({
          ...common,
          Namespace: "AWS/SQS",
          MetricName: "ApproximateNumberOfMessagesVisible",
          Dimensions: [{ Name: "QueueName", Value: ref(stack.validationDeadLetterQueue.queueName) }],
        }),
        expect.objectContaining({
          ...common,
          Namespace: "AWS/Lambda",
          MetricName: "Errors",
          Dimensions: [{ Name: "FunctionName", Value: ref(stack.intakeFunction.functionName) }],
        }),
        expect.objectContaining({
          ...common,
          Namespace: "AWS/Lambda",
          MetricName: "Errors",
          Dimensions: [{ Name: "FunctionName", Value: ref(stack.workerFunction.functionName) }],
        }),
      ]),
    );
    for (const fn of [stack.reviewApiFunction, stack.retentionJobFunction])
      expect(alarms).toContainEqual(
        expect.objectContaining({
          ...common,
          Namespace: "AWS/Lambda",
          MetricName: "Errors",
          Dimensions: [{ Name: "FunctionName", Value: ref(fn.functionName) }],
        }),
      );
    // Faults the review API catches answer 500/503 without failing the invocation: alarmed on 5xx.
    expect(alarms).toContainEqual(
      expect.objectContaining({
        ...common,
        Namespace: "AWS/ApiGateway",
        MetricName: "5xx",
        Dimensions: expect.arrayContaining([{ Name: "ApiId", Value: ref(stack.reviewApi.apiId) }]),
      }),
    );
    expect(alarms).toHaveLength(7);
    // No alarm topic given: no actions.
    for (const alarm of alarms) expect(alarm?.AlarmActions).toBeUndefined();
  });
});

describe("review API", () => {
  it("is an HTTP API whose four routes all require IAM authorization and reach the review function (payload 2.0)", () => {
    const routes = Object.values(resourcesOf("AWS::ApiGatewayV2::Route")).map((route) => route.Properties);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual([
      "GET /applications",
      "GET /applications/{id}",
      "POST /applications/{id}/decision",
      "POST /applications/{id}/erasure",
    ]);
    for (const route of routes) expect(route.AuthorizationType).toBe("AWS_IAM");
    const integration = only("AWS::ApiGatewayV2::Integration");
    expect(integration.Properties).toMatchObject({
      IntegrationType: "AWS_PROXY",
      PayloadFormatVersion: "2.0",
      IntegrationUri: ref(stack.reviewApiFunction.functionArn),
    });
    // API Gateway may invoke the function for these routes only.
    const permissions = Object.values(resourcesOf("AWS::Lambda::Permission")).filter(
      (p) =>
        JSON.stringify(p.Properties.FunctionName) ===
        JSON.stringify(ref(stack.reviewApiFunction.functionArn)),
    );
    expect(permissions).toHaveLength(4);
    for (const permission of permissions)
      expect(permission.Properties.Principal).toBe("apigateway.amazonaws.com");
  });

  it("throttles its one auto-deployed stage and logs every request to a log group with retention", () => {
    const stage = only("AWS::ApiGatewayV2::Stage");
    expect(stage.Properties).toMatchObject({
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      AccessLogSettings: { DestinationArn: { "Fn::GetAtt": [expect.any(String), "Arn"] } },
    });
    const settings = stage.Properties.AccessLogSettings as {
      DestinationArn: { "Fn::GetAtt": [string] };
      Format: string;
    };
    expect(template.toJSON().Resources[settings.DestinationArn["Fn::GetAtt"][0]]).toMatchObject({
      Type: "AWS::Logs::LogGroup",
      Properties: { RetentionInDays: 365 },
    });
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toMatchObject({ routeKey: "$context.routeKey", caller: "$context.identity.userArn" });
    // Neither the query string nor the path (an application id is fine, but a query could hold anything).
    expect(settings.Format).not.toMatch(/\$context\.(path|querystring)/i);
  });
});

describe("retention job and customer reference key", () => {
  it("runs the retention job daily at 03:00 UTC, one run at a time, retried twice", () => {
    const rule = only("AWS::Events::Rule");
    expect(rule.Properties).toMatchObject({
      ScheduleExpression: "cron(0 3 * * ? *)",
      State: "ENABLED",
      Targets: [
        expect.objectContaining({
          Arn: ref(stack.retentionJobFunction.functionArn),
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
        }),
      ],
    });
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "retention-job.handler",
      ReservedConcurrentExecutions: 1,
    });
  });

  it("generates the customer reference key in Secrets Manager and keeps it when the stack goes", () => {
    template.hasResource("AWS::SecretsManager::Secret", {
      Properties: Match.objectLike({
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
      }),
      DeletionPolicy: "Retain",
    });
  });
});
