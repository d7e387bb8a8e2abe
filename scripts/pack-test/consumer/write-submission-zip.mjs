// Writes a valid submission zip (built by @onboarding/core/testing) for `onboard process`.
import { writeFileSync } from "node:fs";
import { aSubmissionZip } from "@onboarding/core/testing";

writeFileSync(process.argv[2] ?? "submission.zip", aSubmissionZip());
