import { DEFAULT_DELIMITERS } from '../delimiters.js';
import { toHl7DateTime } from '../datetime.js';
import { issue, type Hl7Issue } from '../errors.js';
import { encodeMsh, encodeSegment, type FieldInput } from '../message.js';
import type { CodeRef, OrderItem, OrderMessage, OrderProvider } from './models.js';
import { labTestCode, placerNumberOnWire, type LabProfile } from './profile.js';

export type WriteOrderOutcome = { ok: true; text: string; controlId: string } | { ok: false; issues: Hl7Issue[] };

const d = DEFAULT_DELIMITERS;
const seg = (id: string, fields: FieldInput[]) => encodeSegment(id, fields, d);
const ts = (v: string | undefined) => (v ? toHl7DateTime(v) : undefined);
const coded = (c: CodeRef | undefined): FieldInput => (c ? [c.code, c.display, c.system] : undefined);
const xcn = (p: OrderProvider | undefined): FieldInput => (p ? [p.id, p.family, p.given, undefined, undefined, undefined, undefined, undefined, p.assigningAuthority] : undefined);

/**
 * ORM^O01 or OML^O21 text (segments ending in CR) for an order, shaped by the lab's profile.
 * Refuses, with positioned issues, orders the lab could not read: no tests, or a test the
 * profile has no code for.
 */
export function writeOrderMessage(order: OrderMessage, profile: LabProfile): WriteOrderOutcome {
  const issues = checkOrder(order, profile);
  if (issues.length) return { ok: false, issues };
  const oml = profile.messageType === 'OML^O21';
  const [code, trigger] = profile.messageType.split('^') as [string, string];
  const out: string[] = [
    encodeMsh([profile.sendingApplication, profile.sendingFacility, profile.receivingApplication, profile.receivingFacility, ts(order.sentAt), '', [code, trigger, `${code}_${trigger}`], order.controlId, profile.processingId ?? 'P', '2.5.1'], d),
  ];
  const p = order.patient;
  out.push(seg('PID', [
    '1', '',
    { reps: p.identifiers.map((i) => [i.value, undefined, undefined, i.assigningAuthority, i.type]) },
    '',
    [p.name.family, p.name.given[0], p.name.given.slice(1).join(' ') || undefined, p.name.suffix, p.name.prefix],
    '',
    p.birthDate?.replace(/-/g, ''),
    p.sex,
    '', '',
    p.address ? [p.address.lines[0], p.address.lines.slice(1).join(', ') || undefined, p.address.city, p.address.state, p.address.postalCode, p.address.country] : undefined,
    '',
    p.phone,
  ]));
  if (profile.segments.pv1 && order.visit) {
    const v = order.visit;
    const loc = v.location;
    out.push(seg('PV1', ['1', v.patientClass, loc ? [loc.pointOfCare, loc.room, loc.bed, loc.facility] : undefined, ...Array<string>(15).fill(''), v.visitNumber]));
  }
  if (profile.segments.in1) {
    (order.insurance ?? []).forEach((ins, i) => {
      const f: FieldInput[] = Array<FieldInput>(36).fill('');
      f[0] = String(i + 1);
      f[1] = ins.planId;
      f[2] = ins.companyId;
      f[3] = ins.companyName;
      f[7] = ins.groupNumber;
      f[16] = ins.relationship;
      f[35] = ins.policyNumber;
      out.push(seg('IN1', f));
    });
  }
  order.orders.forEach((item, i) => out.push(...orderGroup(item, i, order, profile, oml)));
  return { ok: true, text: out.join('\r'), controlId: order.controlId };
}

function placerEi(item: OrderItem, profile: LabProfile): FieldInput {
  const f = profile.placerNumber;
  return [placerNumberOnWire(item.placerOrderNumber, profile), f?.namespace, f?.universalId, f?.universalIdType];
}

function orderGroup(item: OrderItem, i: number, order: OrderMessage, profile: LabProfile, oml: boolean): string[] {
  const out: string[] = [];
  const placer = placerEi(item, profile);
  const filler: FieldInput = item.fillerOrderNumber ? [item.fillerOrderNumber] : undefined;
  const timing: FieldInput = ['', '', '', '', '', item.priority];
  out.push(seg('ORC', [item.orderControl ?? 'NW', placer, filler, '', '', '', timing, '', ts(order.sentAt), '', '', xcn(order.orderingProvider)]));
  const test = labTestCode(item.test, profile);
  const service: FieldInput = test ? [test.primary.code, test.primary.display, test.primary.system, test.alternate?.code, test.alternate?.display, test.alternate?.system] : undefined;
  const sp = item.specimen;
  const obr: FieldInput[] = Array<FieldInput>(27).fill('');
  obr[0] = String(i + 1);
  obr[1] = placer;
  obr[2] = filler;
  obr[3] = service;
  obr[6] = ts(item.collectedAt ?? (oml ? undefined : sp?.collectedAt));
  if (!oml && sp) {
    // ORM has no SPM: specimen source in OBR-15, the container id in OBR-18 (placer field 1).
    obr[14] = [[sp.type.code, sp.type.display, sp.type.system], undefined, undefined, sp.source ? [sp.source.code, sp.source.display, sp.source.system] : undefined];
    obr[17] = sp.id;
  }
  obr[15] = xcn(order.orderingProvider);
  obr[26] = timing;
  out.push(seg('OBR', obr));
  if (profile.segments.nte) (item.notes ?? []).forEach((n, k) => out.push(seg('NTE', [String(k + 1), 'P', n])));
  if (profile.segments.dg1) (item.diagnoses ?? []).forEach((dx, k) => out.push(seg('DG1', [String(k + 1), '', coded({ ...dx, system: dx.system ?? 'I10C' }), '', '', 'W'])));
  if (oml && profile.segments.spm !== false && sp) {
    const spm: FieldInput[] = Array<FieldInput>(17).fill('');
    spm[0] = '1';
    spm[1] = [[sp.id]];
    spm[3] = coded({ ...sp.type, system: sp.type.system ?? 'HL70487' });
    spm[7] = coded(sp.source);
    spm[16] = sp.collectedAt ? [ts(sp.collectedAt)] : undefined;
    out.push(seg('SPM', spm));
  }
  return out;
}

function checkOrder(order: OrderMessage, profile: LabProfile): Hl7Issue[] {
  const issues: Hl7Issue[] = [];
  const need = (ok: boolean, message: string, segmentId: string, field: number) => {
    if (!ok) issues.push(issue('missing-required', 'error', message, { segmentId, field }));
  };
  need(order.controlId.trim() !== '', 'the order has no control id for MSH-10', 'MSH', 10);
  need(order.patient.identifiers.some((i) => i.value.trim() !== ''), 'the patient has no identifier for PID-3', 'PID', 3);
  need(order.patient.name.family.trim() !== '' || order.patient.name.given.length > 0, 'the patient has no name for PID-5', 'PID', 5);
  need(order.orders.length > 0, 'the message orders no tests', 'OBR', 4);
  order.orders.forEach((item, i) => {
    const at = { message: 1, segmentId: 'OBR', field: 4 };
    need(item.placerOrderNumber.trim() !== '', `order ${i + 1} has no placer order number`, 'ORC', 2);
    if (!labTestCode(item.test, profile)) {
      issues.push(issue('unmapped-test-code', 'error', `order ${i + 1}: test ${item.test.code}${item.test.display ? ` (${item.test.display})` : ''} has no code in lab profile ${profile.id}; add it to testCodes`, at));
    }
  });
  return issues;
}
