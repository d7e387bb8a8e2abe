export {
  type AamvaRecord,
  aamvaDate,
  aamvaElements,
  aamvaPostalCode,
  encodeAamva,
  identityFromAamva,
  isAamva,
} from "./barcode/aamva.js";
export { readPdf417, writePdf417 } from "./barcode/pdf417.js";
export type { DocumentSource } from "./document-bytes.js";
export {
  assertCalibration,
  DEFAULT_CALIBRATION,
  type DistanceCalibration,
  distanceToSimilarity,
} from "./face/distance-to-similarity.js";
export { type DetectedFace, decodeRgb, type FaceModel, loadFaceModel } from "./face/face-model.js";
export {
  LOCAL_FACE_ENGINE,
  LocalFaceMatcher,
  type LocalFaceMatcherOptions,
} from "./face/local-face-matcher.js";
export * from "./file-store/index.js";
export {
  DISAGREEMENT_CONFIDENCE,
  LOCAL_ID_ENGINE,
  LocalIdExtractor,
  type LocalIdExtractorOptions,
  mergeFrontAndBack,
} from "./local-id-extractor.js";
export { languageDataDir, OcrEngine, type OcrWord } from "./ocr/ocr-engine.js";
export {
  type ParsedFront,
  parseCityLine,
  parseLicenseFront,
  parseUsDate,
  type Segment,
  segment,
} from "./ocr/parse-license-text.js";
export {
  deriveSelfie,
  noFaceImage,
  photoOf,
  portraitOf,
  SELFIE_VARIANTS,
  type SelfieVariant,
  tinyFaceImage,
  twoFacesImage,
} from "./samples/derive.js";
export {
  applicationCsv,
  buildSamples,
  generateSamples,
  type SampleSubmission,
} from "./samples/generate-samples.js";
export { type Crop, SAMPLE_PEOPLE, type SamplePerson } from "./samples/people.js";
export { CARD_HEIGHT, CARD_WIDTH, type LicenseCard, renderLicense } from "./samples/render-license.js";
export { applicationFor, BENCH_CARDS, type CardFields, SAMPLE_CARDS } from "./samples/sample-identities.js";
