import {
  CfnElement,
  CfnOutput,
  CfnParameter,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from "aws-cdk-lib";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { Effect, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Alias } from "aws-cdk-lib/aws-kms";
import {
  Architecture,
  type DestinationConfig,
  Function as LambdaFunction,
  Runtime,
} from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  type IBucket,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import { LambdaDestination } from "aws-cdk-lib/aws-s3-notifications";
import { type ITopic, Topic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct, IConstruct } from "constructs";
import { type BundleName, bundleCode, DEFAULT_BUNDLE_DIR } from "./lambda-bundle.js";

/** Retention and sizing of the stack; every value has a default suited to a first deployment. */
export interface OnboardingStackProps extends StackProps {
  /** Directory holding `intake.mjs` and `license-validation-worker.mjs`. Default `packages/lambda-entry/dist`. */
  readonly bundleDir?: string;
  /**
   * Base URL of the third-party license validation API. Default: a CloudFormation parameter
   * `LicenseValidationApiUrl` (https only), so the template stays environment-agnostic.
   */
  readonly licenseValidationApiUrl?: string;
  /** Per-attempt timeout of a call to the license API, in ms. Default 5000. */
  readonly licenseValidationTimeoutMs?: number;
  /** Days an application (DynamoDB TTL) and its unpacked documents (`applications/`) are kept. Default 1825 (5 years). */
  readonly applicationRetentionDays?: number;
  /** Days an upload (`uploads/*.zip`) is kept after intake read it. Default 30. */
  readonly uploadRetentionDays?: number;
  /** Days a replaced or deleted version of any object is kept. Default 30. */
  readonly noncurrentVersionRetentionDays?: number;
  /** Days S3 server access logs are kept. Default 400. */
  readonly accessLogRetentionDays?: number;
  /** Retention of the functions' CloudWatch logs. Default one year. */
  readonly logRetention?: RetentionDays;
  /** Rekognition similarity at or above which the face check passes (0–100). Default 95. */
  readonly facePassSimilarity?: number;
  /** Rekognition similarity at or above which the face check goes to review (0–100). Default 80. */
  readonly faceReviewSimilarity?: number;
  /** Reserved concurrency of the intake function. Default: none (account pool). */
  readonly intakeReservedConcurrency?: number;
  /** At most this many worker instances poll the queue, to spare the third party. Default 5. */
  readonly workerMaxConcurrency?: number;
  /** Where alarms are sent. Default: alarms without actions. */
  readonly alarmTopic?: ITopic;
}

/** S3 key prefixes: intake is triggered by `uploads/` only, so its own writes to `applications/` never re-trigger it. */
export const UPLOAD_PREFIX = "uploads/";
export const DOCUMENTS_PREFIX = "applications/";

/** The intake function's timeout; the S3 → Lambda event is retried twice (async invocation). */
export const INTAKE_TIMEOUT = Duration.seconds(60);
/** The worker's timeout: three attempts at 5 s with backoff per message, messages of a batch in parallel. */
export const WORKER_TIMEOUT = Duration.seconds(60);
/** Messages per worker invocation; failures are reported per message (`reportBatchItemFailures`). */
export const WORKER_BATCH_SIZE = 5;
/** Deliveries of a validation request before it moves to the dead-letter queue. */
export const VALIDATION_MAX_RECEIVE_COUNT = 5;

/**
 * The reference deployment of `@onboarding`: an S3 upload triggers intake, which stores the
 * documents, checks them with Rekognition and Textract, records the application in DynamoDB and
 * queues the license validation, which a worker sends to the third party. Applicants are
 * notified through SNS. See docs/adr/0007-infrastructure.md.
 *
 * @example
 * ```ts
 * const app = new App({ outdir: "cdk.out" });
 * new OnboardingStack(app, "Onboarding", { licenseValidationApiUrl: "https://licenses.example.com" });
 * Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
 * app.synth();
 * ```
 */
export class OnboardingStack extends Stack {
  readonly documentBucket: Bucket;
  readonly accessLogBucket: Bucket;
  readonly table: Table;
  readonly validationQueue: Queue;
  readonly validationDeadLetterQueue: Queue;
  readonly intakeFailureQueue: Queue;
  readonly notificationTopic: Topic;
  readonly intakeFunction: LambdaFunction;
  readonly workerFunction: LambdaFunction;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: OnboardingStackProps = {}) {
    super(scope, id, props);
    // Access logs are delivered under a bucket policy (logging.s3.amazonaws.com) rather than the
    // LogDeliveryWrite ACL, so both buckets keep ACLs disabled (BucketOwnerEnforced).
    this.node.setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
    const bundleDir = props.bundleDir ?? DEFAULT_BUNDLE_DIR;
    const applicationRetentionDays = props.applicationRetentionDays ?? 1825;
    const noncurrentDays = Duration.days(props.noncurrentVersionRetentionDays ?? 30);

    // ── Storage ────────────────────────────────────────────────────────────────────────────
    this.accessLogBucket = new Bucket(this, "AccessLogBucket", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogRetentionDays ?? 400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.documentBucket = new Bucket(this, "DocumentBucket", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // CDK's Bucket declares `isWebsite?` where IBucket has `isWebsite`: a cast for exactOptionalPropertyTypes.
      serverAccessLogsBucket: this.accessLogBucket as IBucket,
      serverAccessLogsPrefix: "document-bucket/",
      lifecycleRules: [
        {
          id: "uploads",
          prefix: UPLOAD_PREFIX,
          expiration: Duration.days(props.uploadRetentionDays ?? 30),
          noncurrentVersionExpiration: noncurrentDays,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: "applications",
          prefix: DOCUMENTS_PREFIX,
          expiration: Duration.days(applicationRetentionDays),
          noncurrentVersionExpiration: noncurrentDays,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Mirrors customerTableDefinition() of @onboarding/aws-adapters (a test checks they agree).
    this.table = new Table(this, "ApplicationsTable", {
      partitionKey: { name: "pk", type: AttributeType.STRING },
      sortKey: { name: "sk", type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: "expiresAt",
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: "byStatus",
      partitionKey: { name: "status", type: AttributeType.STRING },
      sortKey: { name: "createdAt", type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: ["applicationId", "version", "updatedAt"],
    });
    this.table.addGlobalSecondaryIndex({
      indexName: "byCustomer",
      partitionKey: { name: "customerRef", type: AttributeType.STRING },
      sortKey: { name: "createdAt", type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: ["applicationId", "status", "version", "updatedAt"],
    });

    // ── Messaging ──────────────────────────────────────────────────────────────────────────
    this.validationDeadLetterQueue = new Queue(this, "ValidationDeadLetterQueue", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.validationQueue = new Queue(this, "ValidationQueue", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: {
        queue: this.validationDeadLetterQueue,
        maxReceiveCount: VALIDATION_MAX_RECEIVE_COUNT,
      },
    });
    this.intakeFailureQueue = new Queue(this, "IntakeFailureQueue", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.intakeFailureQueue,
      "AwsSolutions-SQS3",
      "This queue is the on-failure destination of the intake function's asynchronous invocations (a dead-letter queue itself); an alarm fires on its first message.",
    );

    this.notificationTopic = new Topic(this, "NotificationTopic", {
      enforceSSL: true,
      masterKey: Alias.fromAliasName(this, "SnsManagedKey", "alias/aws/sns"),
    });

    // ── Functions ──────────────────────────────────────────────────────────────────────────
    const logRetention = props.logRetention ?? RetentionDays.ONE_YEAR;
    const shared = {
      APPLICATIONS_TABLE: this.table.tableName,
      APPLICATION_RETENTION_DAYS: String(applicationRetentionDays),
      VALIDATION_QUEUE_URL: this.validationQueue.queueUrl,
      NOTIFICATION_TOPIC_ARN: this.notificationTopic.topicArn,
      POWERTOOLS_SERVICE_NAME: "onboarding",
      POWERTOOLS_METRICS_NAMESPACE: "Onboarding",
      POWERTOOLS_LOG_LEVEL: "INFO",
    };

    const intake = this.#function("Intake", {
      bundleDir,
      bundle: "intake",
      timeout: INTAKE_TIMEOUT,
      memorySize: 1024,
      logRetention,
      environment: {
        DOCUMENT_BUCKET: this.documentBucket.bucketName,
        UPLOAD_PREFIX,
        DOCUMENTS_PREFIX,
        ...shared,
        FACE_PASS_SIMILARITY: String(props.facePassSimilarity ?? 95),
        FACE_REVIEW_SIMILARITY: String(props.faceReviewSimilarity ?? 80),
      },
      ...(props.intakeReservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.intakeReservedConcurrency }),
    });
    this.intakeFunction = intake.fn;

    const apiUrl =
      props.licenseValidationApiUrl ??
      new CfnParameter(this, "LicenseValidationApiUrl", {
        type: "String",
        description: "Base URL of the third-party license validation API (https).",
        allowedPattern: "^https://.+",
      }).valueAsString;
    const worker = this.#function("LicenseValidationWorker", {
      bundleDir,
      bundle: "license-validation-worker",
      timeout: WORKER_TIMEOUT,
      memorySize: 256,
      logRetention,
      environment: {
        ...shared,
        LICENSE_VALIDATION_API_URL: apiUrl,
        LICENSE_VALIDATION_TIMEOUT_MS: String(props.licenseValidationTimeoutMs ?? 5000),
      },
    });
    this.workerFunction = worker.fn;

    // ── Least-privilege permissions: exactly the SDK calls of @onboarding/aws-adapters ─────
    const bucketArn = this.documentBucket.bucketArn;
    const tableAccess = new PolicyStatement({
      sid: "ApplicationsReadAndConditionalPut", // DynamoDbCustomerRepo: GetCommand, PutCommand (ADR 0004)
      actions: ["dynamodb:GetItem", "dynamodb:PutItem"],
      resources: [this.table.tableArn],
    });
    const publish = new PolicyStatement({
      sid: "NotifyApplicants", // SnsNotifier: PublishCommand
      actions: ["sns:Publish"],
      resources: [this.notificationTopic.topicArn],
    });
    const requestValidation = new PolicyStatement({
      sid: "RequestLicenseValidation", // SqsValidationQueue: SendMessageCommand
      actions: ["sqs:SendMessage"],
      resources: [this.validationQueue.queueArn],
    });

    intake.role.addToPolicy(
      new PolicyStatement({
        // S3DocumentStore.readUpload: HeadObject + GetObject, by VersionId on a versioned bucket.
        sid: "ReadUploads",
        actions: ["s3:GetObject", "s3:GetObjectVersion"],
        resources: [`${bucketArn}/${UPLOAD_PREFIX}*`],
      }),
    );
    intake.role.addToPolicy(
      new PolicyStatement({
        sid: "StoreDocuments", // S3DocumentStore.putDocument: PutObject
        actions: ["s3:PutObject"],
        resources: [`${bucketArn}/${DOCUMENTS_PREFIX}*`],
      }),
    );
    intake.role.addToPolicy(
      new PolicyStatement({
        // Rekognition and Textract read the S3 objects they are given with the caller's permissions.
        sid: "LetRekognitionAndTextractReadDocuments",
        actions: ["s3:GetObject"],
        resources: [`${bucketArn}/${DOCUMENTS_PREFIX}*`],
      }),
    );
    intake.role.addToPolicy(
      new PolicyStatement({
        sid: "CompareFacesAndReadLicense", // RekognitionFaceMatcher, TextractIdExtractor
        actions: ["rekognition:CompareFaces", "rekognition:DetectFaces", "textract:AnalyzeID"],
        resources: ["*"],
      }),
    );
    intake.role.addToPolicy(tableAccess);
    intake.role.addToPolicy(requestValidation);
    intake.role.addToPolicy(publish);
    intake.role.addToPolicy(
      new PolicyStatement({
        // Lambda delivers a failed asynchronous invocation to the on-failure queue with the function's role.
        sid: "KeepFailedUploadEvents",
        actions: ["sqs:SendMessage"],
        resources: [this.intakeFailureQueue.queueArn],
      }),
    );
    acknowledge(
      intake.role,
      "AwsSolutions-IAM5[Resource::*]",
      "Rekognition CompareFaces/DetectFaces and Textract AnalyzeID do not support resource-level permissions (no resource types in the Service Authorization Reference): '*' is the only resource they accept. They are the only actions on '*'.",
    );
    acknowledge(
      intake.role,
      `AwsSolutions-IAM5[Resource::<${this.#logicalId(this.documentBucket)}.Arn>/${UPLOAD_PREFIX}*]`,
      "Intake reads any upload under uploads/ (keys are chosen by the uploader); the wildcard is limited to that prefix of the document bucket.",
    );
    acknowledge(
      intake.role,
      `AwsSolutions-IAM5[Resource::<${this.#logicalId(this.documentBucket)}.Arn>/${DOCUMENTS_PREFIX}*]`,
      "Intake writes applications/<applicationId>/<name> for ids derived at run time, and Rekognition/Textract read them with its permissions; the wildcard is limited to that prefix.",
    );

    worker.role.addToPolicy(tableAccess);
    worker.role.addToPolicy(publish);
    // The worker dispatches the application's outbox (ADR 0001): if intake crashed between sending
    // the validation request and recording it, the worker resends it once the claim has lapsed.
    worker.role.addToPolicy(requestValidation);
    // ReceiveMessage/DeleteMessage/ChangeMessageVisibility/GetQueueAttributes/GetQueueUrl on the queue only.
    this.workerFunction.addEventSource(
      new SqsEventSource(this.validationQueue, {
        batchSize: WORKER_BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: props.workerMaxConcurrency ?? 5,
      }),
    );

    // ── Triggers ───────────────────────────────────────────────────────────────────────────
    this.intakeFunction.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: { bind: (): DestinationConfig => ({ destination: this.intakeFailureQueue.queueArn }) },
    });
    this.documentBucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(intake.fn), {
      prefix: UPLOAD_PREFIX,
      suffix: ".zip",
    });
    this.#acknowledgeBucketNotificationsHandler();

    // ── Alarms ─────────────────────────────────────────────────────────────────────────────
    const alarms = [
      this.#alarm(
        "IntakeFailuresAlarm",
        "An upload failed intake after its retries: its event is kept in the intake failure queue.",
        this.intakeFailureQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: "Maximum",
        }),
      ),
      this.#alarm(
        "ValidationDeadLettersAlarm",
        "A license validation request exhausted its deliveries and is in the dead-letter queue.",
        this.validationDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: "Maximum",
        }),
      ),
      this.#alarm(
        "IntakeErrorsAlarm",
        "The intake function threw (each attempt of an upload counts).",
        this.intakeFunction.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
      ),
      this.#alarm(
        "WorkerErrorsAlarm",
        "The license validation worker threw (a whole batch failed).",
        this.workerFunction.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
      ),
    ];
    if (props.alarmTopic !== undefined) {
      const action = new SnsAction(props.alarmTopic);
      for (const alarm of alarms) alarm.addAlarmAction(action);
    }
    this.alarms = alarms;

    new CfnOutput(this, "DocumentBucketName", { value: this.documentBucket.bucketName });
    new CfnOutput(this, "ApplicationsTableName", { value: this.table.tableName });
    new CfnOutput(this, "ValidationQueueUrl", { value: this.validationQueue.queueUrl });
    new CfnOutput(this, "NotificationTopicArn", { value: this.notificationTopic.topicArn });
  }

  #function(
    id: string,
    options: {
      readonly bundleDir: string;
      readonly bundle: BundleName;
      readonly timeout: Duration;
      readonly memorySize: number;
      readonly logRetention: RetentionDays;
      readonly environment: Record<string, string>;
      readonly reservedConcurrentExecutions?: number;
    },
  ): { fn: LambdaFunction; role: Role } {
    const logGroup = new LogGroup(this, `${id}Logs`, {
      retention: options.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // One role per function, no managed policy: logging to its own group is written out here.
    const role = new Role(this, `${id}Role`, {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of the ${options.bundle} function`,
    });
    role.addToPolicy(
      new PolicyStatement({
        sid: "WriteOwnLogs",
        effect: Effect.ALLOW,
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [logGroup.logGroupArn],
      }),
    );
    const fn = new LambdaFunction(this, id, {
      code: bundleCode(options.bundleDir, options.bundle),
      handler: `${options.bundle}.handler`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: options.timeout,
      memorySize: options.memorySize,
      role,
      logGroup,
      environment: options.environment,
      ...(options.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: options.reservedConcurrentExecutions }),
    });
    acknowledge(
      fn,
      "AwsSolutions-L1",
      "Node.js 22 is the runtime the bundles are built and tested for (ADR 0007); moving to Node.js 24 is a deliberate upgrade of @onboarding/lambda-entry, not a silent one.",
    );
    return { fn, role };
  }

  #alarm(id: string, description: string, metric: IMetric): Alarm {
    return new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  #logicalId(construct: IConstruct): string {
    const child = construct.node.defaultChild;
    if (!(child instanceof CfnElement))
      throw new Error(`${construct.node.path} has no CloudFormation resource`);
    return this.getLogicalId(child);
  }

  /** The singleton function CDK adds to configure S3 notifications (a deploy-time custom resource). */
  #acknowledgeBucketNotificationsHandler(): void {
    const handler = this.node.children.find((child) =>
      child.node.id.startsWith("BucketNotificationsHandler"),
    );
    if (handler === undefined) return;
    acknowledge(
      handler,
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      "CDK's BucketNotificationsHandler (runs only at deploy time to set the bucket's notification configuration) uses the basic execution managed policy to write its own logs; its role is not configurable.",
    );
  }
}

/** A cdk-nag finding accepted on `scope` and everything below it, with the reason specific to this stack. */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
