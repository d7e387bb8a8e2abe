import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ApplicationForm } from "@onboarding/core";
import { applicationCsv as coreApplicationCsv } from "@onboarding/core/samples";
import { zipSync } from "fflate";
import { deriveSelfie, portraitOf } from "./derive.js";
import { SAMPLE_PEOPLE, type SamplePerson } from "./people.js";
import { renderLicense } from "./render-license.js";
import { applicationFor, type CardFields, SAMPLE_CARDS } from "./sample-identities.js";

/**
 * The application CSV for a form: the header row and one data row, CRLF. The writer of
 * `@onboarding/core/samples` (`applicationCsv`), kept here as part of this package's API.
 */
export function applicationCsv(form: ApplicationForm): string {
  return coreApplicationCsv(form);
}

/** One sample submission and what the pipeline should make of it. */
export interface SampleSubmission {
  readonly name: string;
  /** What a person would expect: `APPROVED`-like (`match`) or caught (`face-mismatch`, `data-mismatch`). */
  readonly expect: "match" | "face-mismatch" | "data-mismatch";
  readonly description: string;
  readonly zip: Uint8Array;
}

const person = (id: SamplePerson["id"]): SamplePerson =>
  SAMPLE_PEOPLE.find((p) => p.id === id) as SamplePerson;

async function submission(
  cardOf: SamplePerson["id"],
  selfieOf: SamplePerson["id"],
  form: ApplicationForm,
): Promise<Uint8Array> {
  const card: CardFields = SAMPLE_CARDS[cardOf];
  const license = await renderLicense({ ...card, portrait: await portraitOf(person(cardOf)) });
  const selfie = await deriveSelfie(person(selfieOf), "crop");
  const encoder = new TextEncoder();
  return zipSync(
    {
      "application.csv": encoder.encode(applicationCsv(form)),
      "license.png": [license, { level: 0 }],
      "selfie.jpg": [selfie, { level: 0 }],
    },
    { mtime: new Date("2025-01-01T00:00:00Z") },
  );
}

/**
 * Builds the sample submissions in memory: synthetic licenses (rendered with the committed font)
 * carrying the two public-domain portraits, a selfie derived from the same photo, and an application
 * CSV — in matching and mismatching variants. Deterministic: the same bytes every run.
 */
export async function buildSamples(): Promise<SampleSubmission[]> {
  const collins = SAMPLE_CARDS.collins;
  const hopper = SAMPLE_CARDS.hopper;
  return [
    {
      name: "matching-collins",
      expect: "match",
      description: "License, selfie and application all agree (Eileen Collins).",
      zip: await submission("collins", "collins", applicationFor(collins, "eileen.collins@example.com")),
    },
    {
      name: "matching-hopper",
      expect: "match",
      description: "License, selfie and application all agree (Grace Hopper).",
      zip: await submission("hopper", "hopper", applicationFor(hopper, "grace.hopper@example.com")),
    },
    {
      name: "face-mismatch",
      expect: "face-mismatch",
      description: "Collins's license and application, but Hopper's selfie: the face check fails.",
      zip: await submission("collins", "hopper", applicationFor(collins, "eileen.collins@example.com")),
    },
    {
      name: "data-mismatch",
      expect: "data-mismatch",
      description:
        "Hopper's license and selfie, but the application declares another date of birth and license number.",
      zip: await submission("hopper", "hopper", {
        ...applicationFor(hopper, "grace.hopper@example.com"),
        dateOfBirth: "1961-03-14",
        licenseNumber: "H9981274",
      }),
    },
  ];
}

/**
 * Writes the sample submissions into `outDir` as `<name>.zip` (entries `application.csv`,
 * `license.png`, `selfie.jpg`) with a `README.txt` saying what each should come out as.
 * Returns the files written.
 *
 * @example
 * ```ts
 * const files = await generateSamples("./samples");
 * // onboard process ./samples/matching-collins.zip
 * ```
 */
export async function generateSamples(outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const samples = await buildSamples();
  const written: string[] = [];
  for (const sample of samples) {
    const file = path.join(outDir, `${sample.name}.zip`);
    await writeFile(file, sample.zip);
    written.push(file);
  }
  const readme = [
    "Sample onboarding submissions (synthetic licenses, public-domain portraits: see PROVENANCE in @onboarding/local-adapters).",
    "Not real documents. Each zip holds application.csv, license.png and selfie.jpg.",
    "",
    ...samples.map((s) => `${s.name}.zip  expect: ${s.expect}  ${s.description}`),
    "",
  ].join("\n");
  const readmeFile = path.join(outDir, "README.txt");
  await writeFile(readmeFile, readme);
  written.push(readmeFile);
  return written;
}
