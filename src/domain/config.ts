import { DomainInputError } from './errors.js';
import { containerCatalogue } from './phlebotomy/containers.js';
import { testCatalogue } from './phlebotomy/tests-catalogue.js';
import { additives, handlings, sections, type ContainerSpec, type LabTestSpec } from './phlebotomy/models.js';

/*
 * Per-organisation configuration of the DEFAULT rules (DOMAIN.md 0.1). The values below are the seed
 * given in DOMAIN.md; a lab, imaging centre or ICU overrides any of them without code by passing a
 * partial `config` in a rule's input (services pass the organisation's stored configuration).
 * STANDARD thresholds are constants in the rule files, not here.
 */

export const ageBands = ['preterm_neonate', 'term_neonate', 'infant', 'child', 'adolescent_adult'] as const;
export type AgeBand = (typeof ageBands)[number];

export const labelElements = ['patientName', 'secondIdentifier', 'specimenId', 'collectionDateTime', 'collectorId'] as const;
export type LabelElement = (typeof labelElements)[number];

export interface BloodCultureVolumeRow {
  /** Upper weight bound of the row (inclusive); null = no upper bound. */
  maxWeightKg: number | null;
  totalMl: number;
  sets: string;
}

export interface TriageLevel {
  minScore: number;
  triage: 1 | 2 | 3 | 4 | 5;
  frequency: string;
}

export interface DomainConfig {
  phlebotomy: {
    containers: Record<string, ContainerSpec>;
    tests: Record<string, LabTestSpec>;
    /** A.4 rule 2: may one tube serve two performing sections (e.g. CBC + HbA1c)? */
    shareAcrossSections: boolean;
    /** A.2: CLSI H21 keeps >= 90 % unless the lab validates otherwise. */
    citrateMinFillPct: number;
    /** A.5 paediatric limits. */
    pediatric: {
      pct24h: number;
      pct30d: number;
      tbvMlPerKg: Record<AgeBand, number>;
      /** Age bands by age in days: neonate < 28, infant < 365, child < 4383 (12 years). */
      neonateBelowDays: number;
      infantBelowDays: number;
      childBelowDays: number;
    };
    /** A.5 paediatric blood culture volume by weight (IDSA/ASM as tabulated by UW Health). */
    bloodCultureVolumes: BloodCultureVolumeRow[];
    /** A.8 trough window before the next dose. */
    troughWindowMinutes: number;
    /** A.6 required label elements. */
    labelRequiredElements: LabelElement[];
    /** A.7 INCOMPLETE_LABEL rejects (some labs accept with correction by the collector). */
    rejectIncompleteLabel: boolean;
  };
  imaging: {
    /** B.4.2 pregnancy verification age range (inclusive). */
    pregnancyAgeMinYears: number;
    pregnancyAgeMaxYears: number;
    /** B.4.2 exam codes; a trailing `*` matches a prefix (NM_*). */
    pregnancyVerificationExams: string[];
    pregnancyExemptExams: string[];
    /** B.4.1: site policy may keep Level 1 MR personnel out of Zone IV. */
    mrLevel1MayEnterZoneIV: boolean;
  };
  respiratory: {
    /** C.2 driving pressure flag (Amato 2015), DEFAULT 15 cmH2O. */
    drivingPressureMaxCmH2O: number;
    /** C.2 heights outside this range are flagged for review. */
    pbwReviewHeightCm: { min: number; max: number };
    /** C.6 neonatal volume-targeted ventilation, mL/kg actual weight. */
    neonatalMlPerKg: number;
    /** C.7 peak-flow zone cut-offs (per patient plan; NHLBI/AAAAI/Mayo 80/50). */
    peakFlowGreenMinPct: number;
    peakFlowYellowMinPct: number;
    /** C.8 triage score -> level, highest minScore first. */
    triageLevels: TriageLevel[];
    triageMaxScore: number;
  };
}

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type DomainConfigOverride = DeepPartial<DomainConfig>;

/** DOMAIN.md seed values. */
export const defaultDomainConfig: DomainConfig = {
  phlebotomy: {
    containers: { ...containerCatalogue },
    tests: { ...testCatalogue },
    shareAcrossSections: false,
    citrateMinFillPct: 90,
    pediatric: {
      pct24h: 3,
      pct30d: 10,
      tbvMlPerKg: { preterm_neonate: 100, term_neonate: 85, infant: 80, child: 75, adolescent_adult: 70 },
      neonateBelowDays: 28,
      infantBelowDays: 365,
      childBelowDays: 4383,
    },
    bloodCultureVolumes: [
      { maxWeightKg: 1.0, totalMl: 2, sets: '1' },
      { maxWeightKg: 2.0, totalMl: 4, sets: '2' },
      { maxWeightKg: 12.7, totalMl: 6, sets: '2' },
      { maxWeightKg: 36.3, totalMl: 20, sets: '2' },
      { maxWeightKg: null, totalMl: 40, sets: '2-4' },
    ],
    troughWindowMinutes: 30,
    labelRequiredElements: [...labelElements],
    rejectIncompleteLabel: true,
  },
  imaging: {
    pregnancyAgeMinYears: 12,
    pregnancyAgeMaxYears: 50,
    pregnancyVerificationExams: ['CT_ABDOMEN_PELVIS', 'XR_ABDOMEN', 'XR_PELVIS', 'XR_LUMBAR_SPINE', 'FLUORO_GI', 'NM_*'],
    pregnancyExemptExams: ['XR_CHEST', 'XR_EXTREMITY', 'CT_HEAD', 'CT_CHEST', 'MG_*', 'MR_*', 'US_*'],
    mrLevel1MayEnterZoneIV: true,
  },
  respiratory: {
    drivingPressureMaxCmH2O: 15,
    pbwReviewHeightCm: { min: 130, max: 230 },
    neonatalMlPerKg: 5,
    peakFlowGreenMinPct: 80,
    peakFlowYellowMinPct: 50,
    triageLevels: [
      { minScore: 20, triage: 1, frequency: 'Q2H_AND_PRN' },
      { minScore: 16, triage: 2, frequency: 'Q4H_AND_PRN' },
      { minScore: 11, triage: 3, frequency: 'QID_AND_PRN' },
      { minScore: 6, triage: 4, frequency: 'Q6H_PRN' },
      { minScore: 0, triage: 5, frequency: 'PRN_OR_REEVALUATE' },
    ],
    // Nine items scored 0-4 (C.8 example model).
    triageMaxScore: 36,
  },
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function merge(base: unknown, over: unknown, path: string): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base)) {
    if (!isPlainObject(over)) throw new DomainInputError(path, 'an object of overrides', over);
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v, `${path}.${k}`);
    return out;
  }
  if (base !== undefined && base !== null && over !== null && typeof base !== typeof over) {
    throw new DomainInputError(path, `a value of type ${Array.isArray(base) ? 'array' : typeof base}`, over);
  }
  return over;
}

const cache = new WeakMap<object, DomainConfig>();

/**
 * The effective configuration: the override merged over the DOMAIN.md seed (tables merge per key, so a
 * lab can change one test; arrays are replaced). Results are cached per override object.
 */
export function resolveDomainConfig(override?: unknown): DomainConfig {
  if (override === undefined || override === defaultDomainConfig) return defaultDomainConfig;
  if (!isPlainObject(override)) throw new DomainInputError('config', 'an object of configuration overrides', override);
  const hit = cache.get(override);
  if (hit) return hit;
  const merged = merge(defaultDomainConfig, override, 'config') as DomainConfig;
  checkCatalogues(merged);
  cache.set(override, merged);
  return merged;
}

function need(ok: boolean, field: string, expected: string, value: unknown): void {
  if (!ok) throw new DomainInputError(field, expected, value);
}

/** Every number in the configuration is a volume, time, count, pressure or percentage: finite and >= 0; percentages <= 100. */
function checkNumbers(node: unknown, path: string): void {
  if (typeof node === 'number') {
    need(Number.isFinite(node) && node >= 0, path, 'a number of 0 or more', node);
    if (/pct/i.test(path.split('.').pop() ?? '')) need(node <= 100, path, 'a percentage from 0 to 100', node);
  } else if (Array.isArray(node)) node.forEach((v, i) => checkNumbers(v, `${path}[${i}]`));
  else if (isPlainObject(node)) for (const [k, v] of Object.entries(node)) checkNumbers(v, `${path}.${k}`);
}

function checkCatalogues(cfg: DomainConfig): void {
  checkNumbers(cfg, 'config');
  const { containers, tests } = cfg.phlebotomy;
  for (const [code, ctr] of Object.entries(containers)) {
    const p = `config.phlebotomy.containers.${code}`;
    need(isPlainObject(ctr), p, 'a container entry', ctr);
    need((additives as readonly string[]).includes(ctr.additive), `${p}.additive`, `one of ${additives.join(', ')}`, ctr.additive);
    need(typeof ctr.subRank === 'number', `${p}.subRank`, 'a number', ctr.subRank);
    need(typeof ctr.capacityMl === 'number' && ctr.capacityMl > 0, `${p}.capacityMl`, 'a number > 0 (mL)', ctr.capacityMl);
    need(typeof ctr.nominalDrawMl === 'number' && ctr.nominalDrawMl > 0, `${p}.nominalDrawMl`, 'a number > 0 (mL)', ctr.nominalDrawMl);
    need(isPlainObject(ctr.inversions) && ctr.inversions.min <= ctr.inversions.max, `${p}.inversions`, '{min, max} with min <= max', ctr.inversions);
    need(typeof ctr.anticoagulated === 'boolean', `${p}.anticoagulated`, 'true or false', ctr.anticoagulated);
  }
  for (const [code, t] of Object.entries(tests)) {
    const p = `config.phlebotomy.tests.${code}`;
    need(isPlainObject(t), p, 'a test entry', t);
    need(Object.prototype.hasOwnProperty.call(containers, t.container), `${p}.container`, 'a container code of the catalogue', t.container);
    need(Array.isArray(t.acceptedContainers), `${p}.acceptedContainers`, 'an array of container codes', t.acceptedContainers);
    need((sections as readonly string[]).includes(t.section), `${p}.section`, `one of ${sections.join(', ')}`, t.section);
    need((handlings as readonly string[]).includes(t.handling), `${p}.handling`, `one of ${handlings.join(', ')}`, t.handling);
    const cap = containers[t.container].capacityMl;
    need(typeof t.consolidationVolumeMl === 'number' && t.consolidationVolumeMl >= 0 && t.consolidationVolumeMl <= cap,
      `${p}.consolidationVolumeMl`, `a number from 0 to the container capacity ${cap} mL`, t.consolidationVolumeMl);
    need(Array.isArray(t.analytes) && t.analytes.length > 0, `${p}.analytes`, 'a non-empty array of analyte names', t.analytes);
  }
}
