import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainInputError } from '../errors.js';
import { citrateFillAcceptable, citrateVolumeForHematocrit } from './citrate.js';
import { hl7ResultStatusMeaning, mllpFrame } from './hl7.js';
import { hasTwoPatientIdentifiers, labelMissingElements } from './identification.js';
import { bloodCultureTotalVolumeMl, pediatricDrawAllowed, pediatricDrawLimits } from './pediatric.js';
import { fastingSatisfied, troughTimingOk } from './timed.js';

describe('citrateFillAcceptable (A.2, >= 90 %)', () => {
  const cases: [number, number, boolean][] = [
    [2.7, 2.43, true], // exactly 90 %
    [2.7, 2.42, false],
    [2.7, 2.7, true],
    [1.8, 1.62, true], // exactly 90 % of the 1.8 mL tube
    [1.8, 1.61, false],
    [2.7, 0, false],
  ];
  for (const [nominalDrawMl, drawnMl, ok] of cases) test(`${drawnMl}/${nominalDrawMl} -> ${ok}`, () => assert.equal(citrateFillAcceptable({ nominalDrawMl, drawnMl }), ok));
  test('a lab that validated 80 % overrides the minimum', () => assert.equal(citrateFillAcceptable({ nominalDrawMl: 2.7, drawnMl: 2.2, config: { phlebotomy: { citrateMinFillPct: 80 } } }), true));
});

describe('citrateVolumeForHematocrit (A.2, CLSI H21)', () => {
  test('Hct 60 %, 2.7 mL -> 0.202 needed, remove 0.098', () => {
    const r = citrateVolumeForHematocrit({ hematocritPct: 60, wholeBloodMl: 2.7, citrateInTubeMl: 0.3 });
    assert.equal(r.requiredCitrateMl, 0.202);
    assert.equal(r.removeMl, 0.098);
    assert.equal(r.adjustmentIndicated, true);
  });
  test('Hct exactly 55 % needs no adjustment', () => {
    const r = citrateVolumeForHematocrit({ hematocritPct: 55, wholeBloodMl: 2.7, citrateInTubeMl: 0.3 });
    assert.equal(r.adjustmentIndicated, false);
    assert.equal(r.removeMl, 0);
  });
  test('a fraction is refused (percent expected)', () => assert.throws(() => citrateVolumeForHematocrit({ hematocritPct: 0.6, wholeBloodMl: 2.7, citrateInTubeMl: 0.3 }), DomainInputError));
});

describe('pediatric limits (A.5)', () => {
  test('8 kg, 6 months: TBV 640, 19.2 mL/24 h, 64 mL/30 d', () => {
    assert.deepEqual(pediatricDrawLimits({ weightKg: 8, ageDays: 182, preterm: false, pct24h: 3, pct30d: 10 }), {
      ageBand: 'infant', totalBloodVolumeMl: 640, max24hMl: 19.2, max30dMl: 64, mlPerKg: 80, pct24h: 3, pct30d: 10,
    });
  });
  test('15 mL already drawn: a 5 mL request is refused, 4.2 mL remain', () => {
    const r = pediatricDrawAllowed({ weightKg: 8, ageDays: 182, preterm: false, pct24h: 3, alreadyDrawnLast24hMl: 15, requestedMl: 5 });
    assert.equal(r.allowed, false);
    assert.equal(r.remaining24hMl, 4.2);
    assert.equal(r.reasons[0].code, 'EXCEEDS_24H_LIMIT');
  });
  test('a request of exactly the remaining volume is allowed', () => {
    assert.equal(pediatricDrawAllowed({ weightKg: 8, ageDays: 182, preterm: false, alreadyDrawnLast24hMl: 15, requestedMl: 4.2 }).allowed, true);
  });
  test('30-day limit is checked when the 30-day total is given', () => {
    const r = pediatricDrawAllowed({ weightKg: 8, ageDays: 182, preterm: false, alreadyDrawnLast24hMl: 0, alreadyDrawnLast30dMl: 60, requestedMl: 5 });
    assert.equal(r.allowed, false);
    assert.equal(r.remaining30dMl, 4);
  });
  const bands: [number, boolean, string, number][] = [
    [0, true, 'preterm_neonate', 100],
    [27, false, 'term_neonate', 85],
    [28, false, 'infant', 80],
    [364, false, 'infant', 80],
    [365, false, 'child', 75],
    [4382, false, 'child', 75],
    [4383, false, 'adolescent_adult', 70],
  ];
  for (const [ageDays, preterm, band, perKg] of bands) {
    test(`age ${ageDays} d -> ${band}`, () => {
      const r = pediatricDrawLimits({ weightKg: 2, ageDays, preterm });
      assert.equal(r.ageBand, band);
      assert.equal(r.totalBloodVolumeMl, 2 * perKg);
    });
  }
  const cultures: [number, number][] = [[0.8, 2], [1.0, 2], [1.1, 4], [2.0, 4], [2.1, 6], [12.7, 6], [12.8, 20], [36.3, 20], [36.4, 40], [80, 40]];
  for (const [weightKg, ml] of cultures) test(`blood culture volume ${weightKg} kg -> ${ml} mL`, () => assert.equal(bloodCultureTotalVolumeMl({ weightKg }), ml));
});

describe('patient identifiers and labels (1.1, A.6)', () => {
  const ids: [string[], boolean][] = [
    [['fullName', 'dateOfBirth'], true],
    [['fullName', 'roomNumber'], false],
    [['mrn', 'mrn'], false],
    [['bedNumber', 'location', 'unit', 'roomNumber'], false],
    [['phoneNumber', 'nationalId', 'location'], true],
    [[], false],
  ];
  for (const [identifiers, ok] of ids) test(`[${identifiers.join(', ')}] -> ${ok}`, () => assert.equal(hasTwoPatientIdentifiers({ identifiers }), ok));
  test('an unknown identifier type is refused', () => assert.throws(() => hasTwoPatientIdentifiers({ identifiers: ['wristband'] }), (e: DomainInputError) => e.field === 'identifiers[0]'));

  const full = { patientName: 'DOE, JANE', mrn: 'A123', specimenId: 'A24-0001234', collectionDateTime: '2025-03-10T08:40', collectorId: 'jd12' };
  test('complete label', () => assert.deepEqual(labelMissingElements({ label: full }), []));
  test('DOB alone satisfies the second identifier', () => assert.deepEqual(labelMissingElements({ label: { ...full, mrn: null, dateOfBirth: '1980-01-01' } }), []));
  test('missing elements are named', () => {
    assert.deepEqual(labelMissingElements({ label: { patientName: 'DOE, JANE', specimenId: ' ' } }), ['secondIdentifier', 'specimenId', 'collectionDateTime', 'collectorId']);
  });
});

describe('timed collections (A.8)', () => {
  const trough: [string, boolean][] = [
    ['2025-03-10T07:30:00Z', true], // exactly 30 min before
    ['2025-03-10T07:29:59Z', false],
    ['2025-03-10T07:59:59Z', true],
    ['2025-03-10T08:00:00Z', false], // at the dose time
  ];
  for (const [collectedAt, ok] of trough) test(`trough collected ${collectedAt} for an 08:00 dose -> ${ok}`, () => assert.equal(troughTimingOk({ nextDoseAt: '2025-03-10T08:00:00Z', collectedAt }), ok));
  test('offsets are honoured', () => assert.equal(troughTimingOk({ nextDoseAt: '2025-03-10T10:00:00+02:00', collectedAt: '2025-03-10T07:45:00Z' }), true));
  test('mixing offset and wall-clock times is refused', () => assert.throws(() => troughTimingOk({ nextDoseAt: '2025-03-10T08:00:00Z', collectedAt: '2025-03-10T07:45:00' }), DomainInputError));
  const fasting: [string, number, boolean][] = [
    ['2025-03-10T00:00:00Z', 8, true], // exactly 8 h
    ['2025-03-10T00:00:01Z', 8, false],
    ['2025-03-09T20:00:00Z', 12, true],
  ];
  for (const [last, hours, ok] of fasting) test(`fasting since ${last}, ${hours} h -> ${ok}`, () => assert.equal(fastingSatisfied({ lastCaloricIntakeAt: last, collectedAt: '2025-03-10T08:00:00Z', requiredHours: hours }), ok));
  test('intake after collection is refused', () => assert.throws(() => fastingSatisfied({ lastCaloricIntakeAt: '2025-03-10T09:00:00Z', collectedAt: '2025-03-10T08:00:00Z', requiredHours: 8 }), (e: DomainInputError) => e.field === 'lastCaloricIntakeAt'));
  test('an impossible date is refused', () => assert.throws(() => troughTimingOk({ nextDoseAt: '2025-02-30T08:00:00Z', collectedAt: '2025-02-30T07:45:00Z' }), (e: DomainInputError) => e.field === 'nextDoseAt'));
});

describe('HL7 (A.10)', () => {
  test('MLLP frame: first byte 11, last two 28 13, segments end in CR', () => {
    const f = mllpFrame({ message: 'MSH|^~\\&|LAB\nPID|1||A123' });
    assert.equal(f.firstByte, 11);
    assert.deepEqual(f.lastTwoBytes, [28, 13]);
    const bytes = Buffer.from(f.framed, 'utf8');
    assert.equal(bytes[0], 0x0b);
    assert.deepEqual([...bytes.subarray(-2)], [0x1c, 0x0d]);
    assert.equal(f.lengthBytes, bytes.length);
    assert.ok(!f.framed.includes('\n'));
  });
  test('non-ASCII counts in UTF-8 bytes', () => assert.equal(mllpFrame({ message: 'MSH|é' }).lengthBytes, 1 + 6 + 2));
  const statuses: [string, string][] = [['F', 'final'], ['P', 'preliminary'], ['C', 'corrected'], ['X', 'cannot_be_obtained'], ['I', 'pending'], ['R', 'not_verified']];
  for (const [code, meaning] of statuses) test(`${code} -> ${meaning}`, () => assert.equal(hl7ResultStatusMeaning({ code: code as 'F' }), meaning));
  test('unknown status code is refused', () => assert.throws(() => hl7ResultStatusMeaning({ code: 'f' as 'F' }), DomainInputError));
});
