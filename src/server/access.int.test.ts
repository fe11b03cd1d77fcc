import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, client, type ServerFixture } from './fixture.js';

/*
 * The access matrix: role x resource x operation, each with the exact answer a user must get.
 * Written from the requirements (ARCHITECTURE.md "Security", issue #2), not from the policy table:
 * a phlebotomist sees collection work but no claims; a coder reads encounter documentation but
 * cannot edit orders; billers see money, not lab results; tenants never see each other.
 * Notation: r read, s search, c create, u update, d delete; "+" allowed, "-" denied.
 */
const MATRIX: Record<string, string> = {
  phlebotomist: 'Patient:r+s+c-u-d- ServiceRequest:r+s+c-u-d- Task:r+s+u+c- Specimen:r+s+c+u+ Encounter:r+s+u- Claim:r-s-c- ChargeItem:r-s- Invoice:s- Account:r- Observation:r-s- DiagnosticReport:r- Coverage:r+ AuditEvent:s-',
  coder: 'Patient:r+s+u- Encounter:r+s+u-c- ServiceRequest:r+s+c-u-d- DiagnosticReport:r+s+u- Observation:r+c- Procedure:r+ ChargeItem:r+c+u+ Claim:r+s+c- Task:r+u+ Coverage:r+u- Invoice:r- AuditEvent:s-',
  biller: 'Patient:r+s+u- Coverage:r+c+u+ Claim:r+s+c+u+ ClaimResponse:r+c+ ExplanationOfBenefit:r+ Invoice:r+c+ Account:r+c+ ChargeItem:r+u+ Observation:r-s- DiagnosticReport:r- ServiceRequest:r-s- Specimen:r- AuditEvent:s-',
  physician: 'Patient:r+s+c+u+ ServiceRequest:r+s+c+u+d+ Observation:r+s+ DiagnosticReport:r+ Task:r+s+u- Claim:r-s- Invoice:r- ChargeItem:r+c- AuditEvent:s- Encounter:c+',
  nurse: 'Patient:r+u+c- ServiceRequest:r+s+c-u- Observation:r+c+u+ Task:r+u+ Claim:r-s- Account:r- AuditEvent:s-',
  lab: 'Specimen:r+c+u+ Observation:r+c+u+ DiagnosticReport:r+c+u+ ServiceRequest:r+u-c- Task:r+u+ Claim:r-s- ChargeItem:r- Patient:r+u- AuditEvent:s-',
  imaging_technologist: 'ImagingStudy:r+c+u+ Appointment:r+c+ Procedure:r+c+ ServiceRequest:r+u- Patient:r+u- Specimen:r- Claim:r-s- Invoice:s- AuditEvent:s-',
  radiologist: 'DiagnosticReport:r+c+u+ ImagingStudy:r+u- ServiceRequest:r+u- Observation:r+c+ Claim:r-s- Specimen:r- AuditEvent:s-',
  respiratory_therapist: 'Observation:r+c+u+ Procedure:r+c+ MedicationAdministration:r+c+ Device:r+c+ ServiceRequest:r+u-c- Task:r+u+ Claim:r-s- Invoice:r- AuditEvent:s-',
  admin: 'Patient:r+s+c+u+d+ Claim:r+c+ AuditEvent:s+ Organization:c+u+ Location:c+ ServiceRequest:d+',
};

type Op = 'r' | 's' | 'c' | 'u' | 'd';
const cases = Object.entries(MATRIX).flatMap(([role, spec]) =>
  spec.split(' ').flatMap((part) => {
    const [type, ops] = part.split(':');
    return [...ops.matchAll(/([rscud])([+-])/g)].map((m) => ({ role, type, op: m[1] as Op, allowed: m[2] === '+' }));
  }),
);

const P = 'Patient/PLACEHOLDER';
function body(type: string): Record<string, unknown> {
  const subject = { reference: P };
  const bodies: Record<string, Record<string, unknown>> = {
    Patient: { name: [{ family: 'Matrix' }] },
    ServiceRequest: { status: 'active', intent: 'order', subject, code: { text: 'CBC' } },
    Task: { status: 'requested', intent: 'order', for: subject },
    Specimen: { status: 'available', subject },
    Encounter: { status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' }, subject },
    Claim: { status: 'active', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] }, use: 'claim', patient: subject, created: '2026-11-01', provider: { reference: 'Organization/o' }, priority: { coding: [{ code: 'normal' }] }, insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/c' } }] },
    ClaimResponse: { status: 'active', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] }, use: 'claim', patient: subject, created: '2026-11-01', insurer: { reference: 'Organization/o' }, outcome: 'complete' },
    ExplanationOfBenefit: { status: 'active', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] }, use: 'claim', patient: subject, created: '2026-11-01', insurer: { reference: 'Organization/o' }, provider: { reference: 'Organization/o' }, outcome: 'complete', insurance: [{ focal: true, coverage: { reference: 'Coverage/c' } }] },
    ChargeItem: { status: 'billable', code: { coding: [{ system: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'G0471' }] }, subject },
    Invoice: { status: 'draft', subject },
    Account: { status: 'active', subject: [subject] },
    Observation: { status: 'final', code: { text: 'SpO2' }, subject },
    DiagnosticReport: { status: 'final', code: { text: 'CBC' }, subject },
    Coverage: { status: 'active', beneficiary: subject, payor: [{ reference: 'Organization/o' }] },
    Procedure: { status: 'completed', subject },
    ImagingStudy: { status: 'available', subject },
    Appointment: { status: 'booked', participant: [{ actor: subject, status: 'accepted' }] },
    MedicationAdministration: { status: 'completed', medicationCodeableConcept: { text: 'albuterol' }, subject, effectiveDateTime: '2026-11-01T10:00:00Z' },
    Device: { status: 'active' },
    Organization: { name: 'Matrix Org' },
    Location: { name: 'Matrix Room' },
    AuditEvent: { type: { code: 'rest' }, recorded: '2026-11-01T10:00:00Z', agent: [{ requestor: true }], source: { observer: { display: 'x' } } },
  };
  return { resourceType: type, ...bodies[type] };
}

describe('access matrix (role x resource x operation)', () => {
  let fx: ServerFixture;
  const existing = new Map<string, Record<string, any>>();
  before(async () => {
    fx = await startFixture('pglite');
    const admin = client(fx.url, fx.tokens['t1:admin']);
    const p = await admin('POST', '/fhir/R4/Patient', body('Patient'));
    existing.set('Patient', p.body);
    for (const type of new Set(cases.map((c) => c.type))) {
      if (type === 'Patient' || type === 'AuditEvent') continue; // the audit log writes itself
      const r = await admin('POST', `/fhir/R4/${type}`, JSON.stringify(body(type)).replaceAll('PLACEHOLDER', p.body.id));
      assert.equal(r.status, 201, `fixture ${type}: ${JSON.stringify(r.body)}`);
      existing.set(type, r.body);
    }
  });
  after(async () => fx?.close());

  test(`the matrix has at least 100 cases (${cases.length})`, () => assert.ok(cases.length >= 100));

  for (const c of cases) {
    test(`${c.role} ${{ r: 'reads', s: 'searches', c: 'creates', u: 'updates', d: 'deletes' }[c.op]} ${c.type}: ${c.allowed ? 'allowed' : 'denied'}`, async () => {
      const api = client(fx.url, fx.tokens[`t1:${c.role}`]);
      const target = existing.get(c.type) ?? {};
      const patientId = existing.get('Patient')!.id;
      let r;
      if (c.op === 'r') r = await api('GET', `/fhir/R4/${c.type}/${target.id}`);
      else if (c.op === 's') r = await api('GET', `/fhir/R4/${c.type}?_count=1`);
      else if (c.op === 'c') r = await api('POST', `/fhir/R4/${c.type}`, JSON.stringify(body(c.type)).replaceAll('PLACEHOLDER', patientId));
      else if (c.op === 'u') r = await api('PUT', `/fhir/R4/${c.type}/${target.id}`, target);
      else {
        const admin = client(fx.url, fx.tokens['t1:admin']);
        const victim = await admin('POST', `/fhir/R4/${c.type}`, JSON.stringify(body(c.type)).replaceAll('PLACEHOLDER', patientId));
        r = await api('DELETE', `/fhir/R4/${c.type}/${victim.body.id}`);
      }
      if (c.allowed) assert.ok(r.status >= 200 && r.status < 300, `expected success, got ${r.status} ${JSON.stringify(r.body)}`);
      else {
        assert.equal(r.status, 403, JSON.stringify(r.body));
        assert.match(r.body.issue[0].diagnostics, new RegExp(`The ${c.role} role may not`));
      }
    });
  }

  test('another organisation\'s admin cannot read, search, update or delete our records', async () => {
    const other = client(fx.url, fx.tokens['t2:admin']);
    const p = existing.get('Patient')!;
    assert.equal((await other('GET', `/fhir/R4/Patient/${p.id}`)).status, 404);
    assert.equal((await other('GET', `/fhir/R4/Patient?_id=${p.id}`)).body.entry.length, 0);
    await other('DELETE', `/fhir/R4/Patient/${p.id}`);
    assert.equal((await client(fx.url, fx.tokens['t1:admin'])('GET', `/fhir/R4/Patient/${p.id}`)).status, 200);
  });

  test('app API: only clinicians place orders, only admins read the audit log', async () => {
    const order = { patientId: existing.get('Patient')!.id, orderable: 'LAB-CBC', priority: 'routine' };
    for (const role of ['coder', 'biller', 'phlebotomist', 'nurse', 'lab']) {
      const r = await client(fx.url, fx.tokens[`t1:${role}`])('POST', '/api/orders', order, { 'content-type': 'application/json' });
      assert.equal(r.status, 403, role);
    }
    assert.equal((await client(fx.url, fx.tokens['t1:physician'])('POST', '/api/orders', order, { 'content-type': 'application/json' })).status, 201);
    for (const role of ['physician', 'coder', 'biller', 'phlebotomist']) assert.equal((await client(fx.url, fx.tokens[`t1:${role}`])('GET', '/api/audit')).status, 403, role);
  });
});
