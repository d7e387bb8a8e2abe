// biome-ignore-all lint/style/noNonNullAssertion: a benchmark script over known fixtures; a missing one should crash it.
/**
 * Local engines: face-match accuracy (same / different people), OCR per-field exact-match rates and
 * time per submission, each with a reference measured in the same run.
 *
 *   pnpm --filter @onboarding/bench run local-engines
 *
 * Limits, printed with the figures: the same-person pairs are derived from ONE photo per person
 * (crop, grey, blur, rotate, recompress, relight, placed on a rendered card), which is easier than a
 * real selfie against a real license; the cards are synthetic, rendered with one font and layout.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import {
  BENCH_CARDS,
  type CardFields,
  DEFAULT_CALIBRATION,
  decodeRgb,
  distanceToSimilarity,
  LocalFaceMatcher,
  LocalIdExtractor,
  loadFaceModel,
  portraitOf,
  renderLicense,
  SAMPLE_PEOPLE,
} from "../../packages/local-adapters/src/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.join(here, "..", "..", "packages", "local-adapters");
const fixture = (...parts: string[]) => new Uint8Array(readFileSync(path.join(pkg, "fixtures", ...parts)));
const ms = (t0: number) => performance.now() - t0;
const fmt = (n: number, digits = 0) => n.toFixed(digits);
const pct = (k: number, n: number) => `${fmt((100 * k) / n, 1)}% (${k}/${n})`;

// ── Face matching ───────────────────────────────────────────────────────────────────────────────
const model = await loadFaceModel();
const t0 = performance.now();
const euclid = (a: Float32Array, b: Float32Array) =>
  Math.sqrt(a.reduce((s, v, i) => s + (v - (b[i] ?? 0)) ** 2, 0));
const descriptor = async (bytes: Uint8Array) => {
  const faces = await model.detect(bytes, 0.5);
  if (faces[0] === undefined) throw new Error("no face");
  return faces[0].descriptor;
};
const variants = ["crop", "grey", "blur", "rotated", "recompressed", "bright"];
const people = SAMPLE_PEOPLE.map((p) => p.id);
const cards = Object.fromEntries(people.map((id) => [id, fixture("cards", `license-${id}.jpg`)]));
const selfies = Object.fromEntries(
  people.flatMap((id) => variants.map((v) => [`${id}-${v}`, fixture("faces", "derived", `${id}-${v}.jpg`)])),
);
const desc: Record<string, Float32Array> = {};
for (const [key, bytes] of Object.entries({ ...cards, ...selfies })) desc[key] = await descriptor(bytes);
console.log(`face model loaded and ${Object.keys(desc).length} images described in ${fmt(ms(t0))} ms`);

const same: number[] = [];
const different: number[] = [];
for (const card of people)
  for (const id of people)
    for (const v of variants) (card === id ? same : different).push(euclid(desc[card]!, desc[`${id}-${v}`]!));

// Different people in face-api's own demo photos (not committed: read from the installed package,
// a dependency of local-adapters, so resolved from there).
const require = createRequire(path.join(pkg, "package.json"));
const demoDir = path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "demo");
const demo: number[] = [];
let demoFaces = 0;
for (const file of readdirSync(demoDir).filter((f) => /^sample\d\.jpg$/.test(f))) {
  const faces = await model.detect(new Uint8Array(readFileSync(path.join(demoDir, file))), 0.5);
  demoFaces += faces.length;
  for (let i = 0; i < faces.length; i += 1)
    for (let j = i + 1; j < faces.length; j += 1)
      demo.push(euclid(faces[i]!.descriptor, faces[j]!.descriptor));
}

const describe = (name: string, values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  console.log(
    `  ${name.padEnd(42)} n=${String(s.length).padStart(3)}  distance min ${fmt(s[0]!, 3)}  median ${fmt(s[Math.floor(s.length / 2)]!, 3)}  max ${fmt(s.at(-1)!, 3)}`,
  );
};
console.log("\nFace descriptor distances (face-api, Euclidean on 128-d)");
describe("same person (card vs derived selfie)", same);
describe("different people (card vs other's selfie)", different);
describe(`different people (face-api demo photos, ${demoFaces} faces)`, demo);
const sim = (d: number) => distanceToSimilarity(d);
const { samePerson, differentPeople } = DEFAULT_CALIBRATION;
console.log(
  `\nCalibration: distance ${samePerson} → similarity 95 (pass), ${differentPeople} → 80 (review floor), 1.0 → 0`,
);
const allDifferent = [...different, ...demo];
console.log(
  `  same person passed (similarity ≥ 95):          ${pct(same.filter((d) => sim(d) >= 95).length, same.length)}`,
);
console.log(
  `  same person not failed (≥ 80):                  ${pct(same.filter((d) => sim(d) >= 80).length, same.length)}`,
);
console.log(
  `  different people failed (< 80):                 ${pct(allDifferent.filter((d) => sim(d) < 80).length, allDifferent.length)}`,
);
console.log(
  `  different people passed (≥ 95, false accepts):  ${pct(allDifferent.filter((d) => sim(d) >= 95).length, allDifferent.length)}`,
);
console.log(
  `  face-api's usual cut 0.6 would accept ${pct(allDifferent.filter((d) => d < 0.6).length, allDifferent.length)} of different-people pairs`,
);

// ── OCR ─────────────────────────────────────────────────────────────────────────────────────────
type Condition = { name: string; apply: (png: Uint8Array) => Promise<Uint8Array> };
const conditions: Condition[] = [
  { name: "clean PNG", apply: async (png) => png },
  {
    name: "JPEG q70, rotated 1.5°",
    apply: async (png) =>
      new Uint8Array(
        await sharp(png).rotate(1.5, { background: "#ffffff" }).jpeg({ quality: 70 }).toBuffer(),
      ),
  },
  {
    name: "blurred (σ 0.8), 800 px wide",
    apply: async (png) =>
      new Uint8Array(await sharp(png).blur(0.8).resize({ width: 800 }).jpeg({ quality: 85 }).toBuffer()),
  },
];
const FIELDS = [
  "firstName",
  "middleName",
  "lastName",
  "dateOfBirth",
  "expirationDate",
  "licenseNumber",
  "address",
  "city",
  "state",
  "postalCode",
] as const;
const expectedOf = (card: CardFields): Record<(typeof FIELDS)[number], string | undefined> => ({
  firstName: card.firstName.toUpperCase(),
  middleName: card.middleName?.toUpperCase(),
  lastName: card.lastName.toUpperCase(),
  dateOfBirth: card.dateOfBirth,
  expirationDate: card.expirationDate,
  licenseNumber: card.licenseNumber,
  address: card.address.line1.toUpperCase(),
  city: card.address.city.toUpperCase(),
  state: card.address.state,
  postalCode: card.address.postalCode,
});
const files = new Map<string, Uint8Array>();
const extractor = new LocalIdExtractor({ documents: async (ref) => files.get(ref.key)! });
const ref = (key: string) => ({ key }) as never;
const portraits = await Promise.all(SAMPLE_PEOPLE.map((p) => portraitOf(p)));
console.log(
  `\nOCR on ${BENCH_CARDS.length} synthetic cards × ${conditions.length} conditions (one font, one layout)`,
);
const perField = Object.fromEntries(FIELDS.map((f) => [f, { ok: 0, n: 0 }]));
let ocrTime = 0;
let decodeTime = 0;
let cardsRead = 0;
for (const condition of conditions) {
  let ok = 0;
  let n = 0;
  let lowConfidence = 0;
  for (const [i, card] of BENCH_CARDS.entries()) {
    const image = await condition.apply(
      await renderLicense({ ...card, portrait: portraits[i % portraits.length]! }),
    );
    files.set("card", image);
    let t = performance.now();
    await decodeRgb(image, 2000);
    decodeTime += ms(t);
    t = performance.now();
    const result = await extractor.extractIdentity({ license: ref("card") });
    ocrTime += ms(t);
    cardsRead += 1;
    const { confidence, address, ...fields } = result.status === "EXTRACTED" ? result.identity : {};
    const got: Record<string, string | undefined> = {
      ...fields,
      address: address?.line1,
      city: address?.city,
      state: address?.state,
      postalCode: address?.postalCode,
    };
    const expected = expectedOf(card);
    for (const field of FIELDS) {
      if (expected[field] === undefined) continue;
      const hit = got[field] === expected[field];
      perField[field]!.n += 1;
      n += 1;
      if (hit) {
        perField[field]!.ok += 1;
        ok += 1;
      }
      const c = (confidence as Record<string, number> | undefined)?.[field];
      if (hit && c !== undefined && c < 80) lowConfidence += 1;
    }
  }
  console.log(
    `  ${condition.name.padEnd(30)} fields exact: ${pct(ok, n)}; exact but confidence < 80 (→ review): ${lowConfidence}`,
  );
}
console.log("  per field (all conditions):");
for (const field of FIELDS)
  console.log(`    ${field.padEnd(15)} ${pct(perField[field]!.ok, perField[field]!.n)}`);

// ── Time per submission ─────────────────────────────────────────────────────────────────────────
const matcher = new LocalFaceMatcher({ documents: async (r) => files.get(r.key)! });
files.set("license", cards.collins!);
files.set("selfie", selfies["collins-crop"]!);
const rounds = 5;
let face = 0;
let ocr = 0;
let decode = 0;
let noop = 0;
for (let i = 0; i < rounds; i += 1) {
  let t = performance.now();
  await matcher.compareFaces({ license: ref("license"), selfie: ref("selfie") });
  face += ms(t);
  t = performance.now();
  await extractor.extractIdentity({ license: ref("license") });
  ocr += ms(t);
  t = performance.now();
  await decodeRgb(files.get("license")!);
  await decodeRgb(files.get("selfie")!);
  decode += ms(t);
  t = performance.now();
  await Promise.resolve();
  noop += ms(t);
}
console.log(`\nTime per submission (mean of ${rounds}, warm, ${process.arch}, Node ${process.version})`);
console.log(`  face match (license card vs selfie):  ${fmt(face / rounds)} ms`);
console.log(
  `  license OCR (front):                  ${fmt(ocr / rounds)} ms   (over the ${cardsRead} bench cards: ${fmt(ocrTime / cardsRead)} ms)`,
);
console.log(
  `  reference: decode both images alone:  ${fmt(decode / rounds)} ms   (a no-op await: ${fmt((noop / rounds) * 1000, 1)} µs; card decode in the OCR loop: ${fmt(decodeTime / cardsRead)} ms)`,
);
await extractor.close();
