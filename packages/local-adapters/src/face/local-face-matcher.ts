import type { DocumentRef, FaceComparison, FaceDocument, FaceMatcher } from "@onboarding/core";
import { type DocumentSource, readerOf } from "../document-bytes.js";
import {
  assertCalibration,
  DEFAULT_CALIBRATION,
  type DistanceCalibration,
  distanceToSimilarity,
} from "./distance-to-similarity.js";
import { type DetectedFace, ImageDecodeError, loadFaceModel } from "./face-model.js";

export const LOCAL_FACE_ENGINE = "local-face-api";

export interface LocalFaceMatcherOptions {
  /** Where the license and selfie bytes are read from. */
  readonly documents: DocumentSource;
  /** Distance cuts mapped onto the 0–100 bands. Default: `DEFAULT_CALIBRATION` (ADR 0008). */
  readonly calibration?: DistanceCalibration;
  /** Faces whose box is smaller than this (pixels, shorter side, after scaling to ≤ 1024 px) are not compared. Default 40. */
  readonly minFaceSize?: number;
  /** The detector's minimum score, 0–1. Default 0.5. */
  readonly minDetectionScore?: number;
}

const euclidean = (a: Float32Array, b: Float32Array): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    sum += d * d;
  }
  return Math.sqrt(sum);
};

/**
 * The `FaceMatcher` that runs on this machine: face-api (SSD MobileNet detector, 68-point landmarks,
 * ResNet-34-like 128-d descriptor) on the tfjs WASM backend. No network, no native addon beyond sharp.
 *
 * Like `RekognitionFaceMatcher`: the license's largest face (the portrait) is compared with every
 * face in the selfie and the best score counts; `faces.selfie` counts them all (the policy sends
 * several to review). No usable face is `FACE_NOT_DETECTED` naming the document; a face below
 * `minFaceSize` is not usable. Bytes that are no image are `UNAVAILABLE` with `INVALID_IMAGE_FORMAT`.
 * The model loads once per process, on first use.
 *
 * @example
 * ```ts
 * const matcher = new LocalFaceMatcher({ documents: documentStore });
 * const result = await matcher.compareFaces({ license, selfie });
 * ```
 */
export class LocalFaceMatcher implements FaceMatcher {
  readonly #read: (ref: Pick<DocumentRef, "key">) => Promise<Uint8Array>;
  readonly #calibration: DistanceCalibration;
  readonly #minFaceSize: number;
  readonly #minScore: number;

  constructor(options: LocalFaceMatcherOptions) {
    this.#read = readerOf(options.documents);
    this.#calibration = options.calibration ?? DEFAULT_CALIBRATION;
    assertCalibration(this.#calibration);
    this.#minFaceSize = options.minFaceSize ?? 40;
    this.#minScore = options.minDetectionScore ?? 0.5;
  }

  /** Loads the model now rather than on the first comparison (e.g. at start-up). */
  async warmUp(): Promise<void> {
    await loadFaceModel();
  }

  async compareFaces(request: {
    readonly license: DocumentRef;
    readonly selfie: DocumentRef;
  }): Promise<FaceComparison> {
    const [licenseBytes, selfieBytes] = await Promise.all([
      this.#read(request.license),
      this.#read(request.selfie),
    ]);
    let license: Faces;
    let selfie: Faces;
    try {
      license = await this.#faces(licenseBytes);
      selfie = await this.#faces(selfieBytes);
    } catch (error) {
      if (error instanceof ImageDecodeError)
        return { status: "UNAVAILABLE", reason: error.code, engine: LOCAL_FACE_ENGINE };
      throw error;
    }
    for (const [document, faces] of [
      ["license", license],
      ["selfie", selfie],
    ] as const) {
      if (faces.usable.length === 0) return this.#notDetected(document, faces);
    }
    const portrait = license.usable[0] as DetectedFace;
    const distance = Math.min(
      ...selfie.usable.map((face) => euclidean(portrait.descriptor, face.descriptor)),
    );
    return {
      status: "COMPARED",
      similarity: distanceToSimilarity(distance, this.#calibration),
      faces: { license: license.usable.length, selfie: selfie.usable.length },
      engine: LOCAL_FACE_ENGINE,
    };
  }

  async #faces(bytes: Uint8Array): Promise<Faces> {
    const model = await loadFaceModel();
    const all = await model.detect(bytes, this.#minScore);
    const usable = all.filter((face) => Math.min(face.box.width, face.box.height) >= this.#minFaceSize);
    return { all: all.length, usable };
  }

  #notDetected(document: FaceDocument, faces: Faces): FaceComparison {
    return {
      status: "FACE_NOT_DETECTED",
      document,
      detail:
        faces.all === 0
          ? `no face found in the ${document}`
          : `the face in the ${document} is too small (under ${this.#minFaceSize} px)`,
      engine: LOCAL_FACE_ENGINE,
    };
  }
}

interface Faces {
  readonly all: number;
  readonly usable: readonly DetectedFace[];
}
