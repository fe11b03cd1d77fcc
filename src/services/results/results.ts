import type { DiagnosticReport, Observation, Quantity } from '@medplum/fhirtypes';
import type { Repository, RequestContext } from '../../store/repository.js';
import { systems } from '../../fhir/systems.js';

/**
 * A patient's results as a clinician reads them: reports newest first, each with its values,
 * units, reference ranges and flags, and the trend of every numeric test seen more than once.
 */

/** Interpretation codes (HL7 v2 table 0078 / v3 ObservationInterpretation) that mean "call someone now". */
const CRITICAL = new Set(['HH', 'LL', 'AA', 'H>', 'L<']);
const NORMAL = new Set(['N']);
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

export interface ResultValue {
  id: string;
  code: string | null;
  display: string;
  /** the value as the lab gave it, formatted for reading */
  value: string;
  numeric: number | null;
  unit: string | null;
  low: number | null;
  high: number | null;
  range: string | null;
  flags: string[];
  abnormal: boolean;
  critical: boolean;
  status: string;
  effective: string | null;
  notes: string[];
}

export interface ResultReport {
  id: string;
  code: string | null;
  display: string;
  status: string;
  effective: string | null;
  issued: string | null;
  performer: string | null;
  orderId: string | null;
  conclusion: string | null;
  values: ResultValue[];
  abnormal: number;
  critical: number;
}

export interface TrendPoint {
  at: string;
  value: number;
  flags: string[];
}

export interface ResultTrend {
  code: string;
  display: string;
  unit: string | null;
  low: number | null;
  high: number | null;
  points: TrendPoint[];
}

export interface PatientResults {
  reports: ResultReport[];
  /** numeric tests with two or more values, oldest point first */
  trends: ResultTrend[];
}

function quantityText(q: Quantity | undefined): string {
  if (!q || q.value === undefined) return '';
  return `${q.comparator ?? ''}${q.value}`;
}

function valueOf(o: Observation): { value: string; numeric: number | null; unit: string | null } {
  if (o.valueQuantity) {
    const q = o.valueQuantity;
    return { value: quantityText(q), numeric: q.comparator || q.value === undefined ? null : q.value, unit: q.unit ?? q.code ?? null };
  }
  if (o.valueString !== undefined) return { value: o.valueString, numeric: null, unit: null };
  if (o.valueCodeableConcept) return { value: o.valueCodeableConcept.text ?? o.valueCodeableConcept.coding?.[0]?.display ?? o.valueCodeableConcept.coding?.[0]?.code ?? '', numeric: null, unit: null };
  if (o.valueRatio) return { value: `${quantityText(o.valueRatio.numerator)}:${quantityText(o.valueRatio.denominator)}`, numeric: null, unit: null };
  if (o.valueRange) return { value: `${quantityText(o.valueRange.low)}-${quantityText(o.valueRange.high)}`, numeric: null, unit: o.valueRange.low?.unit ?? null };
  if (o.valueDateTime) return { value: o.valueDateTime, numeric: null, unit: null };
  if (o.valueBoolean !== undefined) return { value: o.valueBoolean ? 'yes' : 'no', numeric: null, unit: null };
  if (o.valueInteger !== undefined) return { value: String(o.valueInteger), numeric: o.valueInteger, unit: null };
  return { value: o.dataAbsentReason?.text ?? o.dataAbsentReason?.coding?.[0]?.display ?? '', numeric: null, unit: null };
}

function flagsOf(o: Observation): string[] {
  return (o.interpretation ?? [])
    .map((c) => c.coding?.find((x) => x.system === INTERPRETATION)?.code ?? c.coding?.[0]?.code ?? c.text ?? '')
    .filter((f) => f !== '');
}

function codeOf(concept: Observation['code'] | undefined): string | null {
  return concept?.coding?.find((c) => c.system === systems.loinc)?.code ?? concept?.coding?.[0]?.code ?? null;
}

function displayOf(concept: Observation['code'] | undefined, fallback: string): string {
  return concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? concept?.coding?.[0]?.code ?? fallback;
}

export function resultValue(o: Observation): ResultValue {
  const v = valueOf(o);
  const flags = flagsOf(o);
  const rr = o.referenceRange?.[0];
  const low = rr?.low?.value ?? null;
  const high = rr?.high?.value ?? null;
  const range = rr?.text ?? (low !== null && high !== null ? `${low}-${high}` : low !== null ? `>= ${low}` : high !== null ? `<= ${high}` : null);
  // A value outside its range is abnormal even when the lab sent no flag.
  const outside = v.numeric !== null && ((low !== null && v.numeric < low) || (high !== null && v.numeric > high));
  return {
    id: o.id!,
    code: codeOf(o.code),
    display: displayOf(o.code, 'Result'),
    ...v,
    low,
    high,
    range,
    flags,
    abnormal: outside || flags.some((f) => !NORMAL.has(f)),
    critical: flags.some((f) => CRITICAL.has(f)),
    status: o.status,
    effective: o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.start ?? null,
    notes: (o.note ?? []).map((n) => n.text),
  };
}

/** The reports of a patient (newest first, at most `limit`) with their values and trends. */
export async function patientResults(repo: Repository, ctx: RequestContext, patientId: string, opts: { limit?: number } = {}): Promise<PatientResults> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const r = await repo.search(ctx, 'DiagnosticReport', new URLSearchParams({ patient: patientId, _sort: '-date', _count: String(limit), _include: 'DiagnosticReport:result' }));
  const observations = new Map((r.included.filter((x) => x.resourceType === 'Observation') as Observation[]).map((o) => [`Observation/${o.id}`, o]));
  const reports = (r.resources as DiagnosticReport[]).map((d): ResultReport => {
    const values = (d.result ?? []).map((ref) => observations.get(ref.reference ?? '')).filter((o): o is Observation => !!o).map(resultValue);
    return {
      id: d.id!,
      code: codeOf(d.code),
      display: displayOf(d.code, 'Report'),
      status: d.status,
      effective: d.effectiveDateTime ?? d.effectivePeriod?.start ?? null,
      issued: d.issued ?? null,
      performer: d.performer?.[0]?.display ?? null,
      orderId: d.basedOn?.find((b) => b.reference?.startsWith('ServiceRequest/'))?.reference?.slice('ServiceRequest/'.length) ?? null,
      conclusion: d.conclusion ?? null,
      values,
      abnormal: values.filter((v) => v.abnormal).length,
      critical: values.filter((v) => v.critical).length,
    };
  });
  return { reports, trends: trendsOf(reports) };
}

/** Numeric values grouped by test code, oldest first; a test seen once has no trend. */
export function trendsOf(reports: ResultReport[]): ResultTrend[] {
  const byCode = new Map<string, ResultTrend>();
  const seen = new Set<string>();
  for (const rep of reports) {
    for (const v of rep.values) {
      if (v.numeric === null || !v.code || seen.has(v.id)) continue;
      seen.add(v.id);
      const at = v.effective ?? rep.effective ?? rep.issued;
      if (!at) continue;
      let t = byCode.get(v.code);
      if (!t) byCode.set(v.code, (t = { code: v.code, display: v.display, unit: v.unit, low: v.low, high: v.high, points: [] }));
      t.points.push({ at, value: v.numeric, flags: v.flags });
    }
  }
  return [...byCode.values()]
    .filter((t) => t.points.length >= 2)
    .map((t) => ({ ...t, points: t.points.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) }));
}
