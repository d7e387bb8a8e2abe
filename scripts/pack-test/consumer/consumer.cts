// Type-checked as CommonJS under moduleResolution node16: resolves the .d.cts declarations.
import { DynamoDbCustomerRepo } from "@onboarding/aws-adapters";
import { type Clock, readSubmission } from "@onboarding/core";
import { InMemoryCustomerRepo } from "@onboarding/in-memory-adapters";
import { LocalIdExtractor } from "@onboarding/local-adapters";

const clock: Clock = { now: () => new Date() };
const repos = [new InMemoryCustomerRepo(), DynamoDbCustomerRepo];
export = { clock, repos, readSubmission, LocalIdExtractor };
