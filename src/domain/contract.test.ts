import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as domain from 'allied/domain';
import * as local from './index.js';

// Every function of DOMAIN.md 0.4 / Appendix B, reachable through the published package name.
const appendixB = [
  'predictedBodyWeightKg', 'tidalVolumeTargetMl', 'tidalVolumeRangeMl', 'lungProtectiveCheck', 'drivingPressureCmH2O', 'staticComplianceMlPerCmH2O', 'ardsnetLowerPeepOptions',
  'pfRatio', 'berlinArdsSeverity', 'rsbi', 'sbtReadinessArdsnet', 'roxIndex', 'neonatalTidalVolumeMl', 'oxygenationIndex', 'surfactantCriteriaMet', 'nrpPreductalSpo2Target',
  'peakFlowZone', 'goldGrade', 'goldAbeGroup', 'rtTriageFrequency', 'sortOrderOfDraw', 'discardTubeRequired', 'inversionsFor', 'consolidateTubes', 'redundantPanelComponents',
  'citrateFillAcceptable', 'citrateVolumeForHematocrit', 'pediatricDrawLimits', 'pediatricDrawAllowed', 'bloodCultureTotalVolumeMl', 'hasTwoPatientIdentifiers', 'labelMissingElements',
  'specimenRejectionDecision', 'troughTimingOk', 'fastingSatisfied', 'mllpFrame', 'hl7ResultStatusMeaning', 'iodinatedContrastKidneyRisk', 'metforminActionForIodinatedContrast',
  'gbcaRecommendation', 'premedicationSchedule', 'pregnancyVerificationRequired', 'mriZoneAccessAllowed', 'effectiveDoseMsv', 'dlpFromCtdivol', 'exceedsAcrCtDoseLimit',
  'mwlRequiredMatchingKeys', 'mwlReturnKeyType', 'mppsTransitionAllowed', 'mppsCreateAllowed', 'cptChestRadiograph', 'cptCtChest', 'cptVentilationManagement', 'cptPulseOximetry',
  'cptForService', 'icd10Asthma', 'icd10Sequence', 'icd10Description',
] as const;

describe('public API (allied/domain)', () => {
  test('the package self-reference resolves to the same module', () => assert.equal(domain.consolidateTubes, local.consolidateTubes));
  test('every Appendix B function is exported under its exact name', () => {
    for (const name of appendixB) assert.equal(typeof (domain as Record<string, unknown>)[name], 'function', name);
  });
  test('catalogues, config and the error type are exported', () => {
    assert.ok(domain.containerCatalogue.CITRATE_LT_BLUE);
    assert.deepEqual(domain.testCatalogue.PT_INR.loinc, ['5902-2', '6301-6']);
    assert.equal(domain.venousOrderOfDraw[0].drawClass, 'BLOOD_CULTURE');
    assert.equal(domain.defaultDomainConfig.phlebotomy.citrateMinFillPct, 90);
    assert.ok(new domain.DomainInputError('x', 'y') instanceof Error);
  });
  test('Appendix B output fields are kept exactly (reasons are added alongside)', () => {
    const lp = domain.lungProtectiveCheck({ sex: 'male', heightCm: 175, tidalVolumeMl: 420, plateauPressure: 25, peep: 10 });
    for (const k of ['mlPerKgPbw', 'vtWithin4to8', 'plateauOk', 'drivingPressure', 'drivingPressureOk']) assert.ok(k in lp, k);
    const rej = domain.specimenRejectionDecision({ test: 'CBC', container: 'EDTA_LAVENDER', labelStatus: 'ok' });
    assert.deepEqual(Object.keys(rej).slice(0, 2), ['decision', 'reasons']);
    for (const k of ['minMl', 'targetMl', 'maxMl']) assert.ok(k in domain.tidalVolumeRangeMl({ sex: 'female', heightCm: 160 }));
    for (const k of ['ageBand', 'totalBloodVolumeMl', 'max24hMl', 'max30dMl']) assert.ok(k in domain.pediatricDrawLimits({ weightKg: 3, ageDays: 3, preterm: false }));
  });
});

describe('bad input: DomainInputError naming the field', () => {
  const cases: [string, () => unknown, string][] = [
    ['input not an object', () => domain.pfRatio(null as unknown as { paO2: number; fiO2: number }), 'input'],
    ['missing field', () => domain.pfRatio({ paO2: 80 } as { paO2: number; fiO2: number }), 'fiO2'],
    ['string where a number belongs', () => domain.rsbi({ respiratoryRate: '20' as unknown as number, tidalVolumeMl: 400 }), 'respiratoryRate'],
    ['NaN', () => domain.roxIndex({ spo2: NaN, fiO2: 0.4, respiratoryRate: 20 }), 'spo2'],
    ['Infinity', () => domain.dlpFromCtdivol({ ctdiVolMgy: Infinity, scanLengthCm: 30 }), 'ctdiVolMgy'],
    ['negative height', () => domain.tidalVolumeRangeMl({ sex: 'female', heightCm: -160 }), 'heightCm'],
    ['FiO2 of 0', () => domain.berlinArdsSeverity({ paO2: 80, fiO2: 0, peep: 5 }), 'fiO2'],
    ['FiO2 above 100 %', () => domain.sbtReadinessArdsnet({ fiO2: 140, peep: 5, prevDayFiO2: 0.4, prevDayPeep: 5, systolicBp: 100, onVasopressors: false, onNeuromuscularBlockade: false, spontaneousEffort: true }), 'fiO2'],
    ['eGFR of -5', () => domain.metforminActionForIodinatedContrast({ egfr: -5, aki: false, intraArterialFirstPassRenal: false }), 'egfr'],
    ['unknown enum', () => domain.goldGrade({ fev1FvcRatio: 0.6, fev1PercentPredicted: 50, postBronchodilator: 'yes' as unknown as boolean }), 'postBronchodilator'],
    ['unknown container', () => domain.inversionsFor({ container: 'toString' }), 'container'],
    ['negative weight', () => domain.bloodCultureTotalVolumeMl({ weightKg: -2 }), 'weightKg'],
    ['bad config override', () => domain.consolidateTubes({ tests: ['CBC'], config: { phlebotomy: { shareAcrossSections: 'yes' } } }), 'config.phlebotomy.shareAcrossSections'],
    ['config test pointing at an unknown tube', () => domain.consolidateTubes({ tests: ['CBC'], config: { phlebotomy: { tests: { CBC: { container: 'NOPE' } } } } }), 'config.phlebotomy.tests.CBC.container'],
  ];
  for (const [name, call, field] of cases) {
    test(name, () => {
      assert.throws(call, (e: unknown) => {
        assert.ok(e instanceof domain.DomainInputError);
        assert.equal(e.field, field);
        assert.ok(e.expected.length > 0);
        assert.ok(e.message.includes(field));
        return true;
      });
    });
  }
});

describe('outputs are plain JSON data and never NaN', () => {
  const noNaN = (v: unknown): void => {
    if (typeof v === 'number') assert.ok(Number.isFinite(v), `non-finite ${v}`);
    else if (Array.isArray(v)) v.forEach(noNaN);
    else if (v && typeof v === 'object') Object.values(v).forEach(noNaN);
  };
  test('property: random valid respiratory inputs round-trip through JSON', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('male', 'female' as const),
        fc.double({ min: 110, max: 230, noNaN: true }),
        fc.double({ min: 50, max: 1500, noNaN: true }),
        fc.double({ min: 0, max: 24, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0.21, max: 100, noNaN: true }),
        (sex, heightCm, tidalVolumeMl, peep, extra, fiO2) => {
          if (fiO2 > 1 && fiO2 < 21) fiO2 = 21;
          const outs = [
            domain.lungProtectiveCheck({ sex, heightCm, tidalVolumeMl, plateauPressure: peep + extra, peep }),
            domain.tidalVolumeRangeMl({ sex, heightCm }),
            domain.berlinArdsSeverityExplained({ paO2: 30 + extra * 10, fiO2, peep }),
            domain.roxIndex({ spo2: 90, fiO2, respiratoryRate: 10 + extra }),
          ];
          for (const o of outs) {
            noNaN(o);
            assert.deepEqual(JSON.parse(JSON.stringify(o)), o);
          }
        },
      ),
    );
  });
});

describe('organisation configuration', () => {
  test('overrides merge over the seed and leave the seed untouched', () => {
    const cfg = domain.resolveDomainConfig({ phlebotomy: { pediatric: { pct24h: 5 } } });
    assert.equal(cfg.phlebotomy.pediatric.pct24h, 5);
    assert.equal(cfg.phlebotomy.pediatric.pct30d, 10);
    assert.equal(domain.defaultDomainConfig.phlebotomy.pediatric.pct24h, 3);
    assert.equal(domain.pediatricDrawLimits({ weightKg: 8, ageDays: 182, preterm: false, config: { phlebotomy: { pediatric: { pct24h: 5 } } } }).max24hMl, 32);
  });
  test('an explicit input value wins over the configuration', () => {
    assert.equal(domain.pediatricDrawLimits({ weightKg: 8, ageDays: 182, preterm: false, pct24h: 2.5, config: { phlebotomy: { pediatric: { pct24h: 5 } } } }).max24hMl, 16);
  });
});
