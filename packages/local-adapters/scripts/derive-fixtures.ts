/**
 * Regenerates the derived test fixtures from the two committed photos (deterministic):
 *   pnpm --filter @onboarding/local-adapters run derive-fixtures
 * Writes fixtures/faces/derived/*.jpg (same-person variants, a face-less image, two faces, a tiny
 * face) and fixtures/cards/* (a rendered license per person, JPEG, and its PDF417 back).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { encodeAamva } from "../src/barcode/aamva.js";
import { writePdf417 } from "../src/barcode/pdf417.js";
import { packageRoot } from "../src/package-paths.js";
import {
  deriveSelfie,
  noFaceImage,
  portraitOf,
  SELFIE_VARIANTS,
  tinyFaceImage,
  twoFacesImage,
} from "../src/samples/derive.js";
import { SAMPLE_PEOPLE } from "../src/samples/people.js";
import { renderLicense } from "../src/samples/render-license.js";
import { SAMPLE_CARDS } from "../src/samples/sample-identities.js";

const root = packageRoot();
const derived = path.join(root, "fixtures", "faces", "derived");
const cards = path.join(root, "fixtures", "cards");
await mkdir(derived, { recursive: true });
await mkdir(cards, { recursive: true });

const [collins, hopper] = SAMPLE_PEOPLE as [(typeof SAMPLE_PEOPLE)[0], (typeof SAMPLE_PEOPLE)[0]];
for (const person of SAMPLE_PEOPLE) {
  for (const variant of SELFIE_VARIANTS)
    await writeFile(path.join(derived, `${person.id}-${variant}.jpg`), await deriveSelfie(person, variant));
  const card = SAMPLE_CARDS[person.id];
  const png = await renderLicense({ ...card, portrait: await portraitOf(person) });
  await writeFile(
    path.join(cards, `license-${person.id}.jpg`),
    await sharp(png).jpeg({ quality: 90 }).toBuffer(),
  );
  await writeFile(path.join(cards, `license-back-${person.id}.png`), await writePdf417(encodeAamva(card)));
}
await writeFile(path.join(derived, "no-face.jpg"), await noFaceImage());
await writeFile(path.join(derived, "two-faces.jpg"), await twoFacesImage(collins, hopper));
await writeFile(path.join(derived, "tiny-face.jpg"), await tinyFaceImage(collins));
console.log(`fixtures written under ${path.relative(process.cwd(), path.join(root, "fixtures"))}`);
