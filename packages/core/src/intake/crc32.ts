// Slicing-by-8: eight 256-entry tables let the loop consume 8 bytes per step, about 3–4x faster
// than the byte-at-a-time table in V8 — CRC-checking every inflated byte is most of intake's
// cost on a valid submission.
const TABLES = (() => {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  const first = tables[0] as Uint32Array;
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    first[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = first[n] as number;
    for (let t = 1; t < 8; t++) {
      c = (first[c & 0xff] as number) ^ (c >>> 8);
      (tables[t] as Uint32Array)[n] = c >>> 0;
    }
  }
  return tables as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
})();

/** Continues a CRC-32 (ISO-HDLC, as zip uses) over `bytes`. Start with `0`. */
export const updateCrc32 = (crc: number, bytes: Uint8Array): number => {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES;
  let c = ~crc >>> 0;
  let i = 0;
  const end8 = bytes.length - (bytes.length % 8);
  for (; i < end8; i += 8) {
    const lo =
      (c ^
        ((bytes[i] as number) |
          ((bytes[i + 1] as number) << 8) |
          ((bytes[i + 2] as number) << 16) |
          ((bytes[i + 3] as number) << 24))) >>>
      0;
    const hi =
      ((bytes[i + 4] as number) |
        ((bytes[i + 5] as number) << 8) |
        ((bytes[i + 6] as number) << 16) |
        ((bytes[i + 7] as number) << 24)) >>>
      0;
    c =
      ((t7[lo & 0xff] as number) ^
        (t6[(lo >>> 8) & 0xff] as number) ^
        (t5[(lo >>> 16) & 0xff] as number) ^
        (t4[lo >>> 24] as number) ^
        (t3[hi & 0xff] as number) ^
        (t2[(hi >>> 8) & 0xff] as number) ^
        (t1[(hi >>> 16) & 0xff] as number) ^
        (t0[hi >>> 24] as number)) >>>
      0;
  }
  for (; i < bytes.length; i++) c = (t0[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
};
