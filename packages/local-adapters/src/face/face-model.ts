import path from "node:path";
import type * as FaceApi from "@vladmandic/face-api/dist/face-api.node-wasm.js";
import sharp from "sharp";
import { dependencyDir, requireLocal } from "../package-paths.js";

type Tf = typeof import("@tensorflow/tfjs");
type TfWasm = typeof import("@tensorflow/tfjs-backend-wasm");

/** One face found in an image: its box (pixels of the decoded image) and its 128-d descriptor. */
export interface DetectedFace {
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly score: number;
  readonly descriptor: Float32Array;
}

/** Images are scaled down to this longest side before detection: time is bounded, faces stay large. */
const MAX_SIDE = 1024;

export interface FaceModel {
  /** Every face in the image, largest first. Throws `ImageDecodeError` when the bytes are no image. */
  detect(bytes: Uint8Array, minConfidence: number): Promise<DetectedFace[]>;
}

/** The bytes could not be decoded as an image. */
export class ImageDecodeError extends Error {
  readonly code = "INVALID_IMAGE_FORMAT";
  constructor(cause: unknown) {
    super("the image could not be decoded", { cause });
    this.name = "ImageDecodeError";
  }
}

/** Decodes any image sharp reads (JPEG, PNG, WebP…) to RGB bytes, EXIF-oriented and size-bounded. */
export async function decodeRgb(
  bytes: Uint8Array,
  maxSide = MAX_SIDE,
): Promise<{ data: Uint8Array; width: number; height: number }> {
  try {
    const { data, info } = await sharp(bytes)
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    throw new ImageDecodeError(error);
  }
}

let loading: Promise<FaceModel> | undefined;

/**
 * face-api on the tfjs WASM backend, loaded once per process (lazily, memoised).
 *
 * Everything is read from installed packages: the `.wasm` binaries from
 * `@tensorflow/tfjs-backend-wasm/dist/` (tfjs's default is a CDN) and the weights from
 * `@vladmandic/face-api/model/` with `loadFromDisk`. Nothing is fetched.
 */
export function loadFaceModel(): Promise<FaceModel> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined; // a failed load is retried on the next call
    throw error;
  });
  return loading;
}

async function load(): Promise<FaceModel> {
  const tf = requireLocal("@tensorflow/tfjs") as Tf;
  const wasm = requireLocal("@tensorflow/tfjs-backend-wasm") as TfWasm;
  const faceapi = requireLocal("@vladmandic/face-api/dist/face-api.node-wasm.js") as typeof FaceApi;
  wasm.setWasmPaths(`${path.join(dependencyDir("@tensorflow/tfjs-backend-wasm"), "dist")}${path.sep}`);
  if (!(await tf.setBackend("wasm"))) throw new Error("the tfjs wasm backend could not start");
  await tf.ready();
  const modelDir = path.join(dependencyDir("@vladmandic/face-api"), "model");
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);

  const detectIn = async (
    input: import("@tensorflow/tfjs").Tensor3D,
    minConfidence: number,
    dx: number,
    dy: number,
  ) => {
    const found = await faceapi
      .detectAllFaces(input as never, new faceapi.SsdMobilenetv1Options({ minConfidence }))
      .withFaceLandmarks()
      .withFaceDescriptors();
    return found.map((face): DetectedFace => {
      const { x, y, width: w, height: h } = face.detection.box;
      return {
        box: { x: x + dx, y: y + dy, width: w, height: h },
        score: face.detection.score,
        descriptor: face.descriptor,
      };
    });
  };

  return {
    async detect(bytes, minConfidence) {
      const { data, width, height } = await decodeRgb(bytes);
      const input = tf.tensor3d(data, [height, width, 3], "int32");
      try {
        const found = await detectIn(input, minConfidence, 0, 0);
        // The detector pads its input to a square: on a wide card the portrait shrinks and its score
        // drops (0.33 for a face scored 0.98 in a square crop of the same card). Square windows fix that.
        for (const window of squareWindows(width, height)) {
          const crop = tf.slice(
            input,
            [window.y, window.x, 0],
            [window.side, window.side, 3],
          ) as typeof input;
          try {
            found.push(...(await detectIn(crop, minConfidence, window.x, window.y)));
          } finally {
            crop.dispose();
          }
        }
        return dedupe(found).sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      } finally {
        input.dispose();
      }
    },
  };
}

/** Square windows over an image more than 1.3 times wider than tall (or taller than wide), half-overlapping. */
export function squareWindows(width: number, height: number): { x: number; y: number; side: number }[] {
  const side = Math.min(width, height);
  const long = Math.max(width, height);
  if (long < 1.3 * side) return [];
  const windows: { x: number; y: number; side: number }[] = [];
  const step = side / 2;
  for (let at = 0; ; at += step) {
    const start = Math.min(Math.round(at), long - side);
    windows.push(width >= height ? { x: start, y: 0, side } : { x: 0, y: start, side });
    if (start >= long - side) break;
  }
  return windows;
}

const iou = (a: DetectedFace["box"], b: DetectedFace["box"]): number => {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
};

/** One detection per face: overlapping boxes (IoU > 0.3) keep the higher score. */
export function dedupe(faces: readonly DetectedFace[]): DetectedFace[] {
  const kept: DetectedFace[] = [];
  for (const face of [...faces].sort((a, b) => b.score - a.score))
    if (kept.every((k) => iou(k.box, face.box) <= 0.3)) kept.push(face);
  return kept;
}
