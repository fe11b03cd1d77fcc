import type { Communication, DiagnosticReport, Observation, Organization, Practitioner, Reference, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import type { Orderable } from '../catalogue/index.js';
import { DAY_MS, instant, MINUTE_MS, ref, serviceRequest } from './care.js';
import type { Icd10Code } from './diagnoses.js';
import type { Rng } from './random.js';

/**
 * Earlier results for demo inpatients: the morning labs of the days since admission, so a
 * clinician opening a chart sees values, flags and trends, and the ordering physician has a few
 * critical values waiting to be acknowledged. Reference intervals are typical adult ones
 * (e.g. Tietz / MedlinePlus lab test pages); every value is invented.
 */

interface Analyte {
  loinc: string;
  display: string;
  unit: string;
  low: number;
  high: number;
  /** critical limits (call the clinician), where labs commonly set them */
  critLow?: number;
  critHigh?: number;
  decimals: number;
}

const a = (loinc: string, display: string, unit: string, low: number, high: number, decimals: number, crit: { lo?: number; hi?: number } = {}): Analyte => ({
  loinc, display, unit, low, high, decimals, ...(crit.lo !== undefined ? { critLow: crit.lo } : {}), ...(crit.hi !== undefined ? { critHigh: crit.hi } : {}),
});

const WBC = a('6690-2', 'WBC', '10*3/uL', 4.5, 11.0, 1, { lo: 1.5, hi: 30 });
const HGB = a('718-7', 'Hemoglobin', 'g/dL', 12.0, 17.5, 1, { lo: 7 });
const HCT = a('4544-3', 'Hematocrit', '%', 36, 52, 0);
const PLT = a('777-3', 'Platelets', '10*3/uL', 150, 400, 0, { lo: 20 });
const NA = a('2951-2', 'Sodium', 'mmol/L', 135, 145, 0, { lo: 120, hi: 160 });
const K = a('2823-3', 'Potassium', 'mmol/L', 3.5, 5.1, 1, { lo: 2.8, hi: 6.2 });
const CL = a('2075-0', 'Chloride', 'mmol/L', 98, 107, 0);
const CO2 = a('2028-9', 'CO2, total', 'mmol/L', 22, 29, 0);
const BUN = a('3094-0', 'BUN', 'mg/dL', 7, 20, 0);
const CREAT = a('2160-0', 'Creatinine', 'mg/dL', 0.6, 1.3, 2);
const GLU = a('2345-7', 'Glucose', 'mg/dL', 70, 99, 0, { lo: 50, hi: 400 });
const CA = a('17861-6', 'Calcium', 'mg/dL', 8.6, 10.3, 1, { lo: 6.5, hi: 13 });
const ALB = a('1751-7', 'Albumin', 'g/dL', 3.5, 5.0, 1);
const ALT = a('1742-6', 'ALT', 'U/L', 7, 56, 0);
const AST = a('1920-8', 'AST', 'U/L', 10, 40, 0);
const ALP = a('6768-6', 'Alkaline phosphatase', 'U/L', 44, 147, 0);
const TBILI = a('1975-2', 'Bilirubin, total', 'mg/dL', 0.1, 1.2, 1);
const TP = a('2885-2', 'Protein, total', 'g/dL', 6.0, 8.3, 1);

/** The analytes each orderable reports; a single-analyte test reports under its own LOINC. */
const panels: Record<string, Analyte[]> = {
  'LAB-CBC': [WBC, HGB, HCT, PLT],
  'LAB-BMP': [NA, K, CL, CO2, BUN, CREAT, GLU, CA],
  'LAB-CMP': [NA, K, CL, CO2, BUN, CREAT, GLU, CA, ALB, TP, ALT, AST, ALP, TBILI],
  'LAB-BNP': [a('30934-4', 'BNP', 'pg/mL', 0, 100, 0)],
  'LAB-LACTATE': [a('2524-7', 'Lactate', 'mmol/L', 0.5, 2.0, 1, { hi: 4 })],
  'LAB-MAGNESIUM': [a('19123-9', 'Magnesium', 'mg/dL', 1.7, 2.2, 1, { lo: 1.0, hi: 4.9 })],
  'LAB-PHOSPHORUS': [a('2777-1', 'Phosphorus', 'mg/dL', 2.5, 4.5, 1, { lo: 1.0 })],
  'LAB-CRP': [a('1988-5', 'C reactive protein', 'mg/L', 0, 10, 0)],
  'LAB-PROCALCITONIN': [a('33959-8', 'Procalcitonin', 'ng/mL', 0, 0.5, 2)],
  'LAB-PT-INR': [a('6301-6', 'INR', '{INR}', 0.8, 1.2, 1, { hi: 5 })],
};

/** Where a diagnosis moves a value: [analyte, value on the first day, change per day]. */
const pictures: Partial<Record<Icd10Code, [Analyte, number, number][]>> = {
  'N17.9': [[CREAT, 2.6, -0.3], [BUN, 52, -5], [K, 5.6, -0.2]],
  'A41.9': [[WBC, 19.5, -2.5], [panels['LAB-LACTATE'][0], 4.3, -1.1], [panels['LAB-PROCALCITONIN'][0], 6.2, -1.5]],
  'I50.9': [[panels['LAB-BNP'][0], 1450, -220], [NA, 131, 1], [CREAT, 1.5, 0]],
  'J18.9': [[WBC, 15.2, -1.8], [panels['LAB-CRP'][0], 96, -20]],
  'L03.115': [[WBC, 13.1, -1.2], [panels['LAB-CRP'][0], 58, -12]],
  'J96.01': [[CO2, 31, -1], [WBC, 12.4, -0.5]],
  'J44.1': [[CO2, 33, -1]],
};

const HOSPITAL_LAB = 'Hospital Laboratory';

export interface DemoResultsInput {
  rng: Rng;
  key: (type: string, n?: number) => string;
  patientId: string;
  encounterId: string;
  coverageId: string;
  requester: Reference<Practitioner>;
  labOrganizationId: string;
  locationId: string;
  reason: Icd10Code;
  reasonConditionId: string;
  diagnoses: Icd10Code[];
  orders: Orderable[];
  admitMs: number;
  epochMs: number;
  /** make the latest value of one analyte critical (and tell the ordering physician) */
  critical: boolean;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function flagOf(x: Analyte, v: number): string {
  if (x.critHigh !== undefined && v >= x.critHigh) return 'HH';
  if (x.critLow !== undefined && v <= x.critLow) return 'LL';
  if (v > x.high) return 'H';
  if (v < x.low) return 'L';
  return 'N';
}

const FLAG_DISPLAY: Record<string, string> = { HH: 'Critical high', LL: 'Critical low', H: 'High', L: 'Low', N: 'Normal' };

/**
 * The morning draws (05:00-06:15 on each of the last two days, after admission) of the patient's
 * panels that have results, each as a completed order with its report and values.
 */
export function demoResults(input: DemoResultsInput): Resource[] {
  const { rng, key } = input;
  const tests = input.orders.filter((o) => panels[o.code]);
  // the 05:00 round (UTC, as the demo's clock), drawn between 05:00 and 06:15
  const morning = (daysAgo: number) => Math.floor((input.epochMs - daysAgo * DAY_MS) / DAY_MS) * DAY_MS + (5 * 60 + rng.int(0, 75)) * MINUTE_MS;
  const draws = [2, 1].map(morning).filter((ms) => ms > input.admitMs + 60 * MINUTE_MS && ms < input.epochMs);
  if (!tests.length || !draws.length) return [];
  const shifts = new Map<Analyte, [number, number]>();
  for (const dx of input.diagnoses) for (const [x, start, step] of pictures[dx] ?? []) if (!shifts.has(x)) shifts.set(x, [start, step]);
  // The analyte that turns critical on the last draw: potassium when a chemistry panel was drawn, else the first with a limit.
  const analytes = tests.flatMap((o) => panels[o.code]);
  const withLimits = analytes.filter((x) => x.critHigh !== undefined || x.critLow !== undefined);
  const criticalOf = input.critical && withLimits.length ? (withLimits.includes(K) && rng.chance(0.5) ? K : rng.pick(withLimits)) : undefined;
  const criticalRoll = rng.next();

  const out: Resource[] = [];
  const lab: Reference<Organization> = { reference: `Organization/${input.labOrganizationId}`, display: HOSPITAL_LAB };
  let n = 0;
  draws.forEach((drawMs, day) => {
    const last = day === draws.length - 1;
    for (const o of tests) {
      const i = n++;
      const srId = key('ServiceRequest:done', i);
      const sr: ServiceRequest = {
        ...serviceRequest({
          id: srId, orderable: o, priority: 'routine', patientId: input.patientId, encounterId: input.encounterId, coverageId: input.coverageId,
          requester: input.requester, reason: input.reason, reasonConditionId: input.reasonConditionId, locationId: input.locationId,
          authoredMs: drawMs - 8 * 60 * MINUTE_MS, occurrenceMs: drawMs,
        }),
        status: 'completed',
      };
      out.push(sr);
      const resultedMs = drawMs + (40 + rng.int(0, 50)) * MINUTE_MS;
      const observations: Observation[] = panels[o.code].map((x, j) => {
        const shift = shifts.get(x);
        const mid = (x.low + x.high) / 2;
        const spread = (x.high - x.low) / 2;
        let v = shift ? shift[0] + shift[1] * day : mid + spread * (rng.next() - 0.5) * 1.4;
        v += shift ? (x.high - x.low) * 0.05 * (rng.next() - 0.5) : 0;
        if (last && x === criticalOf) v = x.critHigh !== undefined ? x.critHigh + (x.critHigh - x.high) * (0.1 + 0.4 * criticalRoll) : (x.critLow ?? x.low) * (0.95 - 0.2 * criticalRoll);
        const value = Math.max(0, round(v, x.decimals));
        const flag = flagOf(x, value);
        return {
          resourceType: 'Observation',
          id: key(`Observation:${i}`, j),
          status: 'final',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] }],
          code: { coding: [{ system: systems.loinc, code: x.loinc, display: x.display }], text: x.display },
          subject: ref('Patient', input.patientId),
          encounter: ref('Encounter', input.encounterId),
          basedOn: [ref('ServiceRequest', srId)],
          effectiveDateTime: instant(drawMs),
          issued: instant(resultedMs),
          performer: [lab],
          valueQuantity: { value, unit: x.unit, system: 'http://unitsofmeasure.org', code: x.unit },
          interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: flag, display: FLAG_DISPLAY[flag] }] }],
          referenceRange: [{ low: { value: x.low, unit: x.unit, system: 'http://unitsofmeasure.org', code: x.unit }, high: { value: x.high, unit: x.unit, system: 'http://unitsofmeasure.org', code: x.unit } }],
        } satisfies Observation;
      });
      out.push(...observations);
      const report: DiagnosticReport = {
        resourceType: 'DiagnosticReport',
        id: key('DiagnosticReport', i),
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] }],
        code: { coding: o.coding.map((c) => ({ ...c })), text: o.display },
        subject: ref('Patient', input.patientId),
        encounter: ref('Encounter', input.encounterId),
        basedOn: [ref('ServiceRequest', srId)],
        effectiveDateTime: instant(drawMs),
        issued: instant(resultedMs),
        performer: [lab],
        result: observations.map((x) => ref('Observation', x.id!)),
      };
      out.push(report);
      for (const obs of observations) {
        const flag = obs.interpretation![0].coding![0].code!;
        if (flag !== 'HH' && flag !== 'LL') continue;
        const q = obs.valueQuantity!;
        out.push({
          resourceType: 'Communication',
          id: key(`Communication:${i}`, observations.indexOf(obs)),
          status: 'completed',
          priority: 'stat',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'alert' }], text: 'Critical lab value' }],
          subject: ref('Patient', input.patientId),
          encounter: ref('Encounter', input.encounterId),
          about: [ref('ServiceRequest', srId)],
          basedOn: [ref('ServiceRequest', srId)],
          recipient: [input.requester],
          sender: lab,
          sent: instant(resultedMs),
          payload: [{ contentString: `CRITICAL: ${obs.code.text} ${q.value} ${q.unit} (${flag}; ref ${obs.referenceRange![0].low!.value}-${obs.referenceRange![0].high!.value})` }],
        } satisfies Communication);
      }
    }
  });
  return out;
}
