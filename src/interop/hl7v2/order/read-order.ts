import { readCoded } from '../coded.js';
import { hl7ToFhirDate, hl7ToFhirDateTime } from '../datetime.js';
import { issue, type Hl7Issue } from '../errors.js';
import type { Hl7Field, Hl7Message, Hl7Segment } from '../message.js';
import type { CodeRef, OrderInsurance, OrderItem, OrderMessage, OrderProvider } from './models.js';
import { DEFAULT_ORM_PROFILE, ourTestCode, placerNumberFromWire, type LabProfile } from './profile.js';

export type ReadOrderOutcome = { ok: true; order: OrderMessage } | { ok: false; error: Hl7Issue };

const opt = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

function codeRef(f: Hl7Field, rep = 1): CodeRef | undefined {
  const c = readCoded(f, rep);
  return c && c.code ? opt({ code: c.code, display: c.display, system: c.system }) : undefined;
}

function provider(f: Hl7Field): OrderProvider | undefined {
  const id = f.value(1, 1);
  return id ? opt({ id, family: f.value(1, 2), given: f.value(1, 3), assigningAuthority: f.value(1, 9) }) : undefined;
}

/**
 * Read an ORM^O01 or OML^O21 back into an OrderMessage (the writer's inverse under the same
 * profile). Used to check what we send and to read orders other systems send.
 */
export function readOrderMessage(m: Hl7Message, profile: LabProfile = DEFAULT_ORM_PROFILE): ReadOrderOutcome {
  const t = m.messageType;
  if (t.code !== 'ORM' && t.code !== 'OML') {
    return { ok: false, error: issue('not-an-oru', 'error', `MSH-9 is ${t.code}^${t.trigger}, not ORM^O01 or OML^O21`, { message: m.index, segment: 1, segmentId: 'MSH', field: 9 }) };
  }
  const pid = m.segment('PID');
  if (!pid) return { ok: false, error: issue('no-patient', 'error', 'the order has no PID segment', { message: m.index, segmentId: 'PID' }) };
  const order: OrderMessage = {
    controlId: m.controlId,
    sentAt: hl7ToFhirDateTime(m.header.get(7)) ?? '',
    patient: readPatient(pid),
    orderingProvider: { id: '' },
    orders: [],
  };
  const pv1 = m.segment('PV1');
  if (pv1) {
    const loc = pv1.field(3);
    const location = opt({ pointOfCare: loc.value(1, 1), room: loc.value(1, 2), bed: loc.value(1, 3), facility: loc.value(1, 4) });
    order.visit = opt({ patientClass: pv1.get(2), location: Object.keys(location).length ? location : undefined, visitNumber: pv1.get(19) });
  }
  const insurance: OrderInsurance[] = m.segmentsOf('IN1').map((s) => opt({ planId: s.get(2), companyId: s.get(3), companyName: s.get(4), groupNumber: s.get(8), relationship: s.get(17), policyNumber: s.get(36) }));
  if (insurance.length) order.insurance = insurance;
  let orc: Hl7Segment | undefined;
  let item: OrderItem | undefined;
  for (const s of m.segments) {
    if (s.id === 'ORC') orc = s;
    else if (s.id === 'OBR') {
      item = readItem(s, orc, profile);
      order.orders.push(item);
      const prov = provider(s.field(16)) ?? (orc ? provider(orc.field(12)) : undefined);
      if (prov && !order.orderingProvider.id) order.orderingProvider = prov;
      orc = undefined;
    } else if (item && s.id === 'NTE') (item.notes ??= []).push(s.field(3).text());
    else if (item && s.id === 'DG1') {
      const dx = codeRef(s.field(3));
      if (dx) (item.diagnoses ??= []).push(dx);
    } else if (item && s.id === 'SPM') {
      const type = codeRef(s.field(4));
      item.specimen = opt({ id: s.field(2).value(1, 1, 1), type: type ?? { code: '' }, collectedAt: hl7ToFhirDateTime(s.get(17)), source: codeRef(s.field(8)) });
    }
  }
  return { ok: true, order };
}

function readPatient(pid: Hl7Segment): OrderMessage['patient'] {
  const ids = pid.field(3);
  const identifiers = [];
  for (let r = 1; r <= ids.repetitionCount; r++) {
    if (ids.value(r, 1)) identifiers.push(opt({ value: ids.value(r, 1), assigningAuthority: ids.value(r, 4), type: ids.value(r, 5) }));
  }
  const n = pid.field(5);
  const given = [n.value(1, 2), n.value(1, 3)].filter((g) => g !== '');
  const addr = pid.field(11);
  const lines = [addr.value(1, 1), addr.value(1, 2)].filter((l) => l !== '');
  const address = opt({ lines: lines.length ? lines : undefined, city: addr.value(1, 3), state: addr.value(1, 4), postalCode: addr.value(1, 5), country: addr.value(1, 6) });
  return opt({
    identifiers,
    name: opt({ family: n.value(1, 1), given, suffix: n.value(1, 4), prefix: n.value(1, 5) }),
    birthDate: hl7ToFhirDate(pid.get(7)),
    sex: pid.get(8),
    address: Object.keys(address).length ? { ...address, lines } : undefined,
    phone: pid.get(13),
  }) as OrderMessage['patient'];
}

function readItem(obr: Hl7Segment, orc: Hl7Segment | undefined, profile: LabProfile): OrderItem {
  const svc = obr.field(4);
  const primary = opt({ code: svc.value(1, 1), display: svc.value(1, 2), system: svc.value(1, 3) });
  const alt = svc.value(1, 4) ? opt({ code: svc.value(1, 4), display: svc.value(1, 5), system: svc.value(1, 6) }) : undefined;
  const priority = (orc?.field(7).value(1, 6) || obr.field(27).value(1, 6) || obr.get(5) || 'R').toUpperCase();
  const placer = obr.get(2) || orc?.get(2) || '';
  const item: OrderItem = opt({
    placerOrderNumber: placerNumberFromWire(placer, profile),
    fillerOrderNumber: obr.get(3) || orc?.get(3),
    orderControl: orc?.get(1),
    test: ourTestCode(primary, alt, profile),
    priority: (priority === 'S' || priority === 'A' ? priority : 'R') as OrderItem['priority'],
    collectedAt: hl7ToFhirDateTime(obr.get(7)),
  });
  const src = obr.field(15);
  if (src.value(1, 1, 1)) {
    const type = opt({ code: src.value(1, 1, 1), display: src.value(1, 1, 2), system: src.value(1, 1, 3) });
    const source = src.value(1, 4, 1) ? opt({ code: src.value(1, 4, 1), display: src.value(1, 4, 2), system: src.value(1, 4, 3) }) : undefined;
    item.specimen = opt({ id: obr.get(18), type, source });
  }
  return item;
}
