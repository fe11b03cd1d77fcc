import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, client, PASSWORD, type ServerFixture } from './fixture.js';

/** A browser-like session: the cookie and the CSRF token from login. */
async function login(base: string, username: string, password = PASSWORD) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = await res.json();
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  return { status: res.status, body, cookie, setCookie: res.headers.get('set-cookie') ?? '' };
}

function session(base: string, cookie: string, csrf?: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`app API on ${backend}`, () => {
    let fx: ServerFixture;
    let patientId: string;
    before(async () => {
      fx = await startFixture(backend);
      const admin = client(fx.url, fx.tokens['t1:admin']);
      const p = await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', identifier: [{ system: 'urn:allied:mrn', value: 'MRN-77' }], name: [{ family: 'Whitford', given: ['June'] }], birthDate: '1948-03-09', gender: 'female' });
      patientId = p.body.id;
      await admin('POST', '/fhir/R4/AllergyIntolerance', { resourceType: 'AllergyIntolerance', patient: { reference: `Patient/${patientId}` }, code: { text: 'Iodinated contrast' }, criticality: 'high' });
    });
    after(async () => fx?.close());

    test('login sets an HttpOnly SameSite cookie; changes need the CSRF token', async () => {
      const l = await login(fx.url, 't1-physician');
      assert.equal(l.status, 200);
      assert.match(l.setCookie, /HttpOnly/i);
      assert.match(l.setCookie, /SameSite=Strict/i);
      assert.equal(l.body.user.role, 'physician');
      const noCsrf = await session(fx.url, l.cookie!)('POST', '/api/orders', { patientId, orderable: 'LAB-CBC', priority: 'stat' });
      assert.equal(noCsrf.status, 403);
      assert.equal(noCsrf.body.error.code, 'csrf');
      const me = await session(fx.url, l.cookie!)('GET', '/api/auth/me');
      assert.equal(me.body.user.username, 't1-physician');
    });

    test('five wrong passwords lock the account, and the right one is then refused', async () => {
      for (let i = 0; i < 4; i++) assert.equal((await login(fx.url, 't1-biller', 'wrong-password-x')).status, 401);
      const fifth = await login(fx.url, 't1-biller', 'wrong-password-x');
      assert.equal(fifth.status, 423);
      const right = await login(fx.url, 't1-biller');
      assert.equal(right.status, 423);
      assert.match(right.body.error.message, /locked/);
    });

    test('a STAT order lands on the phlebotomy worklist first, with the patient; the banner shows allergies', async () => {
      const l = await login(fx.url, 't1-physician');
      const doc = session(fx.url, l.cookie!, l.body.csrfToken);
      const banner = await doc('GET', `/api/patients/${patientId}/banner`);
      assert.equal(banner.body.mrn, 'MRN-77');
      assert.deepEqual(banner.body.allergies.map((a: any) => a.text), ['Iodinated contrast']);
      const routine = await doc('POST', '/api/orders', { patientId, orderable: 'LAB-BMP', priority: 'routine', reasonCode: 'E11.9' });
      assert.equal(routine.status, 201, JSON.stringify(routine.body));
      const stat = await doc('POST', '/api/orders', { patientId, orderable: 'LAB-CBC', priority: 'stat', reasonCode: 'R50.9' });
      assert.equal(stat.status, 201);
      const bad = await doc('POST', '/api/orders', { patientId, orderable: 'LAB-CBC', priority: 'whenever' });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.field, 'priority');
      const p = await login(fx.url, 't1-phlebotomist');
      const phleb = session(fx.url, p.cookie!, p.body.csrfToken);
      const wl = await phleb('GET', '/api/worklist');
      assert.equal(wl.body.role, 'phlebotomist');
      assert.equal(wl.body.items[0].priority, 'stat');
      assert.equal(wl.body.items[0].patient.name, 'June Whitford');
      assert.equal(wl.body.items[0].orderId, stat.body.serviceRequest.id);
      const other = await phleb('GET', '/api/worklist?role=imaging_technologist');
      assert.equal(other.status, 403);
    });

    test('two people claim the same task: one wins, the other is told who has it', async () => {
      const doc = client(fx.url, fx.tokens['t1:physician']);
      const o = await doc('POST', '/api/orders', { patientId, orderable: 'LAB-CBC', priority: 'urgent' }, { 'content-type': 'application/json' });
      const task = o.body.tasks[0];
      const a = await login(fx.url, 't1-phlebotomist');
      const b = await login(fx.url, 't1-lab');
      const [ra, rb] = await Promise.all([
        session(fx.url, a.cookie!, a.body.csrfToken)('POST', `/api/tasks/${task.taskId}/transition`, { to: 'accepted', version: task.version }),
        session(fx.url, b.cookie!, b.body.csrfToken)('POST', `/api/tasks/${task.taskId}/transition`, { to: 'accepted', version: task.version }),
      ]);
      const statuses = [ra.status, rb.status].sort();
      assert.deepEqual(statuses, [200, 409]);
      const loser = ra.status === 409 ? ra : rb;
      assert.match(loser.body.error.message, /Already claimed by/);
      const winner = ra.status === 200 ? ra : rb;
      const illegal = await (ra.status === 200 ? session(fx.url, a.cookie!, a.body.csrfToken) : session(fx.url, b.cookie!, b.body.csrfToken))('POST', `/api/tasks/${task.taskId}/transition`, { to: 'requested', version: winner.body.version - 1 });
      assert.equal(illegal.status, 409);
      const skip = await client(fx.url, fx.tokens['t1:admin'])('POST', `/api/tasks/${task.taskId}/transition`, { to: 'cancelled', version: winner.body.version }, { 'content-type': 'application/json' });
      assert.equal(skip.status, 422);
      assert.equal(skip.body.error.code, 'reason-required');
    });

    test('the worklist stream announces a new order within a second', async () => {
      const p = await login(fx.url, 't1-phlebotomist');
      const controller = new AbortController();
      const res = await fetch(`${fx.url}/api/worklist/stream`, { headers: { cookie: p.cookie! }, signal: controller.signal });
      assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const reader = res.body!.getReader();
      const started = Date.now();
      const doc = client(fx.url, fx.tokens['t1:physician']);
      const placed = doc('POST', '/api/orders', { patientId, orderable: 'LAB-CBC', priority: 'stat' }, { 'content-type': 'application/json' });
      let text = '';
      while (!text.includes('event: worklist')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      const elapsed = Date.now() - started;
      controller.abort();
      const order = await placed;
      assert.match(text, new RegExp(order.body.tasks[0].taskId));
      assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    });

    test('the audit log: admins search it, others may not; reads are recorded', async () => {
      await client(fx.url, fx.tokens['t1:nurse'])('GET', `/fhir/R4/Patient/${patientId}`);
      await fx.store.audit.flush();
      const r = await client(fx.url, fx.tokens['t1:admin'])('GET', `/api/audit?patient=${patientId}&username=t1-nurse`);
      assert.equal(r.status, 200);
      assert.ok(r.body.events.some((e: any) => e.operation === 'read' && e.resourceType === 'Patient' && e.source));
      assert.equal((await client(fx.url, fx.tokens['t1:phlebotomist'])('GET', '/api/audit')).status, 403);
      const fhir = await client(fx.url, fx.tokens['t1:admin'])('GET', `/fhir/R4/AuditEvent?patient=${patientId}&agent-name=t1-nurse&date=ge2020-01-01`);
      assert.equal(fhir.status, 200);
      const ev = fhir.body.entry.map((e: any) => e.resource).find((r: any) => r.subtype[0].code === 'read');
      assert.equal(ev.entity[0].what.reference, `Patient/${patientId}`);
      assert.equal(ev.agent[0].who.identifier.value, 't1-nurse');
      const one = await client(fx.url, fx.tokens['t1:admin'])('GET', `/fhir/R4/AuditEvent/${ev.id}`);
      assert.equal(one.body.id, ev.id);
      const forged = await client(fx.url, fx.tokens['t1:admin'])('POST', '/fhir/R4/AuditEvent', { resourceType: 'AuditEvent' });
      assert.equal(forged.status, 405);
      assert.equal((await client(fx.url, fx.tokens['t1:nurse'])('GET', '/fhir/R4/AuditEvent')).status, 403);
    });
  });
}
