import { DEFAULT_RETENTION, type RetentionPolicy } from "@onboarding/core";
import {
  CfnElement,
  CfnOutput,
  CfnParameter,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Token,
  Validations,
} from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpIamAuthorizer, HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction as LambdaTarget } from "aws-cdk-lib/aws-events-targets";
import { Effect, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
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
import { type ISecret, Secret } from "aws-cdk-lib/aws-secretsmanager";
import { type ITopic, Topic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct, IConstruct } from "constructs";
import { type BundleName, bundleCode, DEFAULT_BUNDLE_DIR } from "./lambda-bundle.js";

/**
 * How the review API authenticates its callers (docs/adr/0009-review-api.md).
 *
 * - `iam` (the default): SigV4-signed requests (`AWS_IAM` on every route); the function admits the
 *   principals of `reviewerPrincipals` and `dataProtectionOfficerPrincipals`.
 * - `jwt`: a JWT authorizer on every route (the token in the `Authorization` header, its signature,
 *   issuer, audience and expiry checked by API Gateway); the function names the caller by
 *   `idClaim` and grants the roles of the groups listed in `groupsClaim`.
 */
export type ReviewApiAuth = ReviewApiIamAuth | ReviewApiJwtAuth;

/** IAM authorization (SigV4) of the review API: the default. */
export interface ReviewApiIamAuth {
  readonly kind: "iam";
  /**
   * Also create two customer managed policies, `ReviewerInvokePolicy` and
   * `DataProtectionOfficerInvokePolicy`, each allowing `execute-api:Invoke` on exactly that role's
   * routes of this API's stage (outputs `ReviewerInvokePolicyArn`,
   * `DataProtectionOfficerInvokePolicyArn`), for the reviewers' and the DPO's roles or permission
   * sets to attach. Default false: the callers' policies are granted outside the stack.
   */
  readonly invokePolicies?: boolean;
}

/** A JWT authorizer on the review API: callers signed in through an OIDC identity provider. */
export interface ReviewApiJwtAuth {
  readonly kind: "jwt";
  /**
   * The identity provider's issuer, an https URL exactly as the tokens' `iss` claim holds it
   * (`https://cognito-idp.<region>.amazonaws.com/<user pool id>`,
   * `https://login.microsoftonline.com/<tenant>/v2.0`, `https://<org>.okta.com/oauth2/default`).
   */
  readonly issuer: string;
  /** Audiences accepted (`aud`, or `client_id` for Cognito access tokens): at least one. */
  readonly audience: readonly string[];
  /** The claim listing the caller's groups. Default `groups` (`cognito:groups` for Cognito). */
  readonly groupsClaim?: string;
  /**
   * The claim naming the caller, recorded as `jwt:<value>` in the audit trail (at most 124
   * characters). Default `sub`. Letters, digits and underscores (it is also an access log variable).
   */
  readonly idClaim?: string;
  /** Groups whose members may read applications, with the applicant's PII, and record decisions. */
  readonly reviewerGroups: readonly string[];
  /** Groups whose members may read and erase applications. */
  readonly dataProtectionOfficerGroups: readonly string[];
  /**
   * Origins of the back-office web UI allowed to call the API from a browser (CORS: API Gateway
   * answers the preflight). `https://host[:port]`, or `http://localhost[:port]` for development.
   * Default none: no CORS.
   */
  readonly allowedOrigins?: readonly string[];
}

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
  /**
   * How long each kind of data is kept (`RetentionPolicy` of `@onboarding/core`), each value
   * defaulting to `DEFAULT_RETENTION`: `imagesDays` (30) expires `uploads/` and `applications/`
   * (S3 lifecycle), `piiDays` (1825) is when the retention job erases a decided application's PII,
   * `decisionRecordsDays` (2555) is the DynamoDB TTL of the PII-free record.
   */
  readonly retention?: Partial<RetentionPolicy>;
  /** Days a replaced or deleted (expired) version of a document or upload is kept. Default 1. */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * The Secrets Manager secret holding the HMAC key of the pseudonymous customer reference.
   * Default: a secret generated by the stack (64 characters, retained on stack deletion).
   */
  readonly customerRefKeySecret?: ISecret;
  /**
   * IAM principals (role or user ARNs) that may read applications, with the applicant's PII, and
   * record review decisions through the review API. Default: none (the API refuses everyone).
   * IAM authorization only: refused with `reviewApiAuth` of kind `jwt`.
   */
  readonly reviewerPrincipals?: readonly string[];
  /** IAM principals (role or user ARNs) that may read and erase applications. Default: none. IAM only. */
  readonly dataProtectionOfficerPrincipals?: readonly string[];
  /** How the review API authenticates its callers. Default `{ kind: "iam" }`. */
  readonly reviewApiAuth?: ReviewApiAuth;
  /** Steady-state requests per second and burst of the review API's stage. Default 10 and 20. */
  readonly reviewApiThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
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
/** The review API's timeout: a decision or an erasure is a few DynamoDB, S3, SQS and SNS calls. */
export const REVIEW_API_TIMEOUT = Duration.seconds(15);
/** The retention job's timeout: the longest Lambda allows; a run cut short is finished the next day. */
export const RETENTION_JOB_TIMEOUT = Duration.minutes(15);
/** When the retention job runs: daily at 03:00 UTC. */
export const RETENTION_SCHEDULE = Schedule.cron({ minute: "0", hour: "3" });
/** The review API's routes: method, path. */
export const REVIEW_ROUTES = [
  [HttpMethod.GET, "/applications"],
  [HttpMethod.GET, "/applications/{id}"],
  [HttpMethod.POST, "/applications/{id}/decision"],
  [HttpMethod.POST, "/applications/{id}/erasure"],
] as const;

/** The claims a JWT-authorised caller is read from, unless `reviewApiAuth` names others. */
export const DEFAULT_JWT_ID_CLAIM = "sub";
export const DEFAULT_JWT_GROUPS_CLAIM = "groups";

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
  readonly reviewApiFunction: LambdaFunction;
  readonly retentionJobFunction: LambdaFunction;
  readonly reviewApi: HttpApi;
  readonly reviewApiStage: HttpStage;
  /** With `reviewApiAuth: { kind: "iam", invokePolicies: true }`: `execute-api:Invoke` on each role's routes. */
  readonly reviewerInvokePolicy?: ManagedPolicy;
  readonly dataProtectionOfficerInvokePolicy?: ManagedPolicy;
  readonly customerRefKeySecret: ISecret;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: OnboardingStackProps = {}) {
    super(scope, id, props);
    // Access logs are delivered under a bucket policy (logging.s3.amazonaws.com) rather than the
    // LogDeliveryWrite ACL, so both buckets keep ACLs disabled (BucketOwnerEnforced).
    this.node.setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
    const bundleDir = props.bundleDir ?? DEFAULT_BUNDLE_DIR;
    const retention: RetentionPolicy = { ...DEFAULT_RETENTION, ...props.retention };
    if (retention.piiDays > retention.decisionRecordsDays)
      throw new Error("retention.piiDays must not be above retention.decisionRecordsDays");
    const noncurrentDays = Duration.days(props.noncurrentVersionRetentionDays ?? 1);
    const auth = reviewApiAuthOf(props);

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
        // Images are biometric data: uploads and unpacked documents expire after imagesDays, and
        // the versions an expiry leaves behind (noncurrent) soon after (DEFAULT_RETENTION's why).
        {
          id: "uploads",
          prefix: UPLOAD_PREFIX,
          expiration: Duration.days(retention.imagesDays),
          noncurrentVersionExpiration: noncurrentDays,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: "applications",
          prefix: DOCUMENTS_PREFIX,
          expiration: Duration.days(retention.imagesDays),
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

    // The HMAC key of the customer reference: generated here, so that nobody ever sees it, and
    // retained, because a new key would unlink every earlier application from its resubmission.
    this.customerRefKeySecret =
      props.customerRefKeySecret ??
      // CDK's Secret declares `secretFullArn?` where ISecret has it required: a cast for exactOptionalPropertyTypes.
      (new Secret(this, "CustomerRefKey", {
        description: "HMAC key of the pseudonymous customer reference (resubmission linking). Do not rotate.",
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
      }) as ISecret);
    if (props.customerRefKeySecret === undefined)
      acknowledge(
        this.customerRefKeySecret,
        "AwsSolutions-SMG4",
        "The secret is the HMAC key of the pseudonymous customer reference stored with every application: rotating it would give a returning applicant a new reference and break resubmission linking. A key change needs versioned references (ADR 0009), not automatic rotation.",
      );

    // ── Functions ──────────────────────────────────────────────────────────────────────────
    const logRetention = props.logRetention ?? RetentionDays.ONE_YEAR;
    const powertools = {
      POWERTOOLS_SERVICE_NAME: "onboarding",
      POWERTOOLS_METRICS_NAMESPACE: "Onboarding",
      POWERTOOLS_LOG_LEVEL: "INFO",
    };
    // Every function that saves an application computes the same TTL (ADR 0004: from createdAt).
    const recordRetention = {
      APPLICATIONS_TABLE: this.table.tableName,
      APPLICATION_RETENTION_DAYS: String(retention.decisionRecordsDays),
    };
    const shared = {
      ...recordRetention,
      VALIDATION_QUEUE_URL: this.validationQueue.queueUrl,
      NOTIFICATION_TOPIC_ARN: this.notificationTopic.topicArn,
      ...powertools,
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
        CUSTOMER_REF_KEY_SECRET_ARN: this.customerRefKeySecret.secretArn,
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

    const reviewApiFn = this.#function("ReviewApiFunction", {
      bundleDir,
      bundle: "review-api",
      timeout: REVIEW_API_TIMEOUT,
      memorySize: 512,
      logRetention,
      environment: {
        ...shared,
        DOCUMENT_BUCKET: this.documentBucket.bucketName,
        DOCUMENTS_PREFIX,
        // The caller's roles: IAM principals, or the groups of a verified token (never both).
        ...(auth.kind === "jwt"
          ? {
              REVIEW_API_AUTH: "jwt",
              REVIEWER_GROUPS: auth.reviewerGroups.join(","),
              DATA_PROTECTION_OFFICER_GROUPS: auth.dataProtectionOfficerGroups.join(","),
              JWT_GROUPS_CLAIM: auth.groupsClaim,
              JWT_ID_CLAIM: auth.idClaim,
            }
          : {
              REVIEWER_PRINCIPALS: principalList("reviewerPrincipals", props.reviewerPrincipals),
              DATA_PROTECTION_OFFICER_PRINCIPALS: principalList(
                "dataProtectionOfficerPrincipals",
                props.dataProtectionOfficerPrincipals,
              ),
            }),
      },
    });
    this.reviewApiFunction = reviewApiFn.fn;

    const retentionJob = this.#function("RetentionJob", {
      bundleDir,
      bundle: "retention-job",
      timeout: RETENTION_JOB_TIMEOUT,
      memorySize: 512,
      logRetention,
      environment: {
        ...recordRetention,
        DOCUMENT_BUCKET: this.documentBucket.bucketName,
        DOCUMENTS_PREFIX,
        PII_RETENTION_DAYS: String(retention.piiDays),
        ...powertools,
      },
      // One run at a time: a retried run and the next day's never overlap.
      reservedConcurrentExecutions: 1,
    });
    this.retentionJobFunction = retentionJob.fn;

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
    intake.role.addToPolicy(
      new PolicyStatement({
        // DynamoDbCustomerRepo.findByCustomerRef: the earlier application of a resubmission.
        sid: "FindEarlierApplications",
        actions: ["dynamodb:Query"],
        resources: [`${this.table.tableArn}/index/byCustomer`],
      }),
    );
    intake.role.addToPolicy(
      new PolicyStatement({
        sid: "ReadCustomerRefKey", // once per container, at cold start
        actions: ["secretsmanager:GetSecretValue"],
        resources: [
          this.customerRefKeySecret.secretFullArn ?? `${this.customerRefKeySecret.secretArn}-??????`,
        ],
      }),
    );
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

    // Review API and retention job: listing by status, and erasure's permanent S3 deletes.
    const listByStatus = new PolicyStatement({
      sid: "ListApplicationsByStatus", // DynamoDbCustomerRepo.listByStatus
      actions: ["dynamodb:Query"],
      resources: [`${this.table.tableArn}/index/byStatus`],
    });
    const eraseObjects = new PolicyStatement({
      // S3DocumentStore.deleteDocuments/deleteUpload: DeleteObjects of every version and of the current object.
      sid: "EraseDocumentsAndUploads",
      actions: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
      resources: [`${bucketArn}/${UPLOAD_PREFIX}*`, `${bucketArn}/${DOCUMENTS_PREFIX}*`],
    });
    const listObjectsToErase = new PolicyStatement({
      // ListObjectVersions and ListObjectsV2, only under the two prefixes.
      sid: "ListDocumentsAndUploadsToErase",
      actions: ["s3:ListBucket", "s3:ListBucketVersions"],
      resources: [bucketArn],
      conditions: { StringLike: { "s3:prefix": [`${UPLOAD_PREFIX}*`, `${DOCUMENTS_PREFIX}*`] } },
    });
    for (const role of [reviewApiFn.role, retentionJob.role]) {
      role.addToPolicy(tableAccess);
      role.addToPolicy(listByStatus);
      role.addToPolicy(eraseObjects);
      role.addToPolicy(listObjectsToErase);
      for (const prefix of [UPLOAD_PREFIX, DOCUMENTS_PREFIX])
        acknowledge(
          role,
          `AwsSolutions-IAM5[Resource::<${this.#logicalId(this.documentBucket)}.Arn>/${prefix}*]`,
          `Erasure deletes every version of an application's objects under ${prefix} (keys hold run-time ids or the uploader's file name); the wildcard is limited to that prefix, and deleting is all it allows there.`,
        );
    }
    // A decision owes the applicant a notification and may dispatch what intake left in the outbox.
    reviewApiFn.role.addToPolicy(publish);
    reviewApiFn.role.addToPolicy(requestValidation);

    // ── Review API: HTTP API, IAM (SigV4) or JWT authorization, access logs, throttling ────
    const accessLogs = new LogGroup(this, "ReviewApiAccessLogs", {
      retention: logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.reviewApi = new HttpApi(this, "ReviewApi", {
      description:
        auth.kind === "jwt"
          ? "Back office of @onboarding: the review queue, decisions and erasure (callers with a verified JWT only)"
          : "Back office of @onboarding: the review queue, decisions and erasure (IAM-signed callers only)",
      createDefaultStage: false,
      defaultAuthorizer:
        auth.kind === "jwt"
          ? new HttpJwtAuthorizer("ReviewApiJwtAuthorizer", auth.issuer, {
              jwtAudience: [...auth.audience],
              identitySource: ["$request.header.Authorization"],
            })
          : new HttpIamAuthorizer(),
      // A browser UI on another origin: API Gateway answers the preflight (no authorizer runs on it).
      ...(auth.kind === "jwt" && auth.allowedOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...auth.allowedOrigins],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
              allowHeaders: ["authorization", "content-type"],
              maxAge: Duration.minutes(10),
            },
          }
        : {}),
    });
    const throttle = props.reviewApiThrottle ?? { rateLimit: 10, burstLimit: 20 };
    this.reviewApiStage = new HttpStage(this, "ReviewApiStage", {
      httpApi: this.reviewApi,
      stageName: "$default",
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Who called what and how it ended; no query string, body or path (the route's template instead).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            requestTime: "$context.requestTime",
            routeKey: "$context.routeKey",
            status: "$context.status",
            // The signer's ARN, or the id claim of a verified token (no other claim, never the token).
            caller:
              auth.kind === "jwt"
                ? `$context.authorizer.claims.${auth.idClaim}`
                : "$context.identity.userArn",
            sourceIp: "$context.identity.sourceIp",
            responseLength: "$context.responseLength",
            integrationLatency: "$context.integrationLatency",
            integrationError: "$context.integrationErrorMessage",
            authorizerError: "$context.authorizer.error",
          }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration("ReviewApiIntegration", reviewApiFn.fn, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    for (const [method, path] of REVIEW_ROUTES)
      this.reviewApi.addRoutes({ path, methods: [method], integration });
    if (auth.kind === "iam" && auth.invokePolicies === true) {
      this.reviewerInvokePolicy = this.#invokePolicy(
        "ReviewerInvokePolicy",
        "reviewers (reviewerPrincipals)",
        REVIEW_ROUTES.filter(([, path]) => !path.endsWith("/erasure")),
      );
      this.dataProtectionOfficerInvokePolicy = this.#invokePolicy(
        "DataProtectionOfficerInvokePolicy",
        "data protection officers (dataProtectionOfficerPrincipals)",
        REVIEW_ROUTES.filter(([, path]) => !path.endsWith("/decision")),
      );
    }

    // ── Retention job: daily ─────────────────────────────────────────────────────────────
    new Rule(this, "RetentionSchedule", {
      description: "Erases the PII of decided applications older than retention.piiDays",
      schedule: RETENTION_SCHEDULE,
      targets: [new LambdaTarget(retentionJob.fn, { retryAttempts: 2, maxEventAge: Duration.hours(6) })],
    });

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
      this.#alarm(
        "ReviewApiErrorsAlarm",
        "The review API function failed an invocation (crash, timeout or init error).",
        this.reviewApiFunction.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
      ),
      this.#alarm(
        "ReviewApiServerErrorsAlarm",
        "The review API answered 5xx: a fault the handler caught (500/503) or an integration failure.",
        this.reviewApiStage.metricServerError({ period: Duration.minutes(5), statistic: "Sum" }),
      ),
      this.#alarm(
        "RetentionJobErrorsAlarm",
        "The daily retention job failed: PII past its retention may not have been erased.",
        this.retentionJobFunction.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
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
    new CfnOutput(this, "ReviewApiUrl", { value: this.reviewApi.apiEndpoint });
    if (this.reviewerInvokePolicy !== undefined && this.dataProtectionOfficerInvokePolicy !== undefined) {
      new CfnOutput(this, "ReviewerInvokePolicyArn", { value: this.reviewerInvokePolicy.managedPolicyArn });
      new CfnOutput(this, "DataProtectionOfficerInvokePolicyArn", {
        value: this.dataProtectionOfficerInvokePolicy.managedPolicyArn,
      });
    }
  }

  /**
   * A customer managed policy allowing `execute-api:Invoke` on exactly `routes` of the review API's
   * `$default` stage, for the callers' roles to attach (HTTP APIs have no resource policy: a caller's
   * own policy must allow the call). The function still checks the caller against its list.
   */
  #invokePolicy(id: string, who: string, routes: readonly (typeof REVIEW_ROUTES)[number][]): ManagedPolicy {
    const resources = routes.map(([method, path]) => ({
      arn: this.reviewApi.arnForExecuteApi(method, path.replace("{id}", "*"), "$default"),
      // How cdk-nag names the resource in its finding.
      nag: `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${this.#logicalId(this.reviewApi)}>/$default/${method}${path.replace("{id}", "*")}`,
    }));
    const policy = new ManagedPolicy(this, id, {
      description: `Calls the @onboarding review API's routes for ${who}; the function still checks the caller's ARN against its list.`,
      statements: [
        new PolicyStatement({
          sid: "InvokeReviewApiRoutes",
          actions: ["execute-api:Invoke"],
          resources: resources.map((resource) => resource.arn),
        }),
      ],
    });
    for (const resource of resources.filter(({ nag }) => nag.includes("*")))
      acknowledge(
        policy,
        `AwsSolutions-IAM5[Resource::${resource.nag}]`,
        "The '*' stands for the application id of the route's /applications/{id} path (an execute-api ARN matches the request path): the statement is limited to this API, its $default stage and this route's method.",
      );
    return policy;
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

/** A comma-separated list of IAM role or user ARNs for a function's environment (checked at synth). */
function principalList(prop: string, arns: readonly string[] = []): string {
  for (const arn of arns)
    if (!/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/.test(arn))
      throw new Error(`${prop}: ${arn} is not an IAM role or user ARN`);
  return arns.join(",");
}

/** `reviewApiAuth` with its defaults, checked at synth (unresolved tokens, such as a user pool's URL, are not). */
function reviewApiAuthOf(
  props: OnboardingStackProps,
): { readonly kind: "iam"; readonly invokePolicies: boolean } | Required<ReviewApiJwtAuth> {
  const auth = props.reviewApiAuth ?? { kind: "iam" };
  if (auth.kind === "iam") return { kind: "iam", invokePolicies: auth.invokePolicies ?? false };
  if (auth.kind !== "jwt") throw new Error(`reviewApiAuth.kind must be "iam" or "jwt"`);
  const known = (value: string) => !Token.isUnresolved(value);
  if ((props.reviewerPrincipals ?? []).length > 0 || (props.dataProtectionOfficerPrincipals ?? []).length > 0)
    throw new Error(
      'reviewerPrincipals and dataProtectionOfficerPrincipals apply to reviewApiAuth kind "iam": with kind "jwt", the roles come from reviewApiAuth.reviewerGroups and reviewApiAuth.dataProtectionOfficerGroups',
    );
  if (known(auth.issuer) && !isHttpsIssuer(auth.issuer))
    throw new Error(`reviewApiAuth.issuer: ${auth.issuer} is not an https URL (without query or fragment)`);
  if (auth.audience.length === 0) throw new Error("reviewApiAuth.audience must list at least one audience");
  for (const audience of auth.audience)
    if (known(audience) && audience.trim() === "")
      throw new Error("reviewApiAuth.audience: an audience must not be empty");
  const idClaim = auth.idClaim ?? DEFAULT_JWT_ID_CLAIM;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(idClaim))
    throw new Error(
      `reviewApiAuth.idClaim: ${idClaim} is not a claim name of letters, digits and underscores`,
    );
  const groupsClaim = auth.groupsClaim ?? DEFAULT_JWT_GROUPS_CLAIM;
  if (!/^[^\s\p{Cc}]{1,256}$/u.test(groupsClaim))
    throw new Error(`reviewApiAuth.groupsClaim: "${groupsClaim}" is not a claim name without spaces`);
  for (const prop of ["reviewerGroups", "dataProtectionOfficerGroups"] as const)
    for (const group of auth[prop])
      if (known(group) && !/^[^\s\p{Cc},[\]]{1,256}$/u.test(group))
        throw new Error(
          `reviewApiAuth.${prop}: "${group}" is not a usable group name (no spaces, brackets or commas: API Gateway flattens an array claim into "[a b]")`,
        );
  const allowedOrigins = auth.allowedOrigins ?? [];
  for (const origin of allowedOrigins)
    if (known(origin) && !isOrigin(origin))
      throw new Error(
        `reviewApiAuth.allowedOrigins: ${origin} is not an origin (https://host[:port], or http://localhost[:port])`,
      );
  return { ...auth, idClaim, groupsClaim, allowedOrigins };
}

/** An OIDC issuer: an https URL, no credentials, query or fragment (a trailing slash is the issuer's own). */
function isHttpsIssuer(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === "https:" && url.username === "" && url.password === "" && !/[?#]/.test(value);
}

/** A browser origin, written as browsers send it in the `Origin` header. */
function isOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  const secure = url.protocol === "https:" || (url.protocol === "http:" && url.hostname === "localhost");
  return secure && url.origin === value;
}

/** A cdk-nag finding accepted on `scope` and everything below it, with the reason specific to this stack. */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
