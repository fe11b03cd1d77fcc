import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseHl7Message, readHl7 } from '../parse.js';
import { readLabResult } from './read-result.js';
import { labResultToFhir } from './to-fhir.js';
import { buildAck } from '../ack/build-ack.js';
import { readAck } from '../ack/read-ack.js';
import { formatIssue } from '../errors.js';

const oru = [
  'MSH|^~\\&|LAB|ACME|ALLIED|CLINIC|20260301101500-0500||ORU^R01^ORU_R01|R-77|P|2.5.1',
  'PID|1||MRN1^^^ALLIED^MR~999^^^SSA^SS||Doe^Jane^Q||19800229|F',
  'ORC|RE|42^ALLIED|F42^ACME',
  'OBR|1|42^ALLIED|F42^ACME|24320-4^Basic metabolic panel^LN|||20260301090000-0500|||||||||1234^Jones^Sam||||||20260301101000-0500|||C',
  'OBX|1|NM|2823-3^Potassium^LN||6.9|mmol/L^mmol/L^UCUM|3.5-5.1|HH|||C|||20260301093000-0500',
  'NTE|1|L|Hemolysed; potassium may be falsely elevated',
  'OBX|2|SN|2160-0^Creatinine^LN||<^0.3|mg/dL|0.6-1.2|L|||F',
  'OBX|3|CWE|600-7^Culture^LN||POS^Positive^HL70078||||||P',
  'OBX|4|ED|PDF^Report^L||^application^pdf^Base64^SGVsbG8=||||||F',
  'SPM|1|S1&ALLIED^S1F&ACME||SER^Serum^HL70487|||||||||||||20260301090000-0500',
].join('\r');

describe('ORU^R01 -> LabResult -> FHIR', () => {
  const p = parseHl7Message(oru);
  assert.ok(p.ok);
  const r = readLabResult(p.message);
  assert.ok(r.ok);
  const result = r.result;
  test('ids, orders, critical flag and notes', () => {
    assert.equal(result.controlId, 'R-77');
    assert.deepEqual(result.patients[0]?.identifiers.map((i) => i.value), ['MRN1', '999']);
    assert.equal(result.orders[0]?.placerOrderNumber?.value, '42');
    assert.equal(result.orders[0]?.fillerOrderNumber?.value, 'F42');
    const k = result.orders[0]?.observations[0];
    assert.equal(k?.critical, true);
    assert.deepEqual(k?.notes, ['Hemolysed; potassium may be falsely elevated']);
    assert.equal(result.orders[0]?.specimens[0]?.placerId, 'S1');
  });
  const fhir = labResultToFhir(result, { patient: { reference: 'Patient/p' }, orders: [{ serviceRequest: { reference: 'ServiceRequest/sr' }, specimen: { reference: 'Specimen/s' } }], performer: { reference: 'Organization/acme' } });
  test('Observation: UCUM quantity, range, interpretation, corrected status, links', () => {
    const k = fhir.observations[0];
    assert.deepEqual(k?.valueQuantity, { value: 6.9, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' });
    assert.equal(k?.referenceRange?.[0]?.low?.value, 3.5);
    assert.equal(k?.referenceRange?.[0]?.high?.value, 5.1);
    assert.deepEqual(k?.interpretation?.[0]?.coding?.[0], { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'HH', display: 'Critical high' });
    assert.equal(k?.status, 'corrected');
    assert.equal(k?.basedOn?.[0]?.reference, 'ServiceRequest/sr');
    assert.equal(k?.specimen?.reference, 'Specimen/s');
    assert.equal(k?.effectiveDateTime, '2026-03-01T09:30:00-05:00');
  });
  test('SN comparator, CWE value, preliminary status; ED goes to presentedForm', () => {
    assert.deepEqual(fhir.observations[1]?.valueQuantity, { value: 0.3, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL', comparator: '<' });
    assert.equal(fhir.observations[2]?.valueCodeableConcept?.coding?.[0]?.code, 'POS');
    assert.equal(fhir.observations[2]?.status, 'preliminary');
    assert.equal(fhir.observations.length, 3);
    const report = fhir.reports[0];
    assert.equal(report?.status, 'corrected');
    assert.equal(report?.result?.length, 3);
    assert.deepEqual(report?.presentedForm, [{ contentType: 'application/pdf', data: 'SGVsbG8=' }]);
    assert.equal(fhir.bundle.entry?.length, 4);
  });
  test('mapping the same message twice gives the same ids (replays are idempotent)', () => {
    const again = labResultToFhir(result, { patient: { reference: 'Patient/p' } });
    assert.deepEqual(again.observations.map((o) => o.id), fhir.observations.map((o) => o.id));
  });
});

describe('parser basics', () => {
  test('CR, LF and CRLF separators read the same', () => {
    const a = parseHl7Message(oru);
    const b = parseHl7Message(oru.replace(/\r/g, '\n'));
    const c = parseHl7Message(`\x0b  ${oru.replace(/\r/g, '\r\n')}\r\n\x1c\r`);
    assert.ok(a.ok && b.ok && c.ok);
    assert.equal(b.message.toString(), a.message.toString());
    assert.equal(c.message.toString(), a.message.toString());
  });
  test('declared delimiters are used, not assumed', () => {
    const p = parseHl7Message('MSH#*$@%#A#B#####ORU*R01#X1#P#2.5.1\rPID#1##A1$A2##Doe*Jane%y\rNTE#1##a@F@b');
    assert.ok(p.ok);
    assert.deepEqual(p.message.getAll('PID-3'), ['A1', 'A2']);
    assert.equal(p.message.get('PID-5.2.2'), 'y');
    assert.equal(p.message.get('NTE-3'), 'a#b');
  });
  test('unknown escapes are kept; \\Xhh\\ decodes', () => {
    const p = parseHl7Message('MSH|^~\\&|A|B|||||ORU^R01|1|P|2.5.1\rNTE|1||\\Zfoo\\ \\X41\\');
    assert.ok(p.ok);
    assert.equal(p.message.get('NTE-3'), '\\Zfoo\\ A');
  });
  test('errors say where: message, segment, field, line', () => {
    const r = readHl7('MSH|^~\\&|A|B|||||ORU^R01|1|P|2.5.1\rPID|1\rMSH|^^^^|A\rPID|2');
    const bad = r.messages[1];
    assert.ok(bad && !bad.ok);
    assert.equal(formatIssue(bad.error), 'error bad-encoding-characters at message 2, segment 1 (MSH), MSH-2, line 3: MSH-2 "^^^^" repeats "^"; each delimiter must be different');
    assert.ok(r.messages[0]?.ok);
  });
});

describe('ACK', () => {
  test('AE with ERR location and table 0357 code reads back', () => {
    const p = parseHl7Message(oru);
    assert.ok(p.ok);
    const text = buildAck(p.message, { code: 'AE', errors: [{ code: '204', severity: 'E', message: 'no patient MRN1 at this clinic', location: { segmentId: 'PID', segment: 1, field: 3, repetition: 1, component: 1 } }], now: new Date('2026-03-01T15:00:00Z'), controlId: 'A1' });
    assert.equal(text.split('\r')[0], 'MSH|^~\\&|ALLIED|CLINIC|LAB|ACME|20260301150000+0000||ACK^R01^ACK|A1|P|2.5.1');
    assert.equal(text.split('\r')[2], 'ERR||PID^1^3^1^1|204^Unknown key identifier^HL70357|E||||no patient MRN1 at this clinic');
    const back = parseHl7Message(text);
    assert.ok(back.ok);
    const a = readAck(back.message);
    assert.ok(a.ok);
    assert.equal(a.ack.acknowledgedControlId, 'R-77');
    assert.deepEqual(a.ack.errors[0], { code: '204', diagnostics: 'no patient MRN1 at this clinic', severity: 'E', location: 'PID^1^3^1^1' });
  });
});

test('an empty NTE under an OBR is no conclusion, and a zone past +14:00 is no time (FHIR would refuse both)', () => {
  const text = oru.replace('|||C\r', '|||C\rNTE|1|L| \r').replace('|||C|||20260301093000-0500', '|||C|||20260301093000+1700');
  const p = parseHl7Message(text);
  assert.ok(p.ok);
  const r = readLabResult(p.message);
  assert.ok(r.ok);
  const fhir = labResultToFhir(r.result, { patient: { reference: 'Patient/p1' } });
  assert.equal(fhir.reports[0].conclusion, undefined);
  const potassium = fhir.observations.find((o) => o.code.coding?.[0]?.code === '2823-3')!;
  assert.notEqual(potassium.effectiveDateTime, '2026-03-01T09:30:00+17:00');
});
