// Every entry point, required from CommonJS (the packages' .cjs builds).
const expected = {
  "@onboarding/core": ["processSubmission", "completeLicenseValidation", "compareIdentity", "readSubmission"],
  "@onboarding/core/samples": [
    "submissionZip",
    "sampleImages",
    "encodePng",
    "encodeGreyJpeg",
    "applicationCsv",
  ],
  "@onboarding/in-memory-adapters": ["createInMemoryPorts", "FixedClock", "InMemoryCustomerRepo"],
  "@onboarding/aws-adapters": ["S3DocumentStore", "DynamoDbCustomerRepo", "RekognitionFaceMatcher"],
  "@onboarding/local-adapters": ["LocalFaceMatcher", "LocalIdExtractor", "generateSamples"],
};
for (const [specifier, names] of Object.entries(expected)) {
  const resolved = require.resolve(specifier);
  if (!resolved.endsWith(".cjs")) throw new Error(`${specifier} resolved to ${resolved}, not a .cjs build`);
  const module = require(specifier);
  for (const name of names)
    if (typeof module[name] !== "function") throw new Error(`${specifier} has no export ${name}`);
}
// The testing entry is ESM only: it imports vitest, which refuses require(). It says so at resolution.
try {
  require("@onboarding/core/testing");
  throw new Error("@onboarding/core/testing was required from CommonJS; it is ESM only");
} catch (error) {
  if (error.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw error;
}
console.log(`${Object.keys(expected).length} entry points; @onboarding/core/testing ESM only, as declared`);
