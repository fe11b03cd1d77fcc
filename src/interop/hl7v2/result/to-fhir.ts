import { createHash } from 'node:crypto';
import type { Annotation, Attachment, Bundle, DiagnosticReport, Observation, ObservationReferenceRange, Organization, Patient, Quantity, Reference, ServiceRequest, Specimen } from '@medplum/fhirtypes';
import type { LabResult, ObservationValue, ResultObservation, ResultOrder } from './models.js';
import { codeableConcept, fhirCode, interpretationFor, observationStatus, reportStatus, type ObservationStatus } from './terminology.js';

/** What the platform already resolved for this result: who it is about and what it answers. */
export interface ResultLinks {
  patient: Reference<Patient>;
  /** per `result.orders` index: the ServiceRequest it answers and the Specimen it was run on */
  orders?: ({ serviceRequest?: Reference<ServiceRequest>; specimen?: Reference<Specimen> } | undefined)[];
  /** the reference lab */
  performer?: Reference<Organization>;
  /** system URI for the lab's local codes (coding system L, 99xxx); default `urn:allied:lab-local` */
  localCodeSystem?: string;
  /** system URI for the lab's filler order numbers; default `urn:allied:lab-filler-order` */
  fillerSystem?: string;
}

export interface FhirLabResult {
  observations: Observation[];
  reports: DiagnosticReport[];
  /** a transaction Bundle creating all of them (urn:uuid references between them) */
  bundle: Bundle;
}

const LAB_CATEGORY = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] };
const REPORT_CATEGORY = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] };

/** A stable UUID from the message and position, so replaying the same message yields the same ids. */
function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * Observations and DiagnosticReports (FHIR R4) for a LabResult: one report per OBR, one
 * Observation per OBX. ED/RP values become the report's presentedForm. Each Observation carries an
 * identifier `<filler order>|<OBX-3>|<OBX-4>` so a corrected (C) result can find the one it replaces.
 */
export function labResultToFhir(result: LabResult, links: ResultLinks): FhirLabResult {
  const local = links.localCodeSystem ?? 'urn:allied:lab-local';
  const fillerSystem = links.fillerSystem ?? 'urn:allied:lab-filler-order';
  const observations: Observation[] = [];
  const reports: DiagnosticReport[] = [];
  result.orders.forEach((order, i) => {
    const link = links.orders?.[i];
    const reportObs: Observation[] = [];
    const attachments: Attachment[] = [];
    for (const o of [...order.observations, ...order.specimens.flatMap((s) => s.observations)]) {
      const refs = o.values.filter((v) => v.type === 'ED' || v.type === 'RP');
      for (const v of refs) {
        const a = v.type === 'ED' || v.type === 'RP' ? attachmentFor(v) : undefined;
        if (a && (a.data || a.url)) attachments.push(a); // one with neither says nothing
      }
      if (refs.length > 0 && refs.length === o.values.length) continue;
      const obs = observationFor(result, order, o, links, link, local, fillerSystem);
      reportObs.push(obs);
    }
    observations.push(...reportObs);
    reports.push(reportFor(result, order, reportObs, attachments, links, link, local, fillerSystem));
  });
  const entry = [...observations, ...reports].map((r) => ({ fullUrl: `urn:uuid:${r.id}`, resource: r, request: { method: 'POST' as const, url: r.resourceType } }));
  return { observations, reports, bundle: { resourceType: 'Bundle', type: 'transaction', entry } };
}

function observationFor(result: LabResult, order: ResultOrder, o: ResultObservation, links: ResultLinks, link: { serviceRequest?: Reference<ServiceRequest>; specimen?: Reference<Specimen> } | undefined, local: string, fillerSystem: string): Observation {
  const obs: Observation = {
    resourceType: 'Observation',
    id: stableUuid(result.controlId, 'OBX', String(o.segment)),
    status: observationStatus(o.status || order.status) as ObservationStatus,
    category: [LAB_CATEGORY],
    code: codeableConcept(o.code, local) ?? { text: 'unknown observation' },
    subject: links.patient,
  };
  const filler = order.fillerOrderNumber?.value ?? order.placerOrderNumber?.value ?? result.controlId;
  obs.identifier = [{ system: fillerSystem, value: `${filler}|${o.code?.code ?? ''}|${o.subId}` }];
  if (link?.serviceRequest) obs.basedOn = [link.serviceRequest];
  if (link?.specimen) obs.specimen = link.specimen;
  if (links.performer) obs.performer = [links.performer];
  const effective = o.observedAt ?? order.observedAt;
  if (effective) obs.effectiveDateTime = effective;
  const unit = o.units;
  const values = o.values.filter((v) => v.type !== 'ED' && v.type !== 'RP');
  const [first, ...rest] = values;
  if (first) setValue(obs, first, unit, local);
  if (rest.length > 0) {
    obs.component = rest.map((v) => {
      const c: Observation = { resourceType: 'Observation', status: obs.status, code: obs.code };
      setValue(c, v, unit, local);
      const { resourceType: _r, status: _s, ...component } = c;
      return component;
    });
  }
  if (o.referenceRange) {
    const rr: ObservationReferenceRange = {};
    if (o.referenceRange.low !== undefined) rr.low = quantity(o.referenceRange.low, unit);
    if (o.referenceRange.high !== undefined) rr.high = quantity(o.referenceRange.high, unit);
    if (o.referenceRange.text) rr.text = o.referenceRange.text;
    obs.referenceRange = [rr];
  }
  if (o.abnormalFlags.length) obs.interpretation = o.abnormalFlags.map(interpretationFor);
  const notes: Annotation[] = o.notes.filter((text) => text.trim() !== '').map((text) => ({ text }));
  if (notes.length) obs.note = notes;
  return obs;
}

function quantity(value: number, unit: ResultObservation['units']): Quantity {
  const q: Quantity = { value };
  const code = fhirCode(unit?.code);
  if (unit && code) {
    q.unit = unit.display.trim() || code;
    // Only claim UCUM when the lab said so or the unit has no spaces (most lab units are UCUM-ish).
    if (unit.system.toUpperCase() === 'UCUM' || (!unit.system && !code.includes(' '))) {
      q.system = 'http://unitsofmeasure.org';
      q.code = code;
    }
  }
  return q;
}

function setValue(obs: Observation, v: ObservationValue, unit: ResultObservation['units'], local: string): void {
  switch (v.type) {
    case 'NM': obs.valueQuantity = quantity(v.value, unit); break;
    case 'ST': case 'TX': case 'FT': setString(obs, v.text); break;
    case 'CE': case 'CWE': {
      const cc = codeableConcept(v.coded, local);
      if (cc) obs.valueCodeableConcept = cc;
      break;
    }
    case 'SN': {
      if (v.value1 !== undefined && v.value2 !== undefined && (v.separator === ':' || v.separator === '/')) {
        obs.valueRatio = { numerator: { value: v.value1 }, denominator: { value: v.value2 } };
      } else if (v.value1 !== undefined && v.value2 !== undefined && (v.separator === '-' || v.separator === '+')) {
        obs.valueRange = { low: quantity(v.value1, unit), high: quantity(v.value2, unit) };
      } else if (v.value1 !== undefined) {
        const q = quantity(v.value1, unit);
        if (v.comparator === '<' || v.comparator === '<=' || v.comparator === '>' || v.comparator === '>=') q.comparator = v.comparator;
        obs.valueQuantity = q;
      } else setString(obs, v.raw);
      break;
    }
    case 'DT': case 'TS': case 'DTM':
      if (v.fhir) obs.valueDateTime = v.fhir;
      else setString(obs, v.raw);
      break;
    case 'other': setString(obs, v.raw); break;
    case 'ED': case 'RP': break;
  }
}

/** FHIR strings may not be empty: an empty OBX-5 leaves the Observation without a value. */
function setString(obs: Observation, text: string): void {
  if (text.trim() !== '') obs.valueString = text;
}

function attachmentFor(v: Extract<ObservationValue, { type: 'ED' | 'RP' }>): Attachment {
  const c = v.components;
  if (v.type === 'RP') {
    const a: Attachment = {};
    const url = c[0]?.trim();
    if (url && /^[^\s\p{Cc}]+$/u.test(url)) a.url = url;
    if (c[2] && c[3]) a.contentType = `${c[2].toLowerCase()}/${c[3].toLowerCase()}`;
    return a;
  }
  // ED: source ^ type ^ subtype ^ encoding ^ data
  const a: Attachment = { contentType: c[1] && c[2] ? `${c[1].toLowerCase()}/${c[2].toLowerCase()}` : 'application/octet-stream' };
  const data = (c[3] ?? '').toUpperCase() === 'BASE64' ? (c[4] ?? '').replace(/\s+/g, '') : Buffer.from(c[4] ?? '', 'utf8').toString('base64');
  if (data) a.data = data; // an empty ED carries no data element (FHIR base64Binary may not be empty)
  return a;
}

function reportFor(result: LabResult, order: ResultOrder, obs: Observation[], attachments: Attachment[], links: ResultLinks, link: { serviceRequest?: Reference<ServiceRequest>; specimen?: Reference<Specimen> } | undefined, local: string, fillerSystem: string): DiagnosticReport {
  const status = order.status ? reportStatus(order.status) : statusFromObservations(obs);
  const r: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    id: stableUuid(result.controlId, 'OBR', String(order.segment)),
    status,
    category: [REPORT_CATEGORY],
    code: codeableConcept(order.service, local) ?? { text: 'laboratory report' },
    subject: links.patient,
  };
  if (order.fillerOrderNumber) r.identifier = [{ system: fillerSystem, value: order.fillerOrderNumber.value }];
  if (link?.serviceRequest) r.basedOn = [link.serviceRequest];
  if (link?.specimen) r.specimen = [link.specimen];
  if (links.performer) r.performer = [links.performer];
  if (order.observedAt) r.effectiveDateTime = order.observedAt;
  if (order.reportedAt && /T.*([+-]\d{2}:\d{2}|Z)$/.test(order.reportedAt)) r.issued = order.reportedAt;
  if (obs.length) r.result = obs.map((o) => ({ reference: `urn:uuid:${o.id}` }));
  if (attachments.length) r.presentedForm = attachments;
  const notes = order.notes.filter((t) => t.trim() !== ''); // an empty NTE is no conclusion (FHIR strings may not be empty)
  if (notes.length) r.conclusion = notes.join('\n');
  return r;
}

function statusFromObservations(obs: Observation[]): DiagnosticReport['status'] {
  if (obs.length === 0) return 'registered';
  if (obs.some((o) => o.status === 'corrected')) return 'corrected';
  if (obs.every((o) => o.status === 'final')) return 'final';
  if (obs.some((o) => o.status === 'preliminary')) return 'preliminary';
  return 'partial';
}
