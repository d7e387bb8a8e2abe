import { readFileSync } from "node:fs";
import path from "node:path";
import sharp, { type Sharp } from "sharp";
import { packageRoot } from "../package-paths.js";
import type { SamplePerson } from "./people.js";

const bytes = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** The original photo of a person, from `fixtures/faces/`. */
export const photoOf = (person: SamplePerson): Buffer =>
  readFileSync(path.join(packageRoot(), "fixtures", "faces", person.photo));

/** The portrait crop (head and shoulders) for a license, PNG. */
export async function portraitOf(person: SamplePerson): Promise<Uint8Array> {
  return bytes(await sharp(photoOf(person)).extract(person.portrait).png().toBuffer());
}

/** The ways a same-person "selfie" is derived from the one photo there is of each person. */
export const SELFIE_VARIANTS = ["crop", "grey", "blur", "rotated", "recompressed", "bright"] as const;
export type SelfieVariant = (typeof SELFIE_VARIANTS)[number];

/** A deterministic same-person image: crop, grey, blur, rotate, recompress or relight, ≤ 400 px, JPEG. */
export async function deriveSelfie(person: SamplePerson, variant: SelfieVariant): Promise<Uint8Array> {
  const photo = sharp(photoOf(person));
  const jpeg = { quality: 85, mozjpeg: false } as const;
  let image: Sharp;
  switch (variant) {
    case "crop":
      image = photo.extract(person.face).resize({ width: 320 });
      break;
    case "grey":
      image = photo.extract(person.portrait).resize({ width: 320 }).greyscale();
      break;
    case "blur":
      image = photo.extract(person.portrait).resize({ width: 320 }).blur(2);
      break;
    case "rotated":
      image = sharp(
        await photo
          .extract(person.portrait)
          .resize({ width: 300 })
          .rotate(12, { background: "#ffffff" })
          .toBuffer(),
      ).resize({
        width: 360,
      });
      break;
    case "recompressed": {
      const small = await photo
        .extract(person.portrait)
        .resize({ width: 160 })
        .jpeg({ quality: 30 })
        .toBuffer();
      image = sharp(small).resize({ width: 320 });
      break;
    }
    case "bright":
      image = photo.resize({ width: 400 }).modulate({ brightness: 1.25, saturation: 0.8 });
      break;
  }
  return bytes(await image.jpeg(jpeg).toBuffer());
}

/** An image with no face in it: shapes and a gradient. */
export async function noFaceImage(): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="400">
    <rect width="320" height="400" fill="#9fb8d0"/><circle cx="160" cy="150" r="70" fill="#e0c090"/>
    <rect x="60" y="260" width="200" height="110" fill="#4a6a8a"/></svg>`;
  return bytes(await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer());
}

/** Two people side by side (for "several faces in the selfie"). */
export async function twoFacesImage(a: SamplePerson, b: SamplePerson): Promise<Uint8Array> {
  const left = await sharp(photoOf(a)).extract(a.portrait).resize({ width: 200, height: 250 }).toBuffer();
  const right = await sharp(photoOf(b)).extract(b.portrait).resize({ width: 200, height: 250 }).toBuffer();
  return bytes(
    await sharp({ create: { width: 400, height: 250, channels: 3, background: "#ffffff" } })
      .composite([
        { input: left, left: 0, top: 0 },
        { input: right, left: 200, top: 0 },
      ])
      .jpeg({ quality: 85 })
      .toBuffer(),
  );
}

/** A person far away: the face is ~20 px wide in a 400 px image (under the matcher's minimum). */
export async function tinyFaceImage(person: SamplePerson): Promise<Uint8Array> {
  const small = await sharp(photoOf(person)).extract(person.portrait).resize({ width: 64 }).toBuffer();
  return bytes(
    await sharp({ create: { width: 400, height: 300, channels: 3, background: "#d8e0e8" } })
      .composite([{ input: small, left: 168, top: 110 }])
      .jpeg({ quality: 85 })
      .toBuffer(),
  );
}
