import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, Communication, DiagnosticReport, Practitioner } from '@medplum/fhirtypes';
import { startTestServer, type TestServer } from './testing.js';
import { client } from './fixture.js';
import { addUser, createSession, findUser } from '../store/users.js';

const json = { 'content-type': 'application/json' };

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`results in the chart and notices to the clinician on ${backend}`, () => {
    let ts: TestServer;
    const tokens: Record<string, string> = {};
    const as = (who: string) => client(ts.url, tokens[who]);
    let physicianRef: string;
    let patientId: string;
    let noticeId: string;

    before(async () => {
      ts = await startTestServer({ backend, patients: 40 });
      for (const role of ['physician', 'nurse', 'phlebotomist', 'lab', 'admin'] as const) {
        const user = (await findUser(ts.store.db, ts.logins[role].username))!;
        tokens[role] = (await createSession(ts.store.db, user, 'bearer')).token;
        if (role === 'physician') physicianRef = `Practitioner/${user.practitionerId}`;
      }
      // a second physician, linked to another practitioner: notices to the first are not theirs
      const others = (await as('admin')('GET', '/fhir/R4/Practitioner?_count=50')).body as Bundle<Practitioner>;
      const other = others.entry!.map((e) => e.resource!).find((p) => `Practitioner/${p.id}` !== physicianRef)!;
      const colleague = await addUser(ts.store.db, { tenant: 'riverside', username: `colleague-${backend}`, role: 'physician', password: 'long-enough-password', practitionerId: other.id });
      tokens.colleague = (await createSession(ts.store.db, colleague, 'bearer')).token;
      patientId = (await as('admin')('GET', '/fhir/R4/Patient?_count=1&_sort=family')).body.entry[0].resource.id;
    });
    after(async () => {
      await ts?.close();
    });

    test('a critical value the lab posts reaches the ordering physician\'s notices, with the patient named, and live', async () => {
      // follow the live stream first, as the open Notices page does
      const abort = new AbortController();
      const stream = await fetch(`${ts.url}/api/notices/stream`, { headers: { authorization: `Bearer ${tokens.physician}` }, signal: abort.signal });
      assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const reader = stream.body!.getReader();
      const seen = (async () => {
        let text = '';
        while (!text.includes('event: notice')) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        return text;
      })();

      const posted = await as('lab')('POST', '/fhir/R4/Communication', {
        resourceType: 'Communication', status: 'completed', priority: 'stat',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'alert' }], text: 'Critical lab value' }],
        subject: { reference: `Patient/${patientId}` }, recipient: [{ reference: physicianRef }], sent: new Date().toISOString(),
        sender: { display: 'Hospital Laboratory' }, payload: [{ contentString: 'CRITICAL: Potassium 6.8 mmol/L (HH; ref 3.5-5.1)' }],
      } satisfies Communication);
      assert.equal(posted.status, 201, JSON.stringify(posted.body));
      noticeId = posted.body.id;
      assert.match(await seen, new RegExp(`"id":"${noticeId}"`));
      abort.abort();

      const mine = await as('physician')('GET', '/api/notices');
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      assert.equal(mine.body.scope, 'mine');
      const n = mine.body.notices.find((x: any) => x.id === noticeId);
      assert.equal(n.kind, 'critical');
      assert.equal(n.text, 'CRITICAL: Potassium 6.8 mmol/L (HH; ref 3.5-5.1)');
      assert.equal(n.patient.id, patientId);
      assert.ok(n.patient.name.length > 3 && n.patient.mrn, 'named, with MRN');
      assert.equal(n.acknowledged, null);
      assert.equal(mine.body.open, mine.body.notices.length, 'the open list holds only unacknowledged notices');
      for (const x of mine.body.notices) assert.match(x.recipients[0], /, MD$/, 'the recipient by name, not by reference');

      const colleague = await as('colleague')('GET', '/api/notices');
      assert.ok(!colleague.body.notices.some((x: any) => x.id === noticeId), 'not addressed to the colleague');
      const admin = await as('admin')('GET', '/api/notices');
      assert.equal(admin.body.scope, 'all');
      assert.ok(admin.body.notices.some((x: any) => x.id === noticeId), 'an admin watches every open notice');
    });

    test('only the recipient acknowledges, once; a stale version is refused; the acknowledgement is kept on the notice', async () => {
      const stranger = await as('colleague')('POST', `/api/notices/${noticeId}/acknowledge`, { version: '1' }, json);
      assert.equal(stranger.status, 403);
      assert.match(stranger.body.error.message, /addressed to/);
      const nurse = await as('nurse')('POST', `/api/notices/${noticeId}/acknowledge`, { version: '1' }, json);
      assert.equal(nurse.status, 403);
      const stale = await as('physician')('POST', `/api/notices/${noticeId}/acknowledge`, { version: '7' }, json);
      assert.equal(stale.status, 409);
      assert.match(stale.body.error.message, /reload/);
      const bad = await as('physician')('POST', `/api/notices/${noticeId}/acknowledge`, { version: 1 }, json);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'version');

      const ok = await as('physician')('POST', `/api/notices/${noticeId}/acknowledge`, { version: '1' }, json);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.ok(ok.body.acknowledged.at);
      assert.match(ok.body.acknowledged.by, /MD/);
      const again = await as('physician')('POST', `/api/notices/${noticeId}/acknowledge`, { version: '1' }, json);
      assert.equal(again.status, 200);
      assert.equal(again.body.acknowledged.at, ok.body.acknowledged.at, 'the first acknowledgement stands');

      const open = await as('physician')('GET', '/api/notices?status=open');
      assert.ok(!open.body.notices.some((x: any) => x.id === noticeId));
      const all = await as('physician')('GET', '/api/notices?status=all');
      assert.ok(all.body.notices.find((x: any) => x.id === noticeId).acknowledged);
      const stored = (await as('admin')('GET', `/fhir/R4/Communication/${noticeId}`)).body as Communication;
      assert.equal(stored.received, ok.body.acknowledged.at);
      assert.equal(stored.note?.[0].authorReference?.reference, physicianRef);
      assert.equal(stored.meta?.versionId, '2', 'acknowledged once: one new version');
    });

    test('bad notice queries get a clear 400; a missing notice is 404', async () => {
      const r = await as('physician')('GET', '/api/notices?status=unread');
      assert.equal(r.status, 400);
      assert.equal(r.body.error.field, 'status');
      const l = await as('physician')('GET', '/api/notices?limit=0');
      assert.equal(l.status, 400);
      const missing = await as('physician')('POST', '/api/notices/no-such-notice/acknowledge', {}, json);
      assert.equal(missing.status, 404);
    });

    test('a patient\'s results: newest report first, values with units, ranges and flags, and trends across days', async () => {
      const withReports = (await as('admin')('GET', '/fhir/R4/DiagnosticReport?_count=200')).body as Bundle<DiagnosticReport>;
      const counts = new Map<string, number>();
      for (const e of withReports.entry ?? []) counts.set(e.resource!.subject!.reference!, (counts.get(e.resource!.subject!.reference!) ?? 0) + 1);
      const [subject, reportCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      const id = subject.slice('Patient/'.length);

      const r = await as('physician')('GET', `/api/patients/${id}/results`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.reports.length, reportCount);
      const times = r.body.reports.map((x: any) => Date.parse(x.effective));
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
      const first = r.body.reports[0];
      assert.equal(first.status, 'final');
      assert.equal(first.performer, 'Hospital Laboratory');
      assert.ok(first.values.length >= 1);
      for (const v of first.values) {
        assert.equal(typeof v.numeric, 'number');
        assert.ok(v.unit && v.range && v.flags.length === 1, `${v.display} has unit, range and flag`);
        assert.equal(v.abnormal, v.flags[0] !== 'N');
      }
      assert.ok(r.body.trends.length >= 1, 'tests drawn on two mornings have a trend');
      for (const t of r.body.trends) {
        assert.ok(t.points.length >= 2);
        assert.ok(Date.parse(t.points[0].at) < Date.parse(t.points[1].at), 'oldest point first');
      }
      const nurse = await as('nurse')('GET', `/api/patients/${id}/results`);
      assert.equal(nurse.status, 200);
    });

    test('results are refused to a role that may not read them, and unknown patients are 404', async () => {
      const phleb = await as('phlebotomist')('GET', `/api/patients/${patientId}/results`);
      assert.equal(phleb.status, 403);
      const missing = await as('physician')('GET', '/api/patients/no-such-patient/results');
      assert.equal(missing.status, 404);
      const bad = await as('physician')('GET', `/api/patients/${patientId}/results?limit=abc`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'limit');
    });
  });
}
