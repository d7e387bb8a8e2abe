/**
 * @onboarding/aws-adapters: the ports of @onboarding/core on AWS (S3, DynamoDB, SQS, SNS,
 * Rekognition, Textract) plus the HTTP license validator. Each adapter takes its SDK client and
 * resource names in its constructor and translates SDK errors into the core's faults.
 * @packageDocumentation
 */
export {
  CUSTOMER_TABLE,
  customerTableDefinition,
  customerTableTimeToLive,
} from "./customer-table-definition.js";
export { DynamoDbCustomerRepo, type DynamoDbCustomerRepoOptions } from "./dynamodb-customer-repo.js";
export {
  HttpLicenseValidator,
  type HttpLicenseValidatorOptions,
  type ProviderAnswer,
  providerAnswerSchema,
} from "./http-license-validator.js";
export {
  REKOGNITION_ENGINE,
  RekognitionFaceMatcher,
  type RekognitionFaceMatcherOptions,
  type RekognitionQualityFilter,
} from "./rekognition-face-matcher.js";
export { S3DocumentStore, type S3DocumentStoreOptions } from "./s3-document-store.js";
export { SnsNotifier, type SnsNotifierOptions } from "./sns-notifier.js";
export { SqsValidationQueue, type SqsValidationQueueOptions } from "./sqs-validation-queue.js";
export {
  TEXTRACT_ENGINE,
  TextractIdExtractor,
  type TextractIdExtractorOptions,
} from "./textract-id-extractor.js";
