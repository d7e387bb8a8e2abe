import path from "node:path";
import sharp, { type OverlayOptions } from "sharp";
import { packageRoot } from "../package-paths.js";

/** What a synthetic license shows. Dates are `YYYY-MM-DD`; the card prints them `MM/DD/YYYY`. */
export interface LicenseCard {
  readonly firstName: string;
  readonly middleName?: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly issueDate: string;
  readonly expirationDate: string;
  readonly licenseNumber: string;
  readonly address: {
    readonly line1: string;
    readonly city: string;
    readonly state: string;
    readonly postalCode: string;
  };
  /** The portrait, any image sharp reads; it is fitted into the portrait box. */
  readonly portrait: Uint8Array;
}

/** ID-1 card at 300 dpi (85.6 × 54 mm). */
export const CARD_WIDTH = 1012;
export const CARD_HEIGHT = 638;

/**
 * The font every card is drawn with: DejaVu Sans Condensed Bold, committed under `assets/fonts/`
 * (Bitstream Vera licence) and handed to Pango by file, so cards render the same on any machine
 * whatever fonts it has installed.
 */
export const cardFont = (): string =>
  path.join(packageRoot(), "assets", "fonts", "DejaVuSansCondensed-Bold.ttf");

const usDate = (iso: string): string => {
  const [y, m, d] = iso.split("-");
  return `${m}/${d}/${y}`;
};

const escapeMarkup = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

interface TextItem {
  readonly text: string;
  readonly size: number;
  readonly left: number;
  readonly top: number;
  readonly colour?: string;
}

async function renderText(item: TextItem): Promise<OverlayOptions> {
  const input = await sharp({
    text: {
      text: `<span foreground="${item.colour ?? "#111111"}">${escapeMarkup(item.text)}</span>`,
      font: `DejaVu Sans Condensed Bold ${item.size}`,
      fontfile: cardFont(),
      dpi: 72,
      rgba: true,
    },
  })
    .png()
    .toBuffer();
  return { input, left: item.left, top: item.top };
}

const BACKGROUND = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="#e8f0f8"/><stop offset="1" stop-color="#f7f3e6"/></linearGradient></defs>
  <rect width="100%" height="100%" rx="36" fill="url(#g)"/>
  <rect width="100%" height="96" fill="#1f3f6e"/>
  <circle cx="870" cy="420" r="120" fill="none" stroke="#c9d6e6" stroke-width="10"/>
  <rect x="36" y="126" width="288" height="360" fill="#d7dde5"/>
</svg>`;

/**
 * Renders a synthetic driver's license: a portrait on the left, the values in large type on the
 * right with small AAMVA-style field labels beside them, and "SAMPLE" all over the header so nobody
 * takes it for a real document. PNG bytes.
 */
export async function renderLicense(card: LicenseCard): Promise<Uint8Array> {
  const portrait = await sharp(card.portrait)
    .resize({ width: 288, height: 360, fit: "cover", position: "attention" })
    .toBuffer();
  const x = 360;
  const label = (text: string, top: number): TextItem => ({
    text,
    size: 15,
    left: x,
    top,
    colour: "#b3261e",
  });
  const value = (text: string, top: number, size = 32): TextItem => ({ text, size, left: x + 78, top });
  const given = [card.firstName, card.middleName]
    .filter((part) => part !== undefined && part !== "")
    .join(" ");
  const items: TextItem[] = [
    { text: "SAMPLE STATE", size: 30, left: 40, top: 14, colour: "#ffffff" },
    { text: "DRIVER LICENSE  ·  SPECIMEN", size: 22, left: 40, top: 56, colour: "#ffd866" },
    { text: "USA", size: 30, left: 900, top: 28, colour: "#ffffff" },
    label("4d DLN", 132),
    value(card.licenseNumber, 124, 36),
    label("3 DOB", 190),
    value(usDate(card.dateOfBirth), 182),
    label("4b EXP", 240),
    value(usDate(card.expirationDate), 232),
    label("4a ISS", 290),
    value(usDate(card.issueDate), 282, 26),
    label("1", 350),
    value(card.lastName.toUpperCase(), 340, 34),
    label("2", 400),
    value(given.toUpperCase(), 390, 34),
    label("8", 460),
    value(card.address.line1.toUpperCase(), 452, 28),
    value(`${card.address.city.toUpperCase()}, ${card.address.state} ${card.address.postalCode}`, 492, 28),
    { text: "CLASS C   END NONE   RESTR NONE", size: 18, left: 40, top: 510 },
    {
      text: "SYNTHETIC SAMPLE FOR SOFTWARE TESTS - NOT A REAL DOCUMENT",
      size: 15,
      left: 40,
      top: 590,
      colour: "#5b6b7f",
    },
  ];
  const overlays = await Promise.all(items.map(renderText));
  const png = await sharp(Buffer.from(BACKGROUND))
    .composite([{ input: portrait, left: 36, top: 126 }, ...overlays])
    .flatten({ background: "#ffffff" })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
