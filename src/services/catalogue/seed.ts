import { testCatalogue } from '../../domain/phlebotomy/tests-catalogue.js';
import { systems } from '../../fhir/systems.js';
import { orderables } from './static.js';
import type { Orderable, OrderableSpecimen } from './models.js';

/*
 * The catalogue a new organisation starts with: the code tables of lab.ts, imaging.ts and
 * respiratory.ts, completed from the lab's test table (DOMAIN.md A.3 minimum volumes, A.7 stability
 * windows) and with the timed draws of A.8. An admin edits it from there.
 */

/** A.3: "microtainer EDTA 0.25-0.5 mL in paediatrics". */
const PEDIATRIC_ML: Record<string, number> = { 'LAB-CBC': 0.5, 'LAB-CBC-NODIFF': 0.5 };
/** A.2 blood culture bottles and A.7/A.9 unrefrigerated urine for culture: deliver within 2 h. */
const DELIVER_WITHIN_MIN: Record<string, number> = { 'LAB-BLOOD-CULTURE': 120, 'LAB-URINE-CULTURE': 120 };
/** A.8: fasting glucose needs no caloric intake for >= 8 h (ADA). */
const FASTING_HOURS: Record<string, number> = { 'LAB-GLUCOSE-FASTING': 8 };
/** Bilirubin breaks down in light: the tube travels wrapped. */
const PROTECT_FROM_LIGHT = new Set(['LAB-BILI-TOTAL']);

/** A.8 morning cortisol: "often 08:00 +/- 1-2 h"; LOINC's AM peak specimen accepts 07:00-09:00. */
const MORNING_WINDOW = { kind: 'clock' as const, fromMinutes: 7 * 60, toMinutes: 9 * 60 };

/**
 * A.8 timed draws: trough within 30 min before the next dose; aminoglycoside peak 30-60 min after
 * the infusion ends; morning cortisol by the clock.
 */
const timedDraws: Orderable[] = [
  {
    code: 'LAB-VANCO-TROUGH',
    display: 'Vancomycin trough level',
    kind: 'lab',
    performerRole: 'phlebotomist',
    coding: [{ system: systems.loinc, code: '4092-3', display: 'Vancomycin [Mass/volume] in Serum or Plasma --trough' }],
    specimen: { container: 'SERUM_RED', volumeMl: 1.0, minVolumeMl: 0.5, handling: 'ambient' },
    timing: { kind: 'trough', fromMinutes: -30, toMinutes: 0 },
  },
  {
    code: 'LAB-GENT-PEAK',
    display: 'Gentamicin peak level',
    kind: 'lab',
    performerRole: 'phlebotomist',
    coding: [{ system: systems.loinc, code: '3663-2', display: 'Gentamicin [Mass/volume] in Serum or Plasma --peak' }],
    specimen: { container: 'SERUM_RED', volumeMl: 1.0, minVolumeMl: 0.5, handling: 'ambient' },
    timing: { kind: 'peak', fromMinutes: 30, toMinutes: 60 },
  },
  {
    code: 'LAB-CORTISOL-AM',
    display: 'Cortisol, morning',
    kind: 'lab',
    performerRole: 'phlebotomist',
    coding: [{ system: systems.loinc, code: '9813-7', display: 'Cortisol [Mass/volume] in Serum or Plasma --AM peak specimen' }],
    specimen: { container: 'SST_GOLD', volumeMl: 1.0, minVolumeMl: 0.7, handling: 'ambient' },
    timing: MORNING_WINDOW,
  },
];

/** The DOMAIN.md A.3 test an orderable is collected as: by LOINC, else by name ("LAB-PT-INR" -> "PT_INR"). */
export function seedLabTestCode(o: Orderable): string | undefined {
  const loincs = new Set(o.coding.filter((c) => c.system === systems.loinc).map((c) => c.code));
  for (const [code, spec] of Object.entries(testCatalogue)) if (spec.loinc.some((l) => loincs.has(l))) return code;
  const guess = o.code.replace(/^LAB-/, '').replace(/-/g, '_');
  return o.kind === 'lab' && guess in testCatalogue ? guess : undefined;
}

function completeSpecimen(o: Orderable, specimen: OrderableSpecimen, testCode: string | undefined): OrderableSpecimen {
  const test = testCode ? testCatalogue[testCode] : undefined;
  const out: OrderableSpecimen = { ...specimen, handling: specimen.handling ?? 'ambient' };
  if (test?.minWholeBloodMl != null && test.minWholeBloodMl !== specimen.volumeMl) out.minVolumeMl = test.minWholeBloodMl;
  if (PEDIATRIC_ML[o.code] !== undefined) out.pediatricVolumeMl = PEDIATRIC_ML[o.code];
  if (PROTECT_FROM_LIGHT.has(o.code)) out.protectFromLight = true;
  if (DELIVER_WITHIN_MIN[o.code] !== undefined) out.deliverWithinMinutes = DELIVER_WITHIN_MIN[o.code];
  if (test?.stabilityMinutes != null) out.stabilityMinutes = test.stabilityMinutes;
  if (specimen.additionalContainers) out.additionalContainers = specimen.additionalContainers.map((c) => ({ ...c }));
  return out;
}

/** A fresh copy of the seed catalogue: labs (with the timed draws), then imaging, then respiratory therapy. */
export function seedCatalogue(): Orderable[] {
  const items = orderables.map((o): Orderable => {
    const item: Orderable = { ...o, coding: o.coding.map((c) => ({ ...c })), status: 'active' };
    delete item.specimen;
    const testCode = seedLabTestCode(o);
    if (testCode) item.labTestCode = testCode;
    if (o.specimen) item.specimen = completeSpecimen(o, o.specimen, testCode);
    if (FASTING_HOURS[o.code] !== undefined) item.fastingHours = FASTING_HOURS[o.code];
    return item;
  });
  const lastLab = items.findLastIndex((o) => o.kind === 'lab');
  items.splice(lastLab + 1, 0, ...timedDraws.map((o) => ({ ...o, status: 'active' as const })));
  return items;
}
