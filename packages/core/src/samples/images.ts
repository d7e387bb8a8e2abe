import { encodeGreyJpeg } from "./jpeg.js";
import { encodePng, type Rgb } from "./png.js";

/** A file of a sample submission: its entry name in the archive and its bytes. */
export interface SampleFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The two photos of a submission. */
export interface SampleImages {
  /** The driver's license photo. */
  readonly license: SampleFile;
  /** The applicant's selfie. */
  readonly selfie: SampleFile;
}

const CARD: Rgb = [236, 240, 244];
const PORTRAIT: Rgb = [150, 150, 150];

/**
 * Generated photos for a submission, distinct per `seed` so each has its own SHA-256 (which is
 * what scripted engines key their answers on): `license.png`, a 48×30 PNG card with a
 * seed-coloured band and a grey portrait box, and `selfie.jpg`, a 32×32 grey JPEG with the seed
 * in its comment. No face and no text in them: for intake and for pipelines whose engines are
 * scripted. The same seed always gives the same bytes.
 *
 * @example
 * ```ts
 * const { license, selfie } = sampleImages("applicant-1");
 * // license.name === "license.png", selfie.name === "selfie.jpg"
 * ```
 */
export function sampleImages(seed: string): SampleImages {
  // FNV-1a over the code points: a cheap, stable spread of the seed over the band colour.
  let hash = 2166136261;
  for (const char of seed) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
  const band: Rgb = [hash & 0xff, (hash >>> 8) & 0xff, (hash >>> 16) & 0xff];
  const license = encodePng({
    width: 48,
    height: 30,
    pixel: (x, y) => (y < 6 ? band : x > 4 && x < 16 && y > 9 && y < 24 ? PORTRAIT : CARD),
  });
  const selfie = encodeGreyJpeg({ width: 32, height: 32, comment: `onboard demo selfie ${seed}` });
  return { license: { name: "license.png", bytes: license }, selfie: { name: "selfie.jpg", bytes: selfie } };
}
