// @onboarding/core/samples from CommonJS (its .cjs build): a sample submission zip that the
// published intake (readSubmission, also required) accepts; and nothing of vitest is loaded.
const { readSubmission } = require("@onboarding/core");
const { anApplicationForm, sampleImages, submissionZip } = require("@onboarding/core/samples");

const resolved = require.resolve("@onboarding/core/samples");
if (!resolved.endsWith(".cjs"))
  throw new Error(`@onboarding/core/samples resolved to ${resolved}, not a .cjs build`);

async function main() {
  const form = anApplicationForm({ lastName: "O'Neil, Jr" });
  const zip = submissionZip({ form, images: sampleImages("cjs") });
  const read = await readSubmission(zip);
  if (!read.ok) throw new Error(`readSubmission refused the sample zip: ${JSON.stringify(read.error)}`);
  if (read.value.application.lastName !== "O'Neil, Jr")
    throw new Error(`unexpected application: ${JSON.stringify(read.value.application)}`);
  const vitest = Object.keys(require.cache).filter((path) => /[\\/]node_modules[\\/]vitest[\\/]/.test(path));
  if (vitest.length > 0) throw new Error(`requiring @onboarding/core/samples loaded vitest: ${vitest[0]}`);
  console.log(`CJS: ${zip.byteLength}-byte zip accepted, vitest not loaded`);
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
