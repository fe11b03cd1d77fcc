import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, client, type ServerFixture } from './fixture.js';

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`FHIR REST on ${backend}`, () => {
    let fx: ServerFixture;
    let admin: ReturnType<typeof client>;
    before(async () => {
      fx = await startFixture(backend);
      admin = client(fx.url, fx.tokens['t1:admin']);
    });
    after(async () => fx?.close());

    test('the CapabilityStatement is public and names what is searchable', async () => {
      const r = await client(fx.url)('GET', '/fhir/R4/metadata');
      assert.equal(r.status, 200);
      const patient = r.body.rest[0].resource.find((x: any) => x.type === 'Patient');
      assert.ok(patient.searchParam.some((p: any) => p.name === 'birthdate' && p.type === 'date'));
      assert.ok(patient.interaction.some((i: any) => i.code === 'patch'));
    });

    test('without a token the API answers 401 with an OperationOutcome', async () => {
      const r = await client(fx.url)('GET', '/fhir/R4/Patient');
      assert.equal(r.status, 401);
      assert.equal(r.body.resourceType, 'OperationOutcome');
    });

    test('create, read, vread, update with If-Match, patch, history, delete', async () => {
      const c = await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', name: [{ family: 'Adeyemi', given: ['Tolu'] }], birthDate: '1975-06-01' });
      assert.equal(c.status, 201);
      assert.match(c.headers.get('location')!, /\/fhir\/R4\/Patient\/[\w-]+\/_history\/1$/);
      assert.equal(c.headers.get('etag'), 'W/"1"');
      const id = c.body.id;
      assert.equal((await admin('GET', `/fhir/R4/Patient/${id}`)).body.name[0].family, 'Adeyemi');
      const u = await admin('PUT', `/fhir/R4/Patient/${id}`, { ...c.body, gender: 'male' }, { 'if-match': 'W/"1"' });
      assert.equal(u.status, 200);
      const stale = await admin('PUT', `/fhir/R4/Patient/${id}`, { ...c.body, gender: 'female' }, { 'if-match': 'W/"1"' });
      assert.equal(stale.status, 412);
      const p = await admin('PATCH', `/fhir/R4/Patient/${id}`, JSON.stringify([{ op: 'add', path: '/active', value: true }]), { 'content-type': 'application/json-patch+json' });
      assert.equal(p.status, 200);
      assert.equal(p.body.meta.versionId, '3');
      assert.equal((await admin('GET', `/fhir/R4/Patient/${id}/_history/1`)).body.gender, undefined);
      const h = await admin('GET', `/fhir/R4/Patient/${id}/_history`);
      assert.equal(h.body.type, 'history');
      assert.equal(h.body.entry.length, 3);
      assert.equal((await admin('DELETE', `/fhir/R4/Patient/${id}`)).status, 204);
      assert.equal((await admin('GET', `/fhir/R4/Patient/${id}`)).status, 410);
      const typeHistory = await admin('GET', '/fhir/R4/Patient/_history');
      assert.ok(typeHistory.body.entry.length >= 4);
    });

    test('bad input gets a clear 4xx, never a 500', async () => {
      const bogus = await admin('POST', '/fhir/R4/Observation', { resourceType: 'Observation', status: 'bogus', code: { text: 'x' } });
      assert.equal(bogus.status, 422);
      assert.ok(bogus.body.issue.some((i: any) => i.expression?.includes('Observation.status')), JSON.stringify(bogus.body));
      const missing = await admin('POST', '/fhir/R4/ServiceRequest', { resourceType: 'ServiceRequest', status: 'active', subject: { reference: 'Patient/x' } });
      assert.equal(missing.status, 422);
      assert.ok(missing.body.issue.some((i: any) => i.expression?.includes('ServiceRequest.intent')));
      const malformed = await admin('POST', '/fhir/R4/Patient', '{"resourceType": "Patient",');
      assert.equal(malformed.status, 400);
      assert.match(malformed.body.issue[0].diagnostics, /not valid JSON/);
      const unknown = await admin('GET', '/fhir/R4/Spaceship/1');
      assert.equal(unknown.status, 404);
      assert.match(unknown.body.issue[0].diagnostics, /not supported/);
      const mismatch = await admin('POST', '/fhir/R4/Patient', { resourceType: 'Observation' });
      assert.equal(mismatch.status, 400);
      const huge = await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', name: [{ text: 'x'.repeat(17 * 1024 * 1024) }] });
      assert.equal(huge.status, 413);
      const badParam = await admin('GET', '/fhir/R4/Patient?favourite-colour=blue');
      assert.equal(badParam.status, 400);
      assert.match(badParam.body.issue[0].diagnostics, /no search parameter "favourite-colour"/);
    });

    test('conditional create with If-None-Exist does not duplicate', async () => {
      const body = { resourceType: 'Patient', identifier: [{ system: 'urn:allied:mrn', value: 'COND-1' }] };
      const first = await admin('POST', '/fhir/R4/Patient', body, { 'if-none-exist': 'identifier=urn:allied:mrn|COND-1' });
      const second = await admin('POST', '/fhir/R4/Patient', body, { 'if-none-exist': 'identifier=urn:allied:mrn|COND-1' });
      assert.equal(first.status, 201);
      assert.equal(second.status, 200);
      assert.equal(second.body.id, first.body.id);
    });

    test('search with paging links, _total and _include', async () => {
      for (let i = 0; i < 5; i++) await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', name: [{ family: 'Pagesmith', given: [`P${i}`] }] });
      const page1 = await admin('GET', '/fhir/R4/Patient?family=pagesmith&_count=2&_total=accurate&_sort=given');
      assert.equal(page1.body.total, 5);
      assert.equal(page1.body.entry.length, 2);
      const next = page1.body.link.find((l: any) => l.relation === 'next').url;
      const page2 = await admin('GET', new URL(next).pathname + new URL(next).search);
      assert.equal(page2.body.entry[0].resource.name[0].given[0], 'P2');
    });

    test('a searchset carries each match as stored, then its _include and _revinclude entries', async () => {
      const p = (await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', name: [{ family: 'Inclusion', given: ['Ines'] }], birthDate: '1966-06-06' })).body;
      const sr = (await admin('POST', '/fhir/R4/ServiceRequest', { resourceType: 'ServiceRequest', status: 'active', intent: 'order', code: { text: 'Lipid panel' }, subject: { reference: `Patient/${p.id}` } })).body;
      await admin('POST', '/fhir/R4/Task', { resourceType: 'Task', status: 'requested', intent: 'order', basedOn: [{ reference: `ServiceRequest/${sr.id}` }], for: { reference: `Patient/${p.id}` } });
      const r = await admin('GET', `/fhir/R4/ServiceRequest?patient=${p.id}&_include=ServiceRequest:patient&_revinclude=Task:based-on`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type')!, /application\/fhir\+json/);
      assert.equal(r.body.type, 'searchset');
      assert.equal(r.body.total, 1);
      const [match, ...included] = r.body.entry;
      assert.deepEqual(match.resource, sr, 'the match is the resource as it was created');
      assert.equal(match.fullUrl, `${fx.url}/fhir/R4/ServiceRequest/${sr.id}`);
      assert.equal(match.search.mode, 'match');
      assert.deepEqual(included.map((e: any) => `${e.resource.resourceType}:${e.search.mode}`).sort(), ['Patient:include', 'Task:include']);
      const none = await admin('GET', '/fhir/R4/Patient?family=nobody-is-called-this');
      assert.deepEqual([none.body.total, none.body.entry], [0, []]);
    });

    test('a transaction Bundle is all or nothing, with urn:uuid references resolved', async () => {
      const good = await admin('POST', '/fhir/R4', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { fullUrl: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a', resource: { resourceType: 'Patient', name: [{ family: 'Transact' }] }, request: { method: 'POST', url: 'Patient' } },
          { resource: { resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a' }, code: { text: 'CBC' } }, request: { method: 'POST', url: 'ServiceRequest' } },
        ],
      });
      assert.equal(good.status, 200, JSON.stringify(good.body));
      const patientId = good.body.entry[0].resource.id;
      assert.equal(good.body.entry[1].resource.subject.reference, `Patient/${patientId}`);
      const bad = await admin('POST', '/fhir/R4', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { resource: { resourceType: 'Patient', name: [{ family: 'NeverStored' }] }, request: { method: 'POST', url: 'Patient' } },
          { resource: { resourceType: 'Observation', status: 'bogus', code: { text: 'x' } }, request: { method: 'POST', url: 'Observation' } },
        ],
      });
      assert.equal(bad.status, 422);
      assert.match(JSON.stringify(bad.body), /Bundle\.entry\[1\]/);
      const none = await admin('GET', '/fhir/R4/Patient?family=NeverStored');
      assert.equal(none.body.entry.length, 0);
    });

    test('a batch Bundle answers each entry on its own', async () => {
      const r = await admin('POST', '/fhir/R4', {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { resource: { resourceType: 'Patient', name: [{ family: 'Batchley' }] }, request: { method: 'POST', url: 'Patient' } },
          { request: { method: 'GET', url: 'Patient/does-not-exist' } },
        ],
      });
      assert.equal(r.status, 200);
      assert.equal(r.body.type, 'batch-response');
      assert.match(r.body.entry[0].response.status, /^201/);
      assert.equal(r.body.entry[1].response.status, '404');
    });

    test('tenants never see each other through the API', async () => {
      const c = await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', name: [{ family: 'Private' }] });
      const other = client(fx.url, fx.tokens['t2:admin']);
      assert.equal((await other('GET', `/fhir/R4/Patient/${c.body.id}`)).status, 404);
      assert.equal((await other('GET', '/fhir/R4/Patient?family=Private')).body.entry.length, 0);
    });

    test('an illegal task status change through FHIR is refused', async () => {
      const t = await admin('POST', '/fhir/R4/Task', { resourceType: 'Task', status: 'requested', intent: 'order' });
      const r = await admin('PUT', `/fhir/R4/Task/${t.body.id}`, { ...t.body, status: 'completed' });
      assert.equal(r.status, 422);
      assert.match(r.body.issue[0].diagnostics, /cannot go from "requested" to "completed"/);
    });

    test('/healthz, /readyz and /metrics answer', async () => {
      const anon = client(fx.url);
      assert.equal((await anon('GET', '/healthz')).status, 200);
      const ready = await anon('GET', '/readyz');
      assert.equal(ready.status, 200, JSON.stringify(ready.body));
      const m = await fetch(fx.url + '/metrics').then((r) => r.text());
      assert.match(m, /allied_http_requests_total/);
    });
  });
}
