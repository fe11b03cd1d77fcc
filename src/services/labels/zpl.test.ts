import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildContainerLabel } from './label.js';
import { CONTAINER_ID, labelInput } from './test-fixtures.js';
import { renderLabelsZpl, renderLabelZpl, zplFieldData } from './zpl.js';

/** ZPL formats as lists of commands. Field data holds no '^' after escaping, so '^' splits commands exactly. */
function formats(zpl: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const raw of zpl.split('^').slice(1)) {
    const cmd = raw.replace(/\n$/, '');
    if (cmd === 'XA') current = [];
    else if (cmd === 'XZ') {
      assert.ok(current, '^XZ without ^XA');
      out.push(current);
      current = null;
    } else {
      assert.ok(current, `^${cmd} outside ^XA ... ^XZ`);
      current.push(cmd);
    }
  }
  assert.equal(current, null, 'unterminated format');
  return out;
}

/** The printed text of each ^FH^FD field, hex escapes decoded. */
function printedTexts(format: string[]): string[] {
  const texts: string[] = [];
  for (let i = 1; i < format.length; i++) {
    if (format[i].startsWith('FD') && format[i - 1] === 'FH') {
      texts.push(Buffer.from(format[i].slice(2).replace(/_([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
    }
  }
  return texts;
}

test('one complete ^XA ... ^XZ format per copy, each with UTF-8, size, both barcodes and every line', () => {
  const label = buildContainerLabel(labelInput({ copies: 3, handling: 'on_ice' }));
  const fs = formats(renderLabelZpl(label));
  assert.equal(fs.length, 3);
  for (const f of fs) {
    assert.equal(f[0], 'CI28');
    assert.ok(f.includes('PW406') && f.includes('LL203'));
    const bc = f.findIndex((c) => c.startsWith('BCN,'));
    assert.ok(bc > 0 && f[bc - 1] === 'BY2' && f[bc + 1] === `FD${CONTAINER_ID}`, 'Code 128 of the container id');
    assert.equal(f[bc].split(',').at(-1), 'A', 'Code 128 in automatic mode');
    const bx = f.findIndex((c) => c.startsWith('BXN,'));
    assert.ok(bx > 0 && f[bx + 1] === `FD${CONTAINER_ID}`, 'DataMatrix of the container id');
    assert.deepEqual(printedTexts(f), ['DOE, JANE M', 'MRN 12345678', 'DOB 1980-03-10 45Y F', 'A25 0001234 55 01 4', 'Col: 2025-03-10 08:40 jd12', 'CMP, LIPID, TSH', 'GOLD SST  ON ICE']);
    assert.equal(f.filter((c) => c === 'FS').length, f.filter((c) => c.startsWith('FD')).length, 'every field closed');
  }
});

test('hostile text cannot end the label or run a command', () => {
  const hostile = 'Evil^XZ^XA~JA_5E\\&';
  const label = buildContainerLabel(
    labelInput({ patient: { name: { family: hostile, given: ['A\nB'] }, mrn: '1^FS~DGR' }, collectorId: 'jd~12^FD^XZ', tests: ['^PQ99'], copies: 2 }),
  );
  const zpl = renderLabelZpl(label);
  const fs = formats(zpl);
  assert.equal(fs.length, 2, 'still exactly two labels');
  assert.ok(!zpl.includes('~'), 'no tilde command can reach the printer');
  for (const f of fs) {
    const texts = printedTexts(f);
    assert.equal(texts[0], 'EVIL^XZ^XA~JA_5E\\&, A B', 'control characters print as spaces');
    assert.equal(texts[1], 'MRN 1^FS~DGR');
    assert.ok(texts.includes('Col: 2025-03-10 08:40 jd~12^FD^XZ'));
    assert.ok(texts.includes('^PQ99'));
    assert.ok(!f.some((c) => c.startsWith('PQ')));
  }
});

test('zplFieldData: table', () => {
  const rows: [string, string][] = [
    ['plain', 'plain'],
    ['a^b', 'a_5Eb'],
    ['a~b', 'a_7Eb'],
    ['a_b', 'a_5Fb'],
    ['a\\&b', 'a_5C&b'],
    ['tab\there\r\n', 'tab here  '],
    ['Zoë Nguyễn', 'Zoë Nguyễn'], // UTF-8 passes through under ^CI28
  ];
  for (const [input, want] of rows) assert.equal(zplFieldData(input), want, input);
});

test('reversed STAT bar only on STAT labels', () => {
  for (const priority of ['routine', 'urgent', 'asap', 'stat'] as const) {
    const [f] = formats(renderLabelZpl(buildContainerLabel(labelInput({ priority }))));
    const bar = f.findIndex((c) => c.startsWith('GB'));
    const reversed = f.indexOf('FR');
    if (priority === 'stat') {
      assert.ok(bar > 0 && f[bar - 1] === 'FO0,0', 'a solid box at the left edge');
      assert.ok(reversed > bar && f[reversed + 1] === 'FDSTAT', 'STAT reversed out of the box');
    } else {
      assert.equal(bar, -1, priority);
      assert.equal(reversed, -1, priority);
    }
  }
});

test('300 dpi: page size, module widths and positions scale', () => {
  const [f] = formats(renderLabelZpl(buildContainerLabel(labelInput()), { dpi: 300 }));
  assert.ok(f.includes('PW600') && f.includes('LL300') && f.includes('BY3'));
  assert.ok(f.includes('FO47,7'), 'name at (32,5) dots of 203 dpi scales to (47,7)');
  assert.ok(f.some((c) => c.startsWith('BXN,4,200')));
  assert.throws(() => renderLabelZpl(buildContainerLabel(labelInput()), { dpi: 600 as never }), RangeError);
});

test('several containers print in the order given', () => {
  const a = buildContainerLabel(labelInput());
  const b = buildContainerLabel(labelInput({ containerId: 'A25000123455023', copies: 2 }));
  const ids = formats(renderLabelsZpl([a, b])).map((f) => f.find((c) => c.startsWith('FDA25'))!.slice(2));
  assert.deepEqual(ids, [CONTAINER_ID, 'A25000123455023', 'A25000123455023']);
});
