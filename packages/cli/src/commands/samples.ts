import { relative } from "node:path";
import { generateSamples } from "@onboarding/local-adapters";
import type { Io } from "../io.js";

/**
 * `onboard samples --out DIR`: writes the sample submissions (synthetic licenses with public-domain
 * portraits, selfies, application CSVs; matching and mismatching) as zips, with a README.txt.
 */
export async function samplesCommand(outDir: string, io: Io): Promise<number> {
  const files = await generateSamples(outDir);
  for (const file of files) io.out(relative(process.cwd(), file) || file);
  io.out(io.style.dim(`Try: onboard process ${relative(process.cwd(), files[0] ?? outDir)}`));
  return 0;
}
