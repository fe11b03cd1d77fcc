import { BASE_DPI, LABEL_HEIGHT_IN, LABEL_WIDTH_IN, labelLayout as L, type TextRow } from './layout.js';
import type { ContainerLabel } from './models.js';

/*
 * ZPL II for Zebra thermal printers: one ^XA ... ^XZ format per printed copy, so a printer that
 * loses one copy never shifts the rest. Text is UTF-8 (^CI28) and every text field goes through
 * ^FH with '^', '~', '_' and '\' written as hex, so patient data can never become a command: a
 * name containing "^XZ" prints as those three characters.
 */

export type ZplDpi = 203 | 300;

export interface ZplOptions {
  /** Printer resolution; default 203 dpi (406 x 203 dots for 2 x 1 in). */
  dpi?: ZplDpi;
}

/** Field data safe inside ^FH^FD ... ^FS: command and escape characters as _XX hex, controls as spaces. */
export function zplFieldData(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += ' ';
    else if (ch === '^' || ch === '~' || ch === '_' || ch === '\\') out += `_${c.toString(16).toUpperCase()}`;
    else out += ch;
  }
  return out;
}

/** Barcode data is never escaped, so it must be the id alphabet alone. */
function barcodeData(id: string): string {
  if (!/^[A-Z0-9]+$/.test(id)) throw new RangeError(`Barcode data must be A-Z and 0-9, got ${JSON.stringify(id)}`);
  return id;
}

interface Scaled {
  d: (dots203: number) => number;
  code128Module: number;
  dataMatrixModule: number;
}

function scale(dpi: ZplDpi): Scaled {
  const k = dpi / BASE_DPI;
  // Module sizes chosen per resolution rather than scaled: 2 dots = 0.25 mm at 203, 3 dots = 0.25 mm at 300.
  return { d: (v) => Math.round(v * k), code128Module: dpi === 300 ? 3 : 2, dataMatrixModule: dpi === 300 ? 4 : 3 };
}

/**
 * Average advance of a character of font 0 (CG Triumvirate Bold Condensed) as a share of its
 * width parameter; an estimate erring wide, used to narrow the font of a long row rather than
 * let it run off the label or under the DataMatrix.
 */
const FONT0_ADVANCE = 0.62;

function text(s: Scaled, row: TextRow, value: string, opts: { align?: 'L' | 'R'; width?: number } = {}): string {
  if (value === '') return '';
  const h = s.d(row.height);
  const x = s.d(L.left);
  const fits = Math.floor((s.d(row.right) - x) / (Array.from(value).length * FONT0_ADVANCE));
  const w = Math.max(Math.round(h * 0.5), Math.min(Math.round(h * (opts.width ?? 0.8)), fits));
  const font = `^A0N,${h},${w}`;
  if (opts.align === 'R') return `^FO${x},${s.d(row.y)}^FB${s.d(row.right) - x},1,0,R${font}^FH^FD${zplFieldData(value)}^FS`;
  return `^FO${x},${s.d(row.y)}${font}^FH^FD${zplFieldData(value)}^FS`;
}

function statBar(s: Scaled): string {
  const { width, height } = L.statBar;
  const h = s.d(20);
  // A solid box, then the word reversed out of it (^FR), reading bottom to top along the left edge.
  return `^FO0,0^GB${s.d(width)},${s.d(height)},${s.d(width)}^FS^FO${s.d(4)},${s.d(70)}^A0B,${h},${h}^FR^FDSTAT^FS`;
}

/** One copy of the label as a complete ZPL format. */
function format(label: ContainerLabel, s: Scaled, dpi: ZplDpi): string {
  const id = barcodeData(label.containerId);
  const dmSide = 16 * s.dataMatrixModule; // room for up to a 16 x 16 symbol
  const lines = [
    '^XA',
    '^CI28',
    `^PW${LABEL_WIDTH_IN * dpi}`,
    `^LL${LABEL_HEIGHT_IN * dpi}`,
    '^LH0,0',
    label.stat ? statBar(s) : '',
    text(s, L.name, label.patientName, { width: 0.85 }),
    text(s, L.identifiers, label.mrnText),
    text(s, L.identifiers, label.demographicsText, { align: 'R' }),
    `^FO${s.d(L.code128.x)},${s.d(L.code128.y)}^BY${s.code128Module}^BCN,${s.d(L.code128.height)},N,N,N,A^FD${id}^FS`,
    text(s, L.humanReadable, label.humanReadableId),
    text(s, L.humanReadable, label.priorityText ?? '', { align: 'R' }),
    text(s, L.collection, label.collectionText),
    text(s, L.tests, label.testsText),
    text(s, L.container, [label.containerText, ...label.handlingText].join('  ')),
    `^FO${s.d(L.dataMatrix.right) - dmSide},${s.d(L.dataMatrix.y)}^BXN,${s.dataMatrixModule},200^FD${id}^FS`,
    '^XZ',
  ];
  return lines.filter((l) => l !== '').join('\n');
}

/** ZPL for one container: `label.copies` formats, one after another. */
export function renderLabelZpl(label: ContainerLabel, options: ZplOptions = {}): string {
  const dpi = options.dpi ?? 203;
  if (dpi !== 203 && dpi !== 300) throw new RangeError(`dpi must be 203 or 300, got ${String(dpi)}`);
  const one = format(label, scale(dpi), dpi);
  return Array.from({ length: label.copies }, () => one).join('\n') + '\n';
}

/** ZPL for several containers, in the order given (order of draw, if the caller sorted them). */
export function renderLabelsZpl(labels: readonly ContainerLabel[], options: ZplOptions = {}): string {
  return labels.map((l) => renderLabelZpl(l, options)).join('');
}
