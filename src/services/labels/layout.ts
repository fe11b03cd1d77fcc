/*
 * Geometry of the 2 x 1 inch specimen label (50.8 x 25.4 mm; CLSI AUTO12 via DOMAIN.md A.6), shared
 * by the ZPL and PDF renderers so both print the same label. Units are dots of a 203 dpi printer
 * (406 x 203); zpl.ts scales them for 300 dpi and pdf.ts converts them to points.
 *
 *   | S |  LAST, FIRST M                                   line 1 (name)
 *   | T |  MRN 12345678              DOB 1980-03-10 45Y F   line 2 (second identifier)
 *   | A |      ||||||||||||||||||||||||||||||              Code 128 of the container id
 *   | T |  A25 0001234 55 01 4          ASAP    [DM]    human-readable id, priority
 *   |   |  Col: 2025-03-10 08:40 jd12           [DM]    line 5 (collection)
 *   |   |  CMP, LIPID, TSH                      [DM]    line 6 (tests)
 *   |   |  GOLD SST  ON ICE                             container and handling
 * The left strip is always reserved, so positions do not move between STAT and routine labels.
 */

export const BASE_DPI = 203;
export const LABEL_WIDTH_IN = 2;
export const LABEL_HEIGHT_IN = 1;
export const LABEL_WIDTH_DOTS = 406;
export const LABEL_HEIGHT_DOTS = 203;

export interface TextRow {
  y: number;
  /** Character cell height. */
  height: number;
  /** Rightmost dot the row's text may reach. */
  right: number;
}

export const labelLayout = {
  statBar: { x: 0, y: 0, width: 26, height: LABEL_HEIGHT_DOTS },
  left: 32,
  right: 398,
  name: { y: 5, height: 26, right: 398 },
  identifiers: { y: 34, height: 19, right: 398 },
  /** Code 128: 2-dot modules (0.25 mm, about 10 mil); 10-module quiet zones keep it clear of the strip. */
  code128: { x: 54, y: 57, height: 44, moduleDots: 2 },
  humanReadable: { y: 105, height: 19, right: 342 },
  collection: { y: 128, height: 19, right: 342 },
  tests: { y: 150, height: 19, right: 342 },
  container: { y: 172, height: 19, right: 398 },
  /** DataMatrix ECC 200, 3-dot modules (up to 16 x 16), right of the id, collection and tests rows. */
  dataMatrix: { right: 396, y: 105, moduleDots: 3 },
} as const;

/** Character limits chosen so the condensed printer font and Helvetica both fit their row. */
export const textLimits = {
  patientName: 26,
  /** Test names are kept whole; the rest are counted as "+N". */
  tests: 30,
} as const;

/** Text cut to `max` characters, the cut marked with a trailing '+'. */
export function truncateMarked(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join('').replace(/[,\s'-]+$/, '') + '+';
}
