/** A region of a source photo, in pixels. */
export interface Crop {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** A person whose photo ships in `fixtures/faces/` (see PROVENANCE.md there). */
export interface SamplePerson {
  readonly id: "collins" | "hopper";
  readonly photo: string;
  /** Head and shoulders, 4:5, for the license portrait. */
  readonly portrait: Crop;
  /** A tighter crop around the face, for a "selfie". */
  readonly face: Crop;
}

/** Crops measured once on the photos (face boxes from face-api: collins ~83×102 px at 181,73; hopper ~183×205 px at 169,123). */
export const SAMPLE_PEOPLE: readonly SamplePerson[] = [
  {
    id: "collins",
    photo: "collins.png",
    portrait: { left: 123, top: 20, width: 200, height: 250 },
    face: { left: 150, top: 40, width: 150, height: 170 },
  },
  {
    id: "hopper",
    photo: "hopper.jpg",
    portrait: { left: 80, top: 40, width: 360, height: 450 },
    face: { left: 130, top: 80, width: 260, height: 290 },
  },
];
