import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerCatalogue } from '../../domain/index.js';
import { LabelError } from './errors.js';
import { ageOn, buildContainerLabel, collectionWallTime, containerShortNames, formatPatientName, MAX_LABEL_COPIES } from './label.js';
import { CONTAINER_ID, labelInput } from './test-fixtures.js';

test('a complete label carries the A.6 lines, top to bottom', () => {
  const l = buildContainerLabel(labelInput({ handling: 'on_ice' }));
  assert.deepEqual(
    [l.patientName, l.mrnText, l.demographicsText, l.containerId, l.humanReadableId, l.collectionText, l.testsText, l.containerText, l.handlingText],
    ['DOE, JANE M', 'MRN 12345678', 'DOB 1980-03-10 45Y F', CONTAINER_ID, 'A25 0001234 55 01 4', 'Col: 2025-03-10 08:40 jd12', 'CMP, LIPID, TSH', 'GOLD SST', ['ON ICE']],
  );
  assert.deepEqual([l.copies, l.stat, l.priorityText, l.accession, l.tubeNumber], [1, false, null, 'A25000123455', 1]);
});

test('missing collector and collection time: refused, naming both', () => {
  assert.throws(
    () => buildContainerLabel(labelInput({ collectorId: null, collectedAt: undefined })),
    (e: unknown) =>
      e instanceof LabelError &&
      e.code === 'label-incomplete' &&
      e.status === 422 &&
      e.missing.join() === 'collectionDateTime,collectorId' &&
      /collection date\/time/.test(e.message) &&
      /collector id/.test(e.message),
  );
});

test('missing elements: table (blank text counts as missing)', () => {
  const rows: [Parameters<typeof labelInput>[0], string[]][] = [
    [{ patient: { name: { family: '  ' }, mrn: '1' } }, ['patientName']],
    [{ patient: { name: { family: 'Doe' }, mrn: '', birthDate: null } }, ['secondIdentifier']],
    [{ patient: { name: { family: 'Doe' }, birthDate: '1980-03-10' } }, []], // DOB alone is a second identifier
    [{ containerId: '' }, ['specimenId']],
    [{ collectorId: ' ' }, ['collectorId']],
  ];
  for (const [overrides, missing] of rows) {
    try {
      buildContainerLabel(labelInput(overrides));
      assert.deepEqual([], missing, JSON.stringify(overrides));
    } catch (e) {
      assert.ok(e instanceof LabelError, String(e));
      assert.deepEqual(e.missing, missing, JSON.stringify(overrides));
    }
  }
});

test("an organisation's required set comes from its domain configuration", () => {
  const domainConfig = { phlebotomy: { labelRequiredElements: ['patientName', 'secondIdentifier', 'specimenId', 'collectionDateTime'] } } as never;
  const l = buildContainerLabel(labelInput({ collectorId: null }), { domainConfig });
  assert.equal(l.collectionText, 'Col: 2025-03-10 08:40');
});

test('bad identifiers and values are refused with the field at fault', () => {
  const rows: [Parameters<typeof labelInput>[0], string, string][] = [
    [{ containerId: 'A25000123455015' }, 'container-check', 'containerId'],
    [{ containerId: 'A25000123455' }, 'container-format', 'containerId'],
    [{ container: 'NO_SUCH_TUBE' }, 'invalid', 'container'],
    [{ collectedAt: 'this morning' }, 'invalid', 'collectedAt'],
    [{ patient: { name: { family: 'Doe' }, mrn: '1', birthDate: '10/03/1980' } }, 'invalid', 'patient.birthDate'],
    [{ copies: 0 }, 'invalid', 'copies'],
    [{ copies: MAX_LABEL_COPIES + 1 }, 'invalid', 'copies'],
    [{ copies: 1.5 }, 'invalid', 'copies'],
  ];
  for (const [overrides, code, field] of rows) {
    assert.throws(() => buildContainerLabel(labelInput(overrides)), (e: unknown) => e instanceof LabelError && e.code === code && e.field === field, JSON.stringify(overrides));
  }
});

test('copies: input, then the site default, then 1; at most 3', () => {
  assert.equal(buildContainerLabel(labelInput()).copies, 1);
  assert.equal(buildContainerLabel(labelInput(), { defaultCopies: 2 }).copies, 2);
  assert.equal(buildContainerLabel(labelInput({ copies: 3 }), { defaultCopies: 2 }).copies, 3);
  assert.throws(() => buildContainerLabel(labelInput(), { defaultCopies: 4 }), LabelError);
});

test('patient name: LAST, FIRST M in capitals, cut with +', () => {
  const rows: [Parameters<typeof formatPatientName>[0], string | null][] = [
    [{ family: 'Doe', given: ['Jane', 'Marie'] }, 'DOE, JANE M'],
    [{ family: 'doe', given: ['jane'] }, 'DOE, JANE'],
    [{ family: ' van  der Berg ', given: [] }, 'VAN DER BERG'],
    [{ family: "O'Brien", given: ['Zoë', 'Ásta'] }, "O'BRIEN, ZOË Á"],
    [{ family: 'Wolfeschlegelsteinhausen', given: ['Maximilian', 'Wilhelm'] }, 'WOLFESCHLEGELSTEINHAUSEN+'],
    [{ family: 'Featherstonehaugh', given: ['Bartholomew', 'James'] }, 'FEATHERSTONEHAUGH, BARTHO+'],
    [{ family: '', given: ['Jane'] }, null],
    [{ given: ['Jane'] }, null],
  ];
  for (const [name, want] of rows) assert.equal(formatPatientName(name), want, JSON.stringify(name));
  for (const [name] of rows) {
    const got = formatPatientName(name);
    if (got) assert.ok(got.length <= 26, got);
  }
});

test('age on the collection date: years from 2, months under 2, days under a month', () => {
  const rows: [string, string, string | null][] = [
    ['1980-03-10', '2025-03-10', '45Y'],
    ['1980-03-11', '2025-03-10', '44Y'],
    ['2023-03-10', '2025-03-10', '2Y'],
    ['2023-03-11', '2025-03-10', '23M'],
    ['2024-01-20', '2025-03-10', '13M'],
    ['2025-02-10', '2025-03-10', '1M'],
    ['2025-02-20', '2025-03-10', '18D'],
    ['2025-03-10', '2025-03-10', '0D'],
    ['2025-03-11', '2025-03-10', null],
  ];
  for (const [dob, on, want] of rows) assert.equal(ageOn(dob, on), want, `${dob} on ${on}`);
});

test('collection time: as written, or in the site time zone', () => {
  assert.equal(collectionWallTime('2025-03-10T08:40:59-05:00'), '2025-03-10 08:40');
  assert.equal(collectionWallTime('2025-03-10T13:40:00Z', 'America/New_York'), '2025-03-10 09:40'); // EDT from 9 March 2025
  assert.equal(collectionWallTime('2025-01-10T13:40:00Z', 'America/New_York'), '2025-01-10 08:40');
  assert.throws(() => collectionWallTime('2025-03-10T13:40:00Z', 'Nowhere/Else'), (e: unknown) => e instanceof LabelError && e.field === 'timeZone');
});

test('priority, handling and container text', () => {
  const stat = buildContainerLabel(labelInput({ priority: 'stat', handling: ['on_ice', 'protect_from_light', 'ambient', 'on_ice'] }));
  assert.deepEqual([stat.stat, stat.priorityText, stat.handlingText], [true, null, ['ON ICE', 'PROTECT FROM LIGHT']]);
  const asap = buildContainerLabel(labelInput({ priority: 'asap', container: 'EDTA_PINK' }));
  assert.deepEqual([asap.stat, asap.priorityText, asap.containerText, asap.handlingText], [false, 'ASAP', 'PINK EDTA BLOOD BANK', []]);
  const tests = buildContainerLabel(labelInput({ tests: ['PT_INR', 'APTT', 'FIBRINOGEN', 'D_DIMER', 'ANTI_XA'] }));
  assert.equal(tests.testsText, 'PT_INR, APTT, FIBRINOGEN +2');
  const site = buildContainerLabel(labelInput({ container: 'ACD_YELLOW' }), {
    containers: { ACD_YELLOW: { ...containerCatalogue.SST_GOLD, code: 'ACD_YELLOW', capColorBD: 'yellow', additive: 'acd' } },
  });
  assert.equal(site.containerText, 'YELLOW ACD_YELLOW');
});

test('every seed container has a short label name (no drift from the A.2 catalogue)', () => {
  assert.deepEqual(Object.keys(containerShortNames).sort(), Object.keys(containerCatalogue).sort());
  for (const name of Object.values(containerShortNames)) assert.ok(name.length <= 22, name);
});
