import { readCoded, readCx, readEi, readName, readXcn, type CodedValue } from '../coded.js';
import { hl7ToFhirDate, hl7ToFhirDateTime } from '../datetime.js';
import { issue, type Hl7Issue, type Hl7Position } from '../errors.js';
import type { Hl7Message, Hl7Segment } from '../message.js';
import type { LabResult, ResultObservation, ResultOrder, ResultPatient, ResultSpecimen } from './models.js';
import { DEFAULT_CRITICAL_FLAGS, readAbnormalFlags, readObxValues, readReferenceRange } from './obx-value.js';

export interface ReadLabResultOptions {
  /** OBX-8 flags that mean a panic value (default HH, LL, AA); a lab profile may add its own */
  criticalFlags?: readonly string[];
}

export type LabResultOutcome = { ok: true; result: LabResult } | { ok: false; error: Hl7Issue };

const pos = (m: Hl7Message, s: Hl7Segment, field?: number): Hl7Position => ({ message: m.index, segment: s.index, segmentId: s.id, line: s.line, ...(field ? { field } : {}) });

/**
 * Read an ORU^R01 (v2.3 to v2.5.1) into a LabResult: patients, orders (ORC/OBR), observations
 * (OBX), notes (NTE, attached to what they follow) and specimens (SPM). Segments it does not use
 * are skipped; values it cannot read become warnings, never exceptions.
 */
export function readLabResult(m: Hl7Message, options: ReadLabResultOptions = {}): LabResultOutcome {
  const type = m.messageType;
  if (type.code !== 'ORU') {
    return { ok: false, error: issue('not-an-oru', 'error', `MSH-9 is ${type.code}^${type.trigger}, not ORU^R01; only result messages can be read as lab results`, { message: m.index, segment: 1, segmentId: 'MSH', field: 9 }) };
  }
  const critical = new Set(options.criticalFlags ?? DEFAULT_CRITICAL_FLAGS);
  const issues: Hl7Issue[] = [];
  const patients: ResultPatient[] = [];
  const orders: ResultOrder[] = [];
  let pendingOrc: Hl7Segment | undefined;
  let order: ResultOrder | undefined;
  let specimen: ResultSpecimen | undefined;
  let notesTarget: string[] | undefined;
  for (const s of m.segments) {
    switch (s.id) {
      case 'PID': {
        const p = readPatient(s);
        patients.push(p);
        notesTarget = p.notes;
        order = undefined;
        specimen = undefined;
        break;
      }
      case 'ORC':
        pendingOrc = s;
        break;
      case 'OBR': {
        order = readOrder(s, pendingOrc, Math.max(0, patients.length - 1), m, issues);
        pendingOrc = undefined;
        orders.push(order);
        specimen = undefined;
        notesTarget = order.notes;
        break;
      }
      case 'OBX': {
        const obs = readObservation(s, m, critical, issues);
        if (specimen) specimen.observations.push(obs);
        else if (order) order.observations.push(obs);
        else {
          issues.push(issue('obx-outside-order', 'warning', 'OBX before any OBR; kept in an order of its own with no OBR', pos(m, s)));
          order = emptyOrder(Math.max(0, patients.length - 1), s.index);
          orders.push(order);
          order.observations.push(obs);
        }
        notesTarget = obs.notes;
        break;
      }
      case 'SPM': {
        if (!order) {
          issues.push(issue('no-order', 'warning', 'SPM before any OBR; ignored', pos(m, s)));
          break;
        }
        const spm = readSpecimen(s);
        order.specimens.push(spm);
        // v2.5.1 puts the SPM group (with its own OBX) after the results; some senders (Cerner)
        // put SPM first and the results after it. OBX after an SPM belong to the specimen only
        // when the order already has its results.
        specimen = order.observations.length > 0 ? spm : undefined;
        notesTarget = undefined;
        break;
      }
      case 'NTE':
        if (notesTarget) notesTarget.push(s.field(3).text());
        break;
    }
  }
  if (patients.length === 0) issues.push(issue('no-patient', 'warning', 'the message has no PID segment; the result cannot be matched to a patient', { message: m.index }));
  const h = m.header;
  return {
    ok: true,
    result: {
      controlId: m.controlId,
      messageType: [type.code, type.trigger, type.structure].filter(Boolean).join('^'),
      version: m.version,
      sendingApplication: h.get(3),
      sendingFacility: h.get(4),
      sentAt: hl7ToFhirDateTime(h.get(7)),
      patients,
      orders,
      issues,
    },
  };
}

function readPatient(s: Hl7Segment): ResultPatient {
  const ids = s.field(3);
  const identifiers = [];
  for (let r = 1; r <= ids.repetitionCount; r++) {
    const id = readCx(ids, r);
    if (id.value) identifiers.push(id);
  }
  // v2.2-style PID-2 (external id) still arrives from older systems.
  const external = s.field(2);
  if (identifiers.length === 0 && external.value(1, 1)) identifiers.push(readCx(external, 1));
  const name = readName(s.field(5));
  return {
    identifiers,
    name: name.family || name.given.length ? name : undefined,
    birthDate: hl7ToFhirDate(s.get(7)),
    sex: s.get(8),
    notes: [],
    segment: s.index,
  };
}

function emptyOrder(patientIndex: number, segment: number): ResultOrder {
  return {
    patientIndex, orderControl: '', placerOrderNumber: undefined, fillerOrderNumber: undefined, service: undefined,
    observedAt: undefined, reportedAt: undefined, status: '', orderingProvider: undefined, notes: [], observations: [], specimens: [], segment,
  };
}

function readOrder(obr: Hl7Segment, orc: Hl7Segment | undefined, patientIndex: number, m: Hl7Message, issues: Hl7Issue[]): ResultOrder {
  const ei = (seg: Hl7Segment | undefined, n: number) => {
    const v = seg ? readEi(seg.field(n)) : undefined;
    return v && v.value ? v : undefined;
  };
  const observedRaw = obr.get(7);
  const observedAt = hl7ToFhirDateTime(observedRaw);
  if (observedRaw && !observedAt) issues.push(issue('bad-date', 'warning', `OBR-7 ${JSON.stringify(observedRaw)} is not an HL7 date/time`, pos(m, obr, 7)));
  return {
    ...emptyOrder(patientIndex, obr.index),
    orderControl: orc?.get(1) ?? '',
    placerOrderNumber: ei(obr, 2) ?? ei(orc, 2),
    fillerOrderNumber: ei(obr, 3) ?? ei(orc, 3),
    service: readCoded(obr.field(4)),
    observedAt,
    reportedAt: hl7ToFhirDateTime(obr.get(22)),
    status: obr.get(25),
    orderingProvider: readXcn(obr.field(16)) ?? (orc ? readXcn(orc.field(12)) : undefined),
  };
}

function readObservation(s: Hl7Segment, m: Hl7Message, critical: Set<string>, issues: Hl7Issue[]): ResultObservation {
  const valueType = s.get(2).trim();
  const flags = readAbnormalFlags(s.field(8));
  const observedRaw = s.get(14);
  const observedAt = hl7ToFhirDateTime(observedRaw);
  if (observedRaw && !observedAt) issues.push(issue('bad-date', 'warning', `OBX-14 ${JSON.stringify(observedRaw)} is not an HL7 date/time`, pos(m, s, 14)));
  const units: CodedValue | undefined = readCoded(s.field(6));
  return {
    setId: s.get(1),
    valueType,
    code: readCoded(s.field(3)),
    subId: s.get(4),
    values: readObxValues(valueType, s.field(5), pos(m, s, 5), issues),
    units: units && units.code !== '""' ? units : undefined,
    referenceRange: readReferenceRange(s.field(7)),
    abnormalFlags: flags,
    critical: flags.some((f) => critical.has(f)),
    status: s.get(11),
    observedAt,
    performingOrganization: s.get(23) || undefined,
    notes: [],
    segment: s.index,
  };
}

function readSpecimen(s: Hl7Segment): ResultSpecimen {
  const id = s.field(2);
  const rejects: CodedValue[] = [];
  const rf = s.field(21);
  for (let r = 1; r <= rf.repetitionCount; r++) {
    const c = readCoded(rf, r);
    if (c) rejects.push(c);
  }
  return {
    placerId: id.value(1, 1, 1),
    fillerId: id.value(1, 2, 1),
    type: readCoded(s.field(4)),
    sourceSite: readCoded(s.field(8)),
    collectedAt: hl7ToFhirDateTime(s.get(17)),
    receivedAt: hl7ToFhirDateTime(s.get(18)),
    rejectReasons: rejects,
    condition: readCoded(s.field(24)),
    observations: [],
    segment: s.index,
  };
}
