import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerId } from './accession.js';
import { LabelError } from './errors.js';
import { buildContainerLabel } from './label.js';
import { renderLabelsPdf } from './pdf.js';
import { ACCESSION, CONTAINER_ID, labelInput } from './test-fixtures.js';

/*
 * Read-back with tools nobody here wrote: poppler (pdftotext, pdftoppm, pdfinfo) for the page,
 * zbar for Code 128 and libdmtx for DataMatrix (zbar has no DataMatrix decoder).
 */

const TOOLS: Record<string, string> = { pdftotext: 'poppler-utils', pdftoppm: 'poppler-utils', pdfinfo: 'poppler-utils', zbarimg: 'zbar-tools', dmtxread: 'dmtx-utils' };

function tool(name: string, args: string[]): string {
  if (spawnSync('sh', ['-c', `command -v ${name}`]).status !== 0) {
    assert.fail(`${name} is not installed: apt-get install ${TOOLS[name]} (Debian package "${TOOLS[name]}")`);
  }
  return execFileSync(name, args, { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

const dir = mkdtempSync(join(tmpdir(), 'allied-labels-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function writePdf(name: string, ...args: Parameters<typeof renderLabelsPdf>): Promise<string> {
  const bytes = await renderLabelsPdf(...args);
  assert.ok(bytes instanceof Uint8Array);
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

/** Each page at 600 dpi as a PNG file, in page order. */
function renderPages(pdf: string, prefix: string): string[] {
  tool('pdftoppm', ['-r', '600', '-png', pdf, join(dir, prefix)]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}

/** Share of dark pixels between two heights (inches from the top) of a label's first page, rendered at 100 dpi. */
function inkBetween(pdf: string, topIn: number, bottomIn: number): number {
  const base = join(dir, `ink-${Date.now()}`);
  tool('pdftoppm', ['-r', '100', '-gray', '-singlefile', '-f', '1', '-l', '1', pdf, base]);
  const pgm = readFileSync(`${base}.pgm`);
  const [headerEnd, w, h] = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(pgm.toString('latin1', 0, 40))!.map((v, i) => (i === 0 ? v.length : Number(v)));
  let dark = 0;
  const rows = [Math.round(topIn * 100), Math.min(h, Math.round(bottomIn * 100))];
  for (let y = rows[0]; y < rows[1]; y++) for (let x = 0; x < w; x++) if (pgm[headerEnd + y * w + x] < 128) dark++;
  return dark / ((rows[1] - rows[0]) * w);
}

const code128 = (png: string): string[] => tool('zbarimg', ['-q', '--raw', '-Sdisable', '-Scode128.enable', png]).split('\n').filter((l) => l !== '').sort();
const dataMatrix = (png: string, count = 1): string[] => tool('dmtxread', [`-N${count}`, '-m', '30000', '-n', png]).split('\n').filter((l) => l !== '').sort();

test('pdftotext reads the name, MRN, container id and collection time', async () => {
  const pdf = await writePdf('text', [buildContainerLabel(labelInput({ handling: 'on_ice' }))]);
  const text = tool('pdftotext', ['-layout', pdf, '-']);
  for (const want of ['DOE, JANE M', 'MRN 12345678', 'DOB 1980-03-10 45Y F', 'A25 0001234 55 01 4', 'Col: 2025-03-10 08:40 jd12', 'CMP, LIPID, TSH', 'GOLD SST', 'ON ICE']) {
    assert.ok(text.includes(want), `${want} in:\n${text}`);
  }
  assert.ok(text.replace(/\s+/g, '').includes(CONTAINER_ID));
  assert.ok(!text.includes('STAT'), 'no STAT on a routine label');
  const info = tool('pdfinfo', [pdf]);
  assert.match(info, /Pages:\s+1\n/);
  assert.match(info, /Page size:\s+144 x 72 pts/);
  assert.doesNotMatch(info, /DOE|12345678/, 'no patient data in the document information');
});

test('at 600 dpi, zbar decodes the Code 128 and libdmtx the DataMatrix to exactly the container id', async () => {
  const pdf = await writePdf('codes', [buildContainerLabel(labelInput({ priority: 'stat' }))]);
  const [page] = renderPages(pdf, 'codes');
  assert.deepEqual(code128(page), [CONTAINER_ID]);
  assert.deepEqual(dataMatrix(page), [CONTAINER_ID]);
  assert.match(tool('pdftotext', [pdf, '-']), /STAT/);
});

test('one 2 x 1 in page per copy, each page scanning to its own container', async () => {
  const second = containerId(ACCESSION, 2);
  const pdf = await writePdf('copies', [buildContainerLabel(labelInput({ copies: 2 })), buildContainerLabel(labelInput({ containerId: second, container: 'EDTA_LAVENDER', tests: ['CBC'] }))]);
  assert.match(tool('pdfinfo', [pdf]), /Pages:\s+3\n/);
  const pages = renderPages(pdf, 'copies');
  assert.deepEqual(pages.map((p) => code128(p)[0]), [CONTAINER_ID, CONTAINER_ID, second]);
  assert.deepEqual(dataMatrix(pages[2]), [second]);
});

test('sheet option: labels in a grid on Letter, every barcode still readable', async () => {
  const ids = [1, 2, 3, 4, 5].map((n) => containerId(ACCESSION, n));
  const pdf = await writePdf('sheet', ids.map((id) => buildContainerLabel(labelInput({ containerId: id }))), { sheet: { pageSize: 'letter' } });
  const info = tool('pdfinfo', [pdf]);
  assert.match(info, /Pages:\s+1\n/);
  assert.match(info, /Page size:\s+612 x 792 pts/);
  const [page] = renderPages(pdf, 'sheet');
  assert.deepEqual(code128(page), [...ids].sort());
  assert.deepEqual(dataMatrix(page, ids.length), [...ids].sort());
});

test('names in other scripts print with the machine\'s Unicode fonts; an identifier no font can print is refused', async () => {
  const label = buildContainerLabel(labelInput({ patient: { name: { family: 'Nguyễn', given: ['Zoë'] }, mrn: '12345678' }, tests: ['Ω-TEST'] }));
  const text = tool('pdftotext', [await writePdf('unicode', [label]), '-']);
  assert.ok(text.includes('NGUYỄN, ZOË'), text);
  assert.ok(text.includes('Ω-TEST'), text);
  for (const [family, given] of [['王', '小明'], ['Иванова', 'Анна'], ['Παπαδόπουλος', 'Νίκος']]) {
    const pdf = await writePdf(`script-${family}`, [buildContainerLabel(labelInput({ patient: { name: { family, given: [given] }, mrn: '12345678' } }))]);
    const printed = tool('pdftotext', [pdf, '-']);
    assert.ok(printed.includes(family.toUpperCase()) && printed.includes(given.toUpperCase()), `${family} ${given}: ${printed}`);
    assert.ok(printed.includes('12345678'), 'the MRN beside it, in Helvetica');
    // and it is on the paper, not only in the text layer (a subset font can lose its glyphs)
    assert.ok(inkBetween(pdf, 0, 0.15) > 0.01, `${family} ${given} is printed in the name row`);
  }
  // a character no font here has: a test name shows '?', an identifier is refused
  const rare = '\u{13000}';
  const lost = tool('pdftotext', [await writePdf('rare', [buildContainerLabel(labelInput({ tests: [`${rare}-TEST`] }))]), '-']);
  assert.ok(lost.includes('?-TEST'), lost);
  for (const [patient, field] of [
    [{ name: { family: `Doe${rare}` }, mrn: '1' }, 'patient.name'],
    [{ name: { family: 'Doe' }, mrn: `${rare}-12` }, 'patient.mrn'],
  ] as const) {
    await assert.rejects(renderLabelsPdf([buildContainerLabel(labelInput({ patient }))]), (e: unknown) => e instanceof LabelError && e.field === field && /ALLIED_LABEL_FONTS/.test(e.message));
  }
});

test('nothing to print is an error, not an empty document', async () => {
  await assert.rejects(renderLabelsPdf([]), (e: unknown) => e instanceof LabelError && e.field === 'labels');
});
