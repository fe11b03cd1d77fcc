import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Location, Organization, Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { roles, systems } from '../../fhir/systems.js';
import { demoOrganisation } from './index.js';
import { isValidNpi } from './npi.js';
import { keyOf, referencesIn } from './test-support.js';

const org = demoOrganisation({ tenant: 'demo' });
const ofType = <T extends Resource>(type: T['resourceType']) => org.resources.filter((r): r is T => r.resourceType === type);

test('the same tenant and seed give byte-identical output; another seed or tenant does not', () => {
  assert.equal(JSON.stringify(demoOrganisation({ tenant: 'demo' })), JSON.stringify(org));
  assert.notEqual(JSON.stringify(demoOrganisation({ tenant: 'demo', seed: 2 })), JSON.stringify(org));
  assert.notEqual(JSON.stringify(demoOrganisation({ tenant: 'other' })), JSON.stringify(org));
});

test('ids are unique and every reference points to a resource emitted before it', () => {
  const seen = new Set<string>();
  for (const r of org.resources) {
    assert.ok(r.id, `${r.resourceType} without id`);
    for (const { path, reference } of referencesIn(r)) assert.ok(seen.has(reference), `${keyOf(r)} ${path} -> ${reference}`);
    assert.ok(!seen.has(keyOf(r)), `duplicate ${keyOf(r)}`);
    seen.add(keyOf(r));
  }
});

test('the hospital has its wards, an imaging centre, a practice, a reference lab and two payers', () => {
  const names = ofType<Organization>('Organization').map((o) => o.name);
  for (const name of ['Riverside General Hospital', 'Medical-Surgical Unit 3 West', 'Medical-Surgical Unit 4 East', 'Emergency Department',
    'Intensive Care Unit', 'Neonatal Intensive Care Unit', 'Operating Rooms', 'Riverside Outpatient Imaging Center',
    'Riverbend Family Medicine', 'Tri-County Reference Laboratory']) {
    assert.ok(names.includes(name), name);
  }
  const payers = ofType<Organization>('Organization').filter((o) => o.type?.[0]?.coding?.[0]?.code === 'pay');
  assert.equal(payers.length, 2);
  for (const p of payers) assert.ok(p.identifier?.some((i) => i.system === systems.payerId && i.value), p.name);
});

test('locations have a physical type and a managing organisation; beds and rooms sit inside a ward or building', () => {
  const locations = ofType<Location>('Location');
  const byRef = new Map(locations.map((l) => [`Location/${l.id}`, l]));
  const kinds = new Set(locations.map((l) => l.physicalType?.coding?.[0]?.code));
  assert.deepEqual([...kinds].sort(), ['bd', 'bu', 'ro', 'si', 'wa']);
  for (const l of locations) {
    assert.ok(l.managingOrganization?.reference, l.name);
    const kind = l.physicalType?.coding?.[0]?.code;
    if (kind === 'bd' || kind === 'ro') {
      const parentKind = byRef.get(l.partOf?.reference ?? '')?.physicalType?.coding?.[0]?.code;
      assert.ok(parentKind === 'wa' || parentKind === 'bu', `${l.name} is inside ${parentKind}`);
    }
  }
  assert.ok(locations.some((l) => l.name === 'Lab specimen receiving desk'));
  assert.ok(locations.some((l) => l.name === 'Specimen receiving desk'));
});

test('there is an imaging room for every catalogue modality', () => {
  const modalities = new Set(ofType<Location>('Location').flatMap((l) => l.type ?? []).flatMap((t) => t.coding ?? [])
    .filter((c) => c.system === systems.dicomModality).map((c) => c.code));
  for (const m of ['CR', 'DX', 'CT', 'MR', 'US', 'NM', 'XA', 'MG', 'RF']) assert.ok(modalities.has(m), m);
});

test('every role has practitioners with credentials and a PractitionerRole coded with the Allied role', () => {
  const practitioners = new Map(ofType<Practitioner>('Practitioner').map((p) => [`Practitioner/${p.id}`, p]));
  const prRoles = ofType<PractitionerRole>('PractitionerRole');
  for (const role of roles) {
    const holders = prRoles.filter((pr) => pr.code?.some((c) => c.coding?.some((x) => x.system === systems.alliedRole && x.code === role)));
    assert.ok(holders.length > 0, role);
    for (const pr of holders) {
      assert.ok(pr.organization?.reference && pr.location?.[0]?.reference, role);
      const p = practitioners.get(pr.practitioner?.reference ?? '');
      assert.ok(p?.qualification?.[0]?.code?.text, `${role} without credential`);
    }
  }
  const credentials = new Set(ofType<Practitioner>('Practitioner').flatMap((p) => p.qualification ?? []).map((q) => q.code.text));
  for (const c of ['MD', 'RN', 'CPT', 'R.T.(R)', 'RRT', 'CRT', 'CPC', 'MLS']) assert.ok(credentials.has(c), c);
});

test('NPIs pass the Luhn check and are unique', () => {
  const npis = [...ofType<Practitioner>('Practitioner'), ...ofType<Organization>('Organization')]
    .flatMap((r) => r.identifier ?? []).filter((i) => i.system === systems.npi).map((i) => i.value as string);
  assert.ok(npis.length >= 25);
  for (const npi of npis) assert.ok(isValidNpi(npi), npi);
  assert.equal(new Set(npis).size, npis.length);
});

test('one demo login per role, tied to a practitioner with that username', () => {
  assert.deepEqual(org.users.map((u) => u.role), [...roles]);
  for (const u of org.users) {
    assert.equal(u.password, `demo-${u.username}-2026`);
    const p = ofType<Practitioner>('Practitioner').find((x) => x.id === u.practitionerId);
    assert.ok(p?.identifier?.some((i) => i.system === systems.username && i.value === u.username), u.username);
  }
  assert.equal(new Set(org.users.map((u) => u.username)).size, roles.length);
  assert.ok(org.users.some((u) => u.username === 'phlebotomist'));
});

test('the README lists exactly the demo logins the code creates', async () => {
  const readme = await readFile(new URL('./README.md', import.meta.url), 'utf8');
  const rows = [...readme.matchAll(/^\| ([a-z-]+) \| (demo-[a-z-]+-2026) \| ([a-z_]+) \|$/gm)].map((m) => [m[1], m[2], m[3]]);
  assert.deepEqual(rows, org.users.map((u) => [u.username, u.password, u.role]));
});
