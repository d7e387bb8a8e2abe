import path from "node:path";
import sharp from "sharp";
import { createWorker, PSM, type Worker } from "tesseract.js";
import { dependencyDir } from "../package-paths.js";

/** One recognised word: its text, tesseract's confidence (0–100) and its box in pixels. */
export interface OcrWord {
  readonly text: string;
  readonly confidence: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * The English LSTM model, `best_int` flavour, as `@tesseract.js-data/eng` ships it (gzipped).
 * A local `langPath` makes tesseract.js read it from disk instead of its CDN default.
 */
export const languageDataDir = (): string =>
  path.join(dependencyDir("@tesseract.js-data/eng"), "4.0.0_best_int");

/**
 * Page segmentation "sparse text" (11): a card is scattered fields, not paragraphs; on the sample
 * cards it was as accurate as the default (3) and faster.
 */
async function startWorker(): Promise<Worker> {
  const worker = await createWorker("eng", 1, {
    langPath: languageDataDir(),
    cacheMethod: "none",
    gzip: true,
  });
  await worker.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT });
  return worker;
}

/** The bytes could not be decoded as an image. */
export class OcrImageError extends Error {
  readonly code = "BAD_DOCUMENT";
  constructor(cause: unknown) {
    super("the document could not be decoded as an image", { cause });
    this.name = "OcrImageError";
  }
}

/**
 * A tesseract.js worker, started on first use and reused. Offline by construction:
 * - `langPath` is the installed language data, `cacheMethod: "none"` so no `eng.traineddata` is
 *   ever written into the working directory (tesseract.js's default cache);
 * - the worker script and the wasm core are tesseract.js's and tesseract.js-core's own files (the
 *   Node build `require`s them; no `workerPath`/`corePath` URL is used).
 * The worker is a thread that keeps the process alive: `close()` it, or it ends itself after
 * `idleMs` without work.
 */
export class OcrEngine {
  #worker: Promise<Worker> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #idle: NodeJS.Timeout | undefined;
  readonly #idleMs: number;

  constructor(options: { readonly idleMs?: number } = {}) {
    this.#idleMs = options.idleMs ?? 5_000;
  }

  /**
   * Every word tesseract reads, the image scaled to 1000–2000 px wide. Colour is kept: measured on
   * the sample cards, a greyscale conversion before tesseract's own binarisation cost 10–30 points of
   * word confidence on the dates and the license number.
   */
  recognize(bytes: Uint8Array): Promise<OcrWord[]> {
    const run = this.#queue.then(() => this.#recognize(bytes));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker !== undefined) await (await worker).terminate();
  }

  async #recognize(bytes: Uint8Array): Promise<OcrWord[]> {
    clearTimeout(this.#idle);
    let image: Buffer;
    try {
      const meta = await sharp(bytes).metadata();
      const width = meta.autoOrient?.width ?? meta.width ?? 0;
      image = await sharp(bytes)
        .rotate()
        .resize(width < 1000 ? { width: 1000 } : { width: Math.min(width, 2000), withoutEnlargement: true })
        .png()
        .toBuffer();
    } catch (error) {
      throw new OcrImageError(error);
    }
    this.#worker ??= startWorker();
    try {
      const worker = await this.#worker;
      const { data } = await worker.recognize(image, {}, { blocks: true, text: false });
      const words: OcrWord[] = [];
      for (const block of data.blocks ?? [])
        for (const paragraph of block.paragraphs)
          for (const line of paragraph.lines)
            for (const word of line.words)
              words.push({ text: word.text, confidence: word.confidence, ...word.bbox });
      return words;
    } finally {
      this.#idle = setTimeout(() => void this.close(), this.#idleMs);
      this.#idle.unref?.();
    }
  }
}
