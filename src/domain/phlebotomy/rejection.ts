import { resolveDomainConfig } from '../config.js';
import { reason, type Reason } from '../reasons.js';
import { checkKey, fieldsOf, optionalBoolean, optionalEnum, optionalNumber, requiredEnum, round, EPSILON, type NumberSpec } from '../validate.js';
import { hemolysisGrades, type HemolysisGrade } from './models.js';
import { drawClassOf } from './order-of-draw.js';

/*
 * Specimen rejection, DOMAIN.md A.7: STANDARD categories (public lab policies [NHRMC], [NSHA],
 * [UCSC-SHS], [NWH-REJECT], [APEX]); DEFAULT thresholds (hemolysis, stability) per test in config.
 * HL7 v2.5.1 SPM-21 reject reasons are HL7 table 0490.
 */

export const rejectionReasons = [
  'UNLABELED',
  'MISLABELED',
  'INSUFFICIENT_IDENTIFIERS',
  'INCOMPLETE_LABEL',
  'WRONG_CONTAINER',
  'UNDERFILLED',
  'QNS',
  'CLOTTED',
  'HEMOLYZED',
  'HANDLING_NOT_MET',
  'STABILITY_EXCEEDED',
] as const;
export type RejectionReasonCode = (typeof rejectionReasons)[number];

/** HL7 table 0490 code reported in SPM-21 for each reason (none fits a wrong container). */
export const hl7RejectReasonFor: Readonly<Record<RejectionReasonCode, string | null>> = {
  UNLABELED: 'RM',
  MISLABELED: 'RI',
  INSUFFICIENT_IDENTIFIERS: 'RI',
  INCOMPLETE_LABEL: 'RD',
  WRONG_CONTAINER: null,
  UNDERFILLED: 'QS',
  QNS: 'QS',
  CLOTTED: 'RC',
  HEMOLYZED: 'RH',
  HANDLING_NOT_MET: 'RR',
  STABILITY_EXCEEDED: 'EX',
};

export const labelStatuses = ['ok', 'unlabeled', 'mismatch_with_order', 'incomplete'] as const;

export interface RejectionReason extends Reason {
  code: RejectionReasonCode;
  hl7RejectReason: string | null;
}

export interface SpecimenRejectionInput {
  test: string;
  container: string;
  labelStatus: (typeof labelStatuses)[number];
  identifierCount?: number;
  hemolysis?: HemolysisGrade;
  clotted?: boolean;
  nominalDrawMl?: number;
  drawnMl?: number;
  volumeMl?: number;
  onIce?: boolean;
  minutesSinceCollection?: number;
  config?: unknown;
}

export interface SpecimenRejectionDecision {
  decision: 'accept' | 'reject';
  reasons: RejectionReason[];
  /** Findings that do not reject but need a person: hemolysed CBC, irreplaceable specimen rules, etc. */
  flags: Reason[];
}

const ML: NumberSpec = { min: 0, max: 1000, unit: 'mL' };
const gradeIndex = (g: HemolysisGrade): number => hemolysisGrades.indexOf(g);

/** Evaluates every rule whose inputs are present, in the A.7 order, and returns all reasons found. */
export function specimenRejectionDecision(input: SpecimenRejectionInput): SpecimenRejectionDecision {
  const o = fieldsOf(input, 'specimenRejectionDecision');
  const cfg = resolveDomainConfig(o.config).phlebotomy;
  const testCode = checkKey(cfg.tests, o.test, 'test', 'test code');
  const containerCode = checkKey(cfg.containers, o.container, 'container', 'container code');
  const labelStatus = requiredEnum(o, 'labelStatus', labelStatuses);
  const identifierCount = optionalNumber(o, 'identifierCount', { min: 0, max: 20, integer: true });
  const hemolysis = optionalEnum(o, 'hemolysis', hemolysisGrades);
  const clotted = optionalBoolean(o, 'clotted');
  const nominal = optionalNumber(o, 'nominalDrawMl', { ...ML, min: 0, minExclusive: true });
  const drawn = optionalNumber(o, 'drawnMl', ML);
  const volume = optionalNumber(o, 'volumeMl', ML);
  const onIce = optionalBoolean(o, 'onIce');
  const minutes = optionalNumber(o, 'minutesSinceCollection', { min: 0, max: 525600, unit: 'minutes' });

  const test = cfg.tests[testCode];
  const container = cfg.containers[containerCode];
  const reasons: RejectionReason[] = [];
  const flags: Reason[] = [];
  const add = (code: RejectionReasonCode, message: string, value?: Reason['value'], limit?: Reason['limit']): void => {
    reasons.push({ ...reason(code, message, value, limit), code, hl7RejectReason: hl7RejectReasonFor[code] });
  };

  if (labelStatus === 'unlabeled') add('UNLABELED', 'Container has no patient label: recollect (irreplaceable specimens go to the pathologist instead)');
  if (labelStatus === 'mismatch_with_order') add('MISLABELED', 'Label does not match the order: recollect and file a safety event');
  if (identifierCount !== undefined && identifierCount < 2) add('INSUFFICIENT_IDENTIFIERS', `${identifierCount} identifier(s) on the label; 2 are required`, identifierCount, 2);
  if (labelStatus === 'incomplete') {
    if (cfg.rejectIncompleteLabel) add('INCOMPLETE_LABEL', 'Label lacks collection date/time or collector ID');
    else flags.push(reason('INCOMPLETE_LABEL_CORRECTION', 'Label incomplete: the collector must correct it (lab accepts with correction)'));
  }
  if (containerCode !== test.container && !test.acceptedContainers.includes(containerCode)) {
    const accepted = [test.container, ...test.acceptedContainers].join(' or ');
    add('WRONG_CONTAINER', `${testCode} needs ${accepted}, not ${containerCode}`, containerCode, accepted);
  }
  const cls = drawClassOf(container);
  if (cls === 'CITRATE' && drawn !== undefined) {
    const nominalMl = nominal ?? container.nominalDrawMl;
    const minPct = cfg.citrateMinFillPct;
    if (!(drawn * 100 >= minPct * nominalMl - EPSILON)) {
      const pct = round((drawn * 100) / nominalMl, 1);
      add('UNDERFILLED', `Citrate tube ${pct} % full (${drawn} of ${nominalMl} mL); at least ${minPct} % needed`, pct, minPct);
    }
  }
  if (volume !== undefined && test.minWholeBloodMl !== null && volume < test.minWholeBloodMl - EPSILON) {
    add('QNS', `${volume} mL is less than the ${test.minWholeBloodMl} mL minimum for ${testCode}`, volume, test.minWholeBloodMl);
  }
  if (clotted === true && container.anticoagulated) add('CLOTTED', `Clot in an anticoagulated tube (${containerCode})`);
  if (hemolysis !== undefined && hemolysis !== 'none') {
    const rule = test.hemolysis;
    if (rule === 'moderate' || rule === 'gross') {
      if (gradeIndex(hemolysis) >= gradeIndex(rule)) add('HEMOLYZED', `${hemolysis} hemolysis; ${testCode} is rejected at ${rule} or worse`, hemolysis, rule);
      else flags.push(reason('HEMOLYSIS_BELOW_THRESHOLD', `${hemolysis} hemolysis: accept and report with a comment`, hemolysis, rule));
    } else if (rule === 'review_only') {
      flags.push(reason('HEMOLYSIS_REVIEW', `${hemolysis} hemolysis: ${testCode} is never auto-rejected; flag for review`, hemolysis));
    }
  }
  if (onIce !== undefined) {
    if (test.handling === 'on_ice' && !onIce) add('HANDLING_NOT_MET', `${testCode} must be transported on ice`, false, 'on_ice');
    else if (test.doNotChill && onIce) add('HANDLING_NOT_MET', `${testCode} whole blood must not be chilled`, true, 'ambient');
  }
  if (minutes !== undefined && test.stabilityMinutes !== null && minutes > test.stabilityMinutes) {
    add('STABILITY_EXCEEDED', `${minutes} min since collection; ${testCode} is stable for ${test.stabilityMinutes} min`, minutes, test.stabilityMinutes);
  }
  return { decision: reasons.length === 0 ? 'accept' : 'reject', reasons, flags };
}
