import {
  CompareFacesCommand,
  type CompareFacesCommandOutput,
  DetectFacesCommand,
  type RekognitionClient,
} from "@aws-sdk/client-rekognition";
import {
  type DocumentRef,
  type FaceComparison,
  type FaceDocument,
  type FaceMatcher,
  OnboardingFault,
} from "@onboarding/core";
import { dependencyFault, errorName } from "./sdk-error.js";

/** Rekognition's `QualityFilter` values. */
export type RekognitionQualityFilter = "NONE" | "AUTO" | "LOW" | "MEDIUM" | "HIGH";

export interface RekognitionFaceMatcherOptions {
  readonly client: RekognitionClient;
  /** The bucket the documents are in (the `DocumentStore`'s bucket); keys come from the refs. */
  readonly bucket: string;
  /**
   * `SimilarityThreshold`: faces under it come back in `UnmatchedFaces`, without a score. Keep it at
   * or below the policy's review band so every score that matters comes back. Default 0: always a score.
   */
  readonly similarityFloor?: number;
  /** `QualityFilter`: faces under the bar are not compared. Default `AUTO`. */
  readonly qualityFilter?: RekognitionQualityFilter;
  /**
   * When CompareFaces answers "no face" it does not say in which image; with this on (the default)
   * one DetectFaces call on the selfie tells which. Off: the outcome names the license.
   */
  readonly identifyImageWithoutFace?: boolean;
}

export const REKOGNITION_ENGINE = "aws-rekognition";
const DEPENDENCY = "rekognition";

/** Rekognition's message for an image without a face (an `InvalidParameterException`). */
const NO_FACE = /no faces? (were |was )?(detected|found|in the image)|there are no faces/i;

/** Exceptions that say "this image cannot be judged" rather than "the service failed". */
const IMAGE_UNUSABLE: Readonly<Record<string, string>> = {
  ImageTooLargeException: "IMAGE_TOO_LARGE",
  InvalidImageFormatException: "INVALID_IMAGE_FORMAT",
};

/**
 * The `FaceMatcher` on Amazon Rekognition `CompareFaces`.
 *
 * The license is the source image (Rekognition compares its largest face, the portrait) and the
 * selfie the target, so `faces.selfie` counts every face in the selfie. Both images are passed as
 * `S3Object` references: no image byte goes through the caller.
 *
 * - A match: `COMPARED` with the best `FaceMatches` similarity.
 * - Faces but none at or above `similarityFloor`: `COMPARED` with similarity 0 (Rekognition gives
 *   no score for `UnmatchedFaces`).
 * - No face in the selfie (empty target, or "no face" confirmed by DetectFaces): `FACE_NOT_DETECTED`.
 * - Image too large / not a JPEG or PNG: `UNAVAILABLE` with a code.
 * - Throttling (`ThrottlingException`, `ProvisionedThroughputExceededException`), 5xx: retryable `DependencyFault`.
 *
 * @example
 * ```ts
 * const matcher = new RekognitionFaceMatcher({ client: new RekognitionClient({}), bucket: "onboarding-documents", similarityFloor: 80 });
 * ```
 */
export class RekognitionFaceMatcher implements FaceMatcher {
  readonly #client: RekognitionClient;
  readonly #bucket: string;
  readonly #floor: number;
  readonly #quality: RekognitionQualityFilter;
  readonly #identify: boolean;

  constructor(options: RekognitionFaceMatcherOptions) {
    const floor = options.similarityFloor ?? 0;
    if (!(floor >= 0 && floor <= 100)) {
      throw new OnboardingFault(
        "CONFIGURATION_INVALID",
        `similarityFloor must be within 0–100 (got ${floor})`,
      );
    }
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#floor = floor;
    this.#quality = options.qualityFilter ?? "AUTO";
    this.#identify = options.identifyImageWithoutFace ?? true;
  }

  async compareFaces(request: {
    readonly license: DocumentRef;
    readonly selfie: DocumentRef;
  }): Promise<FaceComparison> {
    let output: CompareFacesCommandOutput;
    try {
      output = await this.#client.send(
        new CompareFacesCommand({
          SourceImage: { S3Object: { Bucket: this.#bucket, Name: request.license.key } },
          TargetImage: { S3Object: { Bucket: this.#bucket, Name: request.selfie.key } },
          SimilarityThreshold: this.#floor,
          QualityFilter: this.#quality,
        }),
      );
    } catch (error) {
      return this.#onError(error, request.selfie);
    }

    const matches = output.FaceMatches ?? [];
    const selfieFaces = matches.length + (output.UnmatchedFaces ?? []).length;
    if (selfieFaces === 0) {
      return {
        status: "FACE_NOT_DETECTED",
        document: "selfie",
        detail: "no face in the selfie passed the quality filter",
        engine: REKOGNITION_ENGINE,
      };
    }
    const similarity = Math.max(0, ...matches.map((match) => match.Similarity ?? 0));
    return {
      status: "COMPARED",
      similarity: Math.min(100, similarity),
      faces: { license: output.SourceImageFace === undefined ? 0 : 1, selfie: selfieFaces },
      engine: REKOGNITION_ENGINE,
    };
  }

  async #onError(error: unknown, selfie: DocumentRef): Promise<FaceComparison> {
    const name = errorName(error);
    const message = (error as { message?: string }).message ?? "";
    if (name === "InvalidParameterException" && NO_FACE.test(message)) {
      const document = await this.#imageWithoutFace(selfie);
      return {
        status: "FACE_NOT_DETECTED",
        document,
        detail: `Rekognition found no face in the ${document}`,
        engine: REKOGNITION_ENGINE,
      };
    }
    const code = IMAGE_UNUSABLE[name];
    if (code !== undefined) return { status: "UNAVAILABLE", reason: code, engine: REKOGNITION_ENGINE };
    throw dependencyFault(DEPENDENCY, "CompareFaces", error);
  }

  /** CompareFaces' "no face" does not say which image: the selfie has none, or else the license. */
  async #imageWithoutFace(selfie: DocumentRef): Promise<FaceDocument> {
    if (!this.#identify) return "license";
    try {
      const detected = await this.#client.send(
        new DetectFacesCommand({ Image: { S3Object: { Bucket: this.#bucket, Name: selfie.key } } }),
      );
      return (detected.FaceDetails ?? []).length === 0 ? "selfie" : "license";
    } catch (error) {
      throw dependencyFault(DEPENDENCY, "DetectFaces", error);
    }
  }
}
