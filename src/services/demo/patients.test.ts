import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Communication, Condition, Coverage, DiagnosticReport, Encounter, Observation, Patient, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { performerRoles, systems } from '../../fhir/systems.js';
import { findOrderable } from '../catalogue/index.js';
import { DEMO_DEFAULT_PATIENTS, DEMO_EPOCH, demoOrganisation, demoPatients } from './index.js';
import { ageAt, keyOf, referencesIn } from './test-support.js';

const tenant = 'demo';
const org = demoOrganisation({ tenant });
const patients = [...demoPatients({ tenant, count: DEMO_DEFAULT_PATIENTS })];
const all = patients.flat();
const ofType = <T extends Resource>(type: T['resourceType']) => all.filter((r): r is T => r.resourceType === type);
const byKey = new Map<string, Resource>([...org.resources, ...all].map((r) => [keyOf(r), r]));
const orgName = (ref?: string) => (byKey.get(ref ?? '') as { name?: string } | undefined)?.name;

test('two runs are byte-identical, and a batch equals the same slice of a full run', () => {
  assert.equal(JSON.stringify([...demoPatients({ tenant, count: DEMO_DEFAULT_PATIENTS })]), JSON.stringify(patients));
  assert.equal(JSON.stringify([...demoPatients({ tenant, count: 5, start: 120 })]), JSON.stringify(patients.slice(120, 125)));
  assert.notEqual(JSON.stringify([...demoPatients({ tenant, seed: 9, count: 3 })]), JSON.stringify(patients.slice(0, 3)));
});

test('each array starts with its Patient and references only the organisation or earlier resources', () => {
  const orgKeys = new Set(org.resources.map(keyOf));
  for (const arr of patients) {
    assert.equal(arr[0].resourceType, 'Patient');
    const seen = new Set(orgKeys);
    for (const r of arr) {
      for (const { path, reference } of referencesIn(r)) assert.ok(seen.has(reference), `${keyOf(r)} ${path} -> ${reference}`);
      seen.add(keyOf(r));
    }
  }
});

test('ids are unique across the organisation and all patients', () => {
  const keys = [...org.resources, ...all].map((r) => r.id);
  assert.equal(new Set(keys).size, keys.length);
});

test('200 patients cover every unit, both payers, every priority, every kind and every performer', () => {
  const units = new Set(ofType<Encounter>('Encounter').map((e) => orgName(e.serviceProvider?.reference)));
  for (const u of ['Medical-Surgical Unit 3 West', 'Medical-Surgical Unit 4 East', 'Emergency Department', 'Intensive Care Unit',
    'Neonatal Intensive Care Unit', 'Operating Rooms', 'Riverside Outpatient Imaging Center', 'Riverbend Family Medicine']) {
    assert.ok(units.has(u), u);
  }
  const payers = new Set(ofType<Coverage>('Coverage').map((c) => c.payor[0].reference));
  assert.equal(payers.size, 2);
  const orders = ofType<ServiceRequest>('ServiceRequest');
  assert.deepEqual(new Set(orders.map((o) => o.priority)), new Set(['routine', 'urgent', 'asap', 'stat']));
  const routine = orders.filter((o) => o.priority === 'routine').length;
  assert.ok(routine > orders.length / 2, 'mostly routine');
  const kinds = new Set(orders.map((o) => findOrderable(orderableCode(o))?.kind));
  assert.deepEqual(kinds, new Set(['lab', 'imaging', 'respiratory']));
  const performers = new Set(orders.map((o) => o.performerType?.coding?.[0]?.code));
  for (const role of performerRoles.filter((r) => r !== 'coder')) assert.ok(performers.has(role), role);
  assert.ok(ofType('AllergyIntolerance').length > 0);
});

const orderableCode = (o: ServiceRequest) => o.code?.coding?.find((c) => c.system === systems.orderable)?.code ?? '';

test('orders are active orders (or earlier ones completed with results) from the catalogue, with requester, reason, location and due time', () => {
  const reported = new Set(ofType<DiagnosticReport>('DiagnosticReport').map((d) => d.basedOn?.[0]?.reference));
  for (const o of ofType<ServiceRequest>('ServiceRequest')) {
    const item = findOrderable(orderableCode(o));
    assert.ok(item, orderableCode(o));
    if (o.status === 'completed') assert.ok(reported.has(`ServiceRequest/${o.id}`), `completed order ${o.id} has its report`);
    else assert.equal(o.status, 'active');
    assert.equal(o.intent, 'order');
    for (const c of item.coding) assert.ok(o.code?.coding?.some((x) => x.system === c.system && x.code === c.code));
    const requester = byKey.get(o.requester?.reference ?? '');
    assert.equal(requester?.resourceType, 'Practitioner');
    assert.equal((requester as { name?: { suffix?: string[] }[] }).name?.[0]?.suffix?.[0], 'MD');
    assert.ok(o.reasonCode?.[0]?.coding?.every((c) => c.system === systems.icd10cm));
    assert.ok(o.locationReference?.[0]?.reference && o.encounter?.reference && o.authoredOn && o.occurrenceDateTime);
    assert.ok(Date.parse(o.authoredOn) <= Date.parse(o.occurrenceDateTime), 'authored before due');
  }
});

test('ages fit the setting: NICU patients are neonates, newborn codes only on neonates, no child has COPD', () => {
  const patientsById = new Map(ofType<Patient>('Patient').map((p) => [`Patient/${p.id}`, p]));
  const age = (ref?: string) => ageAt(patientsById.get(ref ?? '')?.birthDate as string, DEMO_EPOCH);
  const nicu = ofType<Encounter>('Encounter').filter((e) => orgName(e.serviceProvider?.reference) === 'Neonatal Intensive Care Unit');
  assert.ok(nicu.length >= 1);
  for (const e of nicu) assert.ok(age(e.subject?.reference).days <= 28, 'NICU patient older than 28 days');
  const ages = ofType<Patient>('Patient').map((p) => ageAt(p.birthDate as string, DEMO_EPOCH).years);
  assert.ok(ages.some((a) => a >= 1 && a < 18), 'children');
  assert.ok(ages.some((a) => a >= 18 && a < 65), 'adults');
  assert.ok(ages.some((a) => a >= 80), 'elderly');
  for (const c of ofType<Condition>('Condition')) {
    const code = c.code?.coding?.[0]?.code ?? '';
    const { days, years } = age(c.subject.reference);
    if (code.startsWith('P')) assert.ok(days <= 28, `${code} at ${days} days`);
    if (code.startsWith('J44') || code.startsWith('Z12.31') || code.startsWith('I50')) assert.ok(years >= 40, `${code} at ${years}`);
  }
});

test('encounters under way started before the demo epoch; planned visits start after it', () => {
  const epoch = Date.parse(DEMO_EPOCH);
  for (const e of ofType<Encounter>('Encounter')) {
    const start = Date.parse(e.period?.start as string);
    if (e.status === 'planned') assert.ok(start > epoch, e.id);
    else assert.ok(start <= epoch, `${e.status} encounter ${e.id} starts ${e.period?.start}`);
  }
});

test('patients have an MRN, and those 65 or older are covered by the public payer', () => {
  const publicPayer = org.resources.find((r) => r.resourceType === 'Organization' && r.name === 'Great Rivers Senior Health Program');
  const coverageOf = new Map(ofType<Coverage>('Coverage').map((c) => [c.beneficiary.reference, c]));
  const mrns = new Set<string>();
  for (const p of ofType<Patient>('Patient')) {
    const mrn = p.identifier?.find((i) => i.system === systems.mrn);
    assert.equal(mrn?.type?.coding?.[0]?.code, 'MR');
    mrns.add(mrn?.value as string);
    const years = ageAt(p.birthDate as string, DEMO_EPOCH).years;
    const cov = coverageOf.get(`Patient/${p.id}`);
    assert.ok(cov?.subscriberId);
    assert.equal(cov?.payor[0].reference === `Organization/${publicPayer?.id}`, years >= 65, `age ${years}`);
    if (years < 18) assert.equal(cov?.relationship?.coding?.[0]?.code, 'child');
  }
  assert.equal(mrns.size, DEMO_DEFAULT_PATIENTS);
});

test('bad options are refused with a message', () => {
  assert.throws(() => [...demoPatients({ tenant, count: -1 })], /count/);
  assert.throws(() => [...demoPatients({ tenant, count: 1, epoch: 'yesterday' })], /epoch/);
});

test('inpatients have their earlier morning labs: reports with flagged values, and critical values sent to the ordering physician', () => {
  const reports = ofType<DiagnosticReport>('DiagnosticReport');
  const observations = new Map(ofType<Observation>('Observation').map((o) => [`Observation/${o.id}`, o]));
  assert.ok(reports.length >= 50, `${reports.length} reports`);
  const epoch = Date.parse(DEMO_EPOCH);
  for (const d of reports) {
    assert.equal(d.status, 'final');
    assert.ok(Date.parse(d.effectiveDateTime!) < epoch && Date.parse(d.issued!) > Date.parse(d.effectiveDateTime!), 'drawn before now, resulted after the draw');
    for (const r of d.result ?? []) {
      const o = observations.get(r.reference!)!;
      const { value } = o.valueQuantity!;
      const { low, high } = o.referenceRange![0];
      const flag = o.interpretation![0].coding![0].code;
      if (flag === 'N') assert.ok(value! >= low!.value! && value! <= high!.value!, `${o.code.text} ${value} flagged normal`);
      if (flag === 'H' || flag === 'HH') assert.ok(value! > high!.value!, `${o.code.text} ${value} flagged ${flag}`);
    }
  }
  const flags = new Set([...observations.values()].map((o) => o.interpretation![0].coding![0].code));
  for (const f of ['N', 'H', 'L', 'HH']) assert.ok(flags.has(f), f);
  const alerts = ofType<Communication>('Communication');
  assert.ok(alerts.length >= 5, `${alerts.length} critical notices`);
  for (const c of alerts) {
    assert.match(c.payload![0].contentString!, /^CRITICAL: /);
    assert.equal(byKey.get(c.recipient![0].reference!)?.resourceType, 'Practitioner');
    assert.equal(c.received, undefined, 'waiting to be acknowledged');
  }
});
