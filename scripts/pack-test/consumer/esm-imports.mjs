// Every entry point, imported as an ES module by a project outside the workspace.
import * as awsAdapters from "@onboarding/aws-adapters";
import * as core from "@onboarding/core";
import * as samples from "@onboarding/core/samples";
import * as testing from "@onboarding/core/testing";
import * as inMemory from "@onboarding/in-memory-adapters";
import * as localAdapters from "@onboarding/local-adapters";

const expected = {
  "@onboarding/core": [
    core,
    ["processSubmission", "completeLicenseValidation", "compareIdentity", "readSubmission"],
  ],
  "@onboarding/core/samples": [
    samples,
    ["submissionZip", "sampleImages", "encodePng", "encodeGreyJpeg", "applicationCsv", "anApplicationForm"],
  ],
  "@onboarding/core/testing": [testing, ["aSubmissionZip", "anApplicationForm", "customerRepoContract"]],
  "@onboarding/in-memory-adapters": [inMemory, ["createInMemoryPorts", "FixedClock", "InMemoryCustomerRepo"]],
  "@onboarding/aws-adapters": [
    awsAdapters,
    ["S3DocumentStore", "DynamoDbCustomerRepo", "RekognitionFaceMatcher"],
  ],
  "@onboarding/local-adapters": [localAdapters, ["LocalFaceMatcher", "LocalIdExtractor", "generateSamples"]],
};
for (const [specifier, [module, names]] of Object.entries(expected))
  for (const name of names)
    if (typeof module[name] !== "function") throw new Error(`${specifier} has no export ${name}`);
console.log(`${Object.keys(expected).length} entry points`);
