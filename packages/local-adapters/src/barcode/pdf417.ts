import { readFileSync } from "node:fs";
import { prepareZXingModule, readBarcodes, writeBarcode } from "zxing-wasm/full";
import { requireLocal } from "../package-paths.js";

let prepared: Promise<unknown> | undefined;

/**
 * zxing-wasm compiles its wasm from the installed `zxing-wasm/dist/full/zxing_full.wasm`, handed over
 * as `wasmBinary`; its default `locateFile` would fetch it from a CDN.
 */
function prepare(): Promise<unknown> {
  prepared ??= Promise.resolve().then(() => {
    const wasmFile = requireLocal.resolve("zxing-wasm/full/zxing_full.wasm");
    const wasmBinary = readFileSync(wasmFile);
    return prepareZXingModule({
      overrides: {
        wasmBinary: wasmBinary.buffer.slice(
          wasmBinary.byteOffset,
          wasmBinary.byteOffset + wasmBinary.byteLength,
        ),
        locateFile: () => wasmFile,
      },
      fireImmediately: true,
    });
  });
  return prepared;
}

/** The texts of the PDF417 barcodes found in an image (JPEG/PNG bytes); none: an empty array. */
export async function readPdf417(image: Uint8Array): Promise<string[]> {
  await prepare();
  const results = await readBarcodes(image, { formats: ["PDF417"], tryHarder: true, maxNumberOfSymbols: 2 });
  return results.filter((r) => r.isValid).map((r) => new TextDecoder("latin1").decode(r.bytes));
}

/** A PDF417 barcode of `text`, as PNG bytes. */
export async function writePdf417(text: string): Promise<Uint8Array> {
  await prepare();
  const written = await writeBarcode(text, { format: "PDF417", scale: 3 });
  if (written.image === null) throw new Error(`PDF417 could not be written: ${written.error}`);
  return new Uint8Array(await written.image.arrayBuffer());
}
