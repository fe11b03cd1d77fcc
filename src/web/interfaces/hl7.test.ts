import assert from 'node:assert/strict';
import { test } from 'node:test';
import { obrLines } from './hl7.js';

test('obrLines reads each OBR: set id, service and order numbers', () => {
  const raw = 'MSH|^~\\&|LAB|X|ALLIED|Y|202401011200||ORU^R01|C1|P|2.5\rPID|1||MRN1\rOBR|1|SR-1|F-9|CBC^Complete blood count^LN\rOBX|1|NM|718-7^Hgb||13\rOBR|2||F-10|BMP^Basic metabolic panel';
  assert.deepEqual(obrLines(raw), [
    { setId: '1', service: 'CBC Complete blood count', placer: 'SR-1', filler: 'F-9' },
    { setId: '2', service: 'BMP Basic metabolic panel', placer: '', filler: 'F-10' },
  ]);
});

test('obrLines honours the message separators and a missing set id', () => {
  assert.deepEqual(obrLines('MSH#*~\\&#LAB\nOBR##P1#F1#GLU*Glucose'), [{ setId: '1', service: 'GLU Glucose', placer: 'P1', filler: 'F1' }]);
  assert.deepEqual(obrLines('MSH|^~\\&|LAB\nPID|1'), []);
});
