import { existsSync, readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import bwipjs from 'bwip-js';
import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { LabelError } from './errors.js';
import { BASE_DPI, LABEL_HEIGHT_IN, LABEL_WIDTH_IN, labelLayout as L, type TextRow } from './layout.js';
import type { ContainerLabel } from './models.js';

/*
 * PDF labels for printers without ZPL (and for looking at a label on screen): the same layout as
 * zpl.ts in points, Helvetica (with Unicode fonts of this machine for other scripts), barcodes drawn by bwip-js as PNG. One 2 x 1 in page per printed
 * copy (label rolls), or a sheet of 2 x 1 in cells on Letter or A4 paper.
 */

const PT = 72 / BASE_DPI;
const LABEL_W = LABEL_WIDTH_IN * 72;
const LABEL_H = LABEL_HEIGHT_IN * 72;
/** bwip-js scale: pixels per module of the Code 128 PNG (whole pixels keep bar edges sharp). */
const PNG_SCALE = 4;
/** BWIPP draws a DataMatrix module two units wide, so its PNG has 2 x PNG_SCALE pixels per module. */
const DATAMATRIX_PX_PER_MODULE = 2 * PNG_SCALE;

export interface PdfOptions {
  /** Print on a sheet of 2 x 1 in cells instead of one label per page. */
  sheet?: { pageSize: 'letter' | 'a4' };
}

const PAGE_SIZES = { letter: [612, 792], a4: [595.28, 841.89] } as const;
const SHEET_MARGIN = 18; // 0.25 in: the unprintable edge of most office printers

/**
 * The faces a row may use, tried in order for each character: Helvetica (the standard PDF font,
 * nothing embedded), then Unicode fonts found on this machine for what Helvetica cannot print
 * (Cyrillic, Greek, Vietnamese and Arabic letters from DejaVu Sans; Chinese, Japanese and Korean
 * from Droid Sans Fallback), embedded as subsets only when a label needs them.
 */
interface Face {
  font: PDFFont;
  has: (ch: string) => boolean;
}

interface Fonts {
  regular: Face[];
  bold: Face[];
}

function standardFace(font: PDFFont): Face {
  const known = new Map<string, boolean>();
  return {
    font,
    has: (ch) => {
      let ok = known.get(ch);
      if (ok === undefined) {
        try {
          font.encodeText(ch);
          ok = true;
        } catch {
          ok = false;
        }
        known.set(ch, ok);
      }
      return ok;
    },
  };
}

/** Unicode fonts to fall back on, regular and bold: ALLIED_LABEL_FONTS (paths separated by ':') first. */
/**
 * `subset`: embed only the glyphs used. pdf-lib's subsetter loses the glyphs of some fonts (Droid
 * Sans Fallback's CJK print blank), so fonts not checked here go whole (Droid: about 3.8 MB a PDF).
 */
const UNICODE_FONTS: { regular: string; bold?: string; subset: boolean }[] = [
  ...(process.env.ALLIED_LABEL_FONTS ?? '').split(':').filter(Boolean).map((regular) => ({ regular, subset: false })),
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', subset: true },
  { regular: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', subset: false },
];

/** A font file as read once per process: its bytes and which characters it has. */
interface FontFile {
  bytes: Uint8Array;
  has: (ch: string) => boolean;
}

// read and parsed on first need; a missing, unreadable or unparsable file is skipped (null)
const fontFiles = new Map<string, FontFile | null>();
function fontFile(path: string): FontFile | null {
  if (!fontFiles.has(path)) {
    let file: FontFile | null = null;
    try {
      if (existsSync(path)) {
        const bytes = readFileSync(path);
        const parsed = fontkit.create(bytes);
        file = { bytes, has: (ch) => parsed.hasGlyphForCodePoint(ch.codePointAt(0)!) };
      }
    } catch {
      file = null;
    }
    fontFiles.set(path, file);
  }
  return fontFiles.get(path)!;
}

/**
 * Helvetica for both weights, plus the Unicode fonts that have a character of `texts` Helvetica
 * lacks: each embedded once (bold where the family has one), and only when it has one of them.
 */
async function fontsFor(doc: PDFDocument, texts: readonly string[]): Promise<Fonts> {
  const regular = standardFace(await doc.embedFont(StandardFonts.Helvetica));
  const bold = standardFace(await doc.embedFont(StandardFonts.HelveticaBold));
  const fonts: Fonts = { regular: [regular], bold: [bold] };
  let missing = new Set<string>();
  for (const text of texts) for (const ch of text) if (ch.codePointAt(0)! >= 0x20 && !regular.has(ch)) missing.add(ch);
  if (!missing.size) return fonts;
  doc.registerFontkit(fontkit);
  const embed = async (file: FontFile, subset: boolean): Promise<Face | null> => {
    try {
      return { font: await doc.embedFont(file.bytes, { subset }), has: file.has };
    } catch {
      return null; // not a font pdf-lib can embed
    }
  };
  for (const files of UNICODE_FONTS) {
    const file = fontFile(files.regular);
    if (!file || ![...missing].some((ch) => file.has(ch))) continue;
    const face = await embed(file, files.subset);
    if (!face) continue;
    const boldFile = files.bold ? fontFile(files.bold) : null;
    fonts.regular.push(face);
    fonts.bold.push((boldFile && (await embed(boldFile, files.subset))) || face);
    missing = new Set([...missing].filter((ch) => !file.has(ch)));
    if (!missing.size) break;
  }
  return fonts;
}

/**
 * The row's text in runs of one face each: a character goes to the first face that has it;
 * one no face has loses its accents if that makes it printable, else prints '?'. A patient
 * identifier (`strict`) that would print a '?' is refused: it would no longer identify.
 */
function runsOf(faces: readonly Face[], text: string, strict: string | null): { font: PDFFont; text: string }[] {
  const runs: { font: PDFFont; text: string }[] = [];
  const put = (font: PDFFont, ch: string) => {
    const last = runs[runs.length - 1];
    if (last?.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  };
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      put(faces[0].font, ' ');
      continue;
    }
    const face = faces.find((f) => f.has(ch));
    if (face) {
      put(face.font, ch);
      continue;
    }
    const bare = Array.from(ch.normalize('NFD').replace(/\p{M}/gu, ''));
    const bareFace = bare.length ? faces.find((f) => bare.every((b) => f.has(b))) : undefined;
    if (bareFace) for (const b of bare) put(bareFace.font, b);
    else if (strict) throw new LabelError('invalid', `${JSON.stringify(text)} has characters no label font on this server can print; use a ZPL printer (UTF-8), or give a font that has them in ALLIED_LABEL_FONTS`, strict);
    else put(faces[0].font, '?');
  }
  return runs;
}

interface Barcodes {
  code128: PDFImage;
  dataMatrix: PDFImage;
}

interface RowOptions {
  align?: 'L' | 'R';
  /** The input field to blame when an identifier cannot be printed faithfully. */
  identifier?: string;
}

function drawRow(page: PDFPage, x0: number, y0: number, faces: readonly Face[], row: TextRow, value: string, opts: RowOptions = {}): void {
  if (value === '') return;
  const runs = runsOf(faces, value, opts.identifier ?? null);
  const widthAt = (size: number) => runs.reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  const avail = (row.right - L.left) * PT;
  let size = row.height * PT * 0.82;
  const width = widthAt(size);
  // Never drop characters here (label.ts already cut what may be cut): squeeze the size instead.
  if (width > avail) size *= avail / width;
  let x = opts.align === 'R' ? x0 + row.right * PT - widthAt(size) : x0 + L.left * PT;
  const baseline = y0 + LABEL_H - (row.y + row.height * 0.8) * PT;
  for (const run of runs) {
    page.drawText(run.text, { x, y: baseline, size, font: run.font, color: rgb(0, 0, 0) });
    x += run.font.widthOfTextAtSize(run.text, size);
  }
}

function drawStatBar(page: PDFPage, x0: number, y0: number, font: PDFFont): void {
  const barW = L.statBar.width * PT;
  page.drawRectangle({ x: x0, y: y0, width: barW, height: LABEL_H, color: rgb(0, 0, 0) });
  const size = 7.5;
  const w = font.widthOfTextAtSize('STAT', size);
  // Rotated 90 degrees: reads bottom to top, glyph tops toward the label's edge.
  page.drawText('STAT', { x: x0 + barW / 2 + size * 0.36, y: y0 + (LABEL_H - w) / 2, size, font, color: rgb(1, 1, 1), rotate: degrees(90) });
}

/** Every text a label prints (the fonts are chosen for all of them before drawing). */
const labelTexts = (l: ContainerLabel): string[] => [l.patientName, l.mrnText, l.demographicsText, l.humanReadableId, l.priorityText ?? '', l.collectionText, l.testsText, l.containerText, ...l.handlingText];

function drawLabel(page: PDFPage, x0: number, y0: number, label: ContainerLabel, fonts: Fonts, codes: Barcodes): void {
  if (label.stat) drawStatBar(page, x0, y0, fonts.bold[0].font);
  drawRow(page, x0, y0, fonts.bold, L.name, label.patientName, { identifier: 'patient.name' });
  drawRow(page, x0, y0, fonts.bold, L.identifiers, label.mrnText, { identifier: 'patient.mrn' });
  drawRow(page, x0, y0, fonts.regular, L.identifiers, label.demographicsText, { align: 'R' });

  const c128 = codes.code128;
  const modulePt = L.code128.moduleDots * PT;
  page.drawImage(c128, {
    x: x0 + L.code128.x * PT,
    y: y0 + LABEL_H - (L.code128.y + L.code128.height) * PT,
    width: (c128.width / PNG_SCALE) * modulePt,
    height: L.code128.height * PT,
  });

  drawRow(page, x0, y0, fonts.bold, L.humanReadable, label.humanReadableId);
  drawRow(page, x0, y0, fonts.bold, L.humanReadable, label.priorityText ?? '', { align: 'R' });
  drawRow(page, x0, y0, fonts.regular, L.collection, label.collectionText);
  drawRow(page, x0, y0, fonts.regular, L.tests, label.testsText);
  drawRow(page, x0, y0, fonts.bold, L.container, [label.containerText, ...label.handlingText].join('  '));

  const dm = codes.dataMatrix;
  const side = (dm.width / DATAMATRIX_PX_PER_MODULE) * L.dataMatrix.moduleDots * PT;
  page.drawImage(dm, { x: x0 + L.dataMatrix.right * PT - side, y: y0 + LABEL_H - L.dataMatrix.y * PT - side, width: side, height: side });
}

async function barcodesFor(doc: PDFDocument, id: string): Promise<Barcodes> {
  const common = { text: id, scale: PNG_SCALE, backgroundcolor: 'FFFFFF', includetext: false } as const;
  const [linear, matrix] = await Promise.all([
    bwipjs.toBuffer({ ...common, bcid: 'code128', height: 10 }),
    bwipjs.toBuffer({ ...common, bcid: 'datamatrix' }),
  ]);
  return { code128: await doc.embedPng(linear), dataMatrix: await doc.embedPng(matrix) };
}

/** Label cells on a page: one per page for rolls, a centred grid for sheets (top-left first). */
function cells(options: PdfOptions): { pageSize: [number, number]; origins: [number, number][] } {
  if (!options.sheet) return { pageSize: [LABEL_W, LABEL_H], origins: [[0, 0]] };
  const [w, h] = PAGE_SIZES[options.sheet.pageSize];
  const cols = Math.floor((w - 2 * SHEET_MARGIN) / LABEL_W);
  const rows = Math.floor((h - 2 * SHEET_MARGIN) / LABEL_H);
  const left = (w - cols * LABEL_W) / 2;
  const top = h - (h - rows * LABEL_H) / 2;
  const origins: [number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) origins.push([left + c * LABEL_W, top - (r + 1) * LABEL_H]);
  return { pageSize: [w, h], origins };
}

/** A PDF with every copy of every label, in the order given. */
export async function renderLabelsPdf(labels: readonly ContainerLabel[], options: PdfOptions = {}): Promise<Uint8Array> {
  if (labels.length === 0) throw new LabelError('invalid', 'No labels to print', 'labels');
  const doc = await PDFDocument.create();
  doc.setTitle('Specimen labels'); // no patient data in the document information
  doc.setCreator('Allied');
  const fonts = await fontsFor(doc, labels.flatMap(labelTexts));
  const { pageSize, origins } = cells(options);
  const codes = new Map<string, Barcodes>();
  let page: PDFPage | null = null;
  let slot = origins.length;
  for (const label of labels) {
    if (!codes.has(label.containerId)) codes.set(label.containerId, await barcodesFor(doc, label.containerId));
    for (let copy = 0; copy < label.copies; copy++) {
      if (slot === origins.length) {
        page = doc.addPage(pageSize);
        slot = 0;
      }
      const [x, y] = origins[slot++];
      drawLabel(page!, x, y, label, fonts, codes.get(label.containerId)!);
    }
  }
  return doc.save();
}
