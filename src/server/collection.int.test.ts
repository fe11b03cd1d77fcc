import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, client, type ServerFixture } from './fixture.js';

const json = { 'content-type': 'application/json' };

describe('collection, specimen tracking and the receiving desk', () => {
  let fx: ServerFixture;
  let patientId: string;
  let phleb: ReturnType<typeof client>;
  let lab: ReturnType<typeof client>;
  let specimens: any[];
  before(async () => {
    fx = await startFixture('pglite');
    const admin = client(fx.url, fx.tokens['t1:admin']);
    patientId = (await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', identifier: [{ system: 'urn:allied:mrn', value: 'MRN-5150' }], name: [{ family: 'Okonkwo', given: ['Ada'] }], birthDate: '1957-02-14', gender: 'female' })).body.id;
    await admin('POST', '/fhir/R4/Encounter', { resourceType: 'Encounter', status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' }, subject: { reference: `Patient/${patientId}` }, period: { start: '2026-11-20T08:00:00Z' } });
    const doc = client(fx.url, fx.tokens['t1:physician']);
    for (const [orderable, priority] of [['LAB-CBC', 'routine'], ['LAB-PT-INR', 'stat'], ['LAB-BMP', 'routine']]) {
      assert.equal((await doc('POST', '/api/orders', { patientId, orderable, priority }, json)).status, 201);
    }
    phleb = client(fx.url, fx.tokens['t1:phlebotomist']);
    lab = client(fx.url, fx.tokens['t1:lab']);
  });
  after(async () => fx?.close());

  test('a wristband or date of birth that does not match blocks the collection, and it is logged', async () => {
    const wrong = await phleb('POST', '/api/collection/identify', { patientId, scannedWristband: 'MRN-9999', birthDate: '1957-02-14' }, json);
    assert.equal(wrong.status, 409);
    assert.match(wrong.body.error.message, /belongs to another patient/);
    const dob = await phleb('POST', '/api/collection/collect', { patientId, scannedWristband: 'MRN-5150', birthDate: '1975-02-14' }, json);
    assert.equal(dob.status, 409);
    assert.match(dob.body.error.message, /date of birth/);
    await fx.store.audit.flush();
    const log = await client(fx.url, fx.tokens['t1:admin'])('GET', `/api/audit?patient=${patientId}&operation=execute`);
    assert.ok(log.body.events.some((e: any) => e.outcome === '4' && e.query === 'identification mismatch'));
  });

  test('collecting creates one labelled specimen per tube, in order of draw, and starts the tasks', async () => {
    const r = await phleb('POST', '/api/collection/collect', { patientId, scannedWristband: 'MRN-5150', birthDate: '1957-02-14' }, json);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    specimens = r.body.specimens;
    assert.deepEqual(specimens.map((s) => s.container), ['CITRATE_LT_BLUE', 'SST_GOLD', 'EDTA_LAVENDER']);
    assert.equal(new Set(specimens.map((s) => s.accession)).size, 1, 'one accession for the draw');
    assert.equal(new Set(specimens.map((s) => s.containerId)).size, 3, 'a unique id per container');
    assert.ok(specimens.every((s) => s.state === 'collected' && s.collectedAt && s.collector));
    assert.ok(r.body.tasks.every((t: any) => t.status === 'in-progress'));
  });

  test('labels print as PDF and ZPL at the bedside; a second print is a counted, audited reprint', async () => {
    const ids = specimens.map((s) => s.id).join(',');
    const pdf = await fetch(`${fx.url}/api/specimens/labels.pdf?ids=${ids}`, { headers: { authorization: `Bearer ${fx.tokens['t1:phlebotomist']}` } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    const zpl = await fetch(`${fx.url}/api/specimens/labels.zpl?ids=${specimens[0].id}&copies=2`, { headers: { authorization: `Bearer ${fx.tokens['t1:phlebotomist']}` } });
    const text = await zpl.text();
    assert.equal(text.match(/\^XA/g)?.length, 2, 'two copies of the label');
    assert.ok(text.includes(specimens[0].containerId));
    const again = await phleb('GET', `/api/specimens/by-label/${specimens[0].containerId}`);
    assert.equal(again.body.reprints, 1);
    assert.equal((await phleb('GET', `/api/specimens/labels.zpl?ids=${specimens[0].id}&copies=5`)).status, 400);
    await fx.store.audit.flush();
    const log = await client(fx.url, fx.tokens['t1:admin'])('GET', '/api/audit?operation=print');
    assert.ok(log.body.events.length >= 4);
    assert.equal((await client(fx.url, fx.tokens['t1:biller'])('GET', `/api/specimens/labels.pdf?ids=${ids}`)).status, 403);
  });

  test('documenting the draw completes the tasks and charges one venipuncture per encounter', async () => {
    const r = await phleb('POST', '/api/collection/document', { specimenIds: specimens.map((s) => s.id), site: 'left antecubital', method: 'venipuncture', attempts: 1 }, json);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.charge.code, '36415');
    const again = await phleb('POST', '/api/collection/document', { specimenIds: [specimens[0].id], attempts: 1 }, json);
    assert.equal(again.body.charge, null, 'no second venipuncture charge in the same encounter');
    const wl = await phleb('GET', '/api/worklist');
    assert.ok(!wl.body.items.some((i: any) => i.patient?.id === patientId), 'the collected orders left the worklist');
  });

  test('specimens travel in a manifest, are received, and the desk accepts or rejects them with reasons', async () => {
    const d = await phleb('POST', '/api/specimens/dispatch', { containerIds: specimens.map((s) => s.containerId), courier: 'Tube station 4' }, json);
    assert.equal(d.status, 200, JSON.stringify(d.body));
    assert.match(d.body.manifest, /^M\d{6}-\d{5}$/);
    assert.ok(d.body.specimens.every((s: any) => s.state === 'in-transit'));
    const rec = await lab('POST', '/api/specimens/receive', { containerId: specimens[2].containerId }, json);
    assert.equal(rec.body.state, 'received');
    assert.ok(rec.body.receivedAt);
    const cbc = await lab('POST', '/api/specimens/evaluate', { containerId: specimens[2].containerId, labelStatus: 'ok', hemolysis: 'none' }, json);
    assert.equal(cbc.body.decision, 'accept', JSON.stringify(cbc.body));
    const citrate = await lab('POST', '/api/specimens/evaluate', { containerId: specimens[0].containerId, labelStatus: 'ok', drawnMl: 2.0 }, json);
    assert.equal(citrate.body.decision, 'reject', JSON.stringify(citrate.body));
    assert.ok(citrate.body.reasons.length >= 1);
    assert.equal(citrate.body.recollectTasks.length, 1);
    const wl = await phleb('GET', '/api/worklist');
    const again = wl.body.items.find((i: any) => i.taskId === citrate.body.recollectTasks[0]);
    assert.ok(again, 'the recollect task is on the phlebotomy worklist');
    assert.match(again.description, /Recollect/);
    assert.equal(again.priority, 'stat', 'it keeps the order\'s priority');
  });

  test('overrides need a reason, are audited, and an unlabeled specimen is never accepted', async () => {
    const unl = await lab('POST', '/api/specimens/evaluate', { containerId: specimens[1].containerId, labelStatus: 'unlabeled', override: { decision: 'accept', reason: 'we know whose it is' } }, json);
    assert.equal(unl.status, 422);
    const noReason = await lab('POST', '/api/specimens/evaluate', { containerId: specimens[1].containerId, labelStatus: 'ok', override: { decision: 'reject', reason: ' ' } }, json);
    assert.equal(noReason.status, 422);
    const over = await lab('POST', '/api/specimens/evaluate', { containerId: specimens[1].containerId, labelStatus: 'ok', override: { decision: 'reject', reason: 'lipemic, analyser flag' } }, json);
    assert.equal(over.body.decision, 'reject');
    assert.equal(over.body.overridden, true);
    await fx.store.audit.flush();
    const log = await client(fx.url, fx.tokens['t1:admin'])('GET', '/api/audit?operation=override');
    assert.ok(log.body.events.some((e: any) => e.resourceType === 'Specimen' && e.query === 'receiving reject'));
    assert.equal((await phleb('POST', '/api/specimens/evaluate', { containerId: specimens[1].containerId, labelStatus: 'ok' }, json)).status, 403, 'phlebotomists do not judge specimens');
  });

  test('"unable to collect" fails the task with its reason and schedules a recollection', async () => {
    const o = await client(fx.url, fx.tokens['t1:physician'])('POST', '/api/orders', { patientId, orderable: 'LAB-TSH', priority: 'routine' }, json);
    const taskId = o.body.tasks[0].taskId;
    const noReason = await phleb('POST', '/api/collection/unable', { taskIds: [taskId], reason: '' }, json);
    assert.equal(noReason.status, 422);
    const r = await phleb('POST', '/api/collection/unable', { taskIds: [taskId], reason: 'patient in dialysis' }, json);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.recollectTasks.length, 1);
    assert.equal(r.body.notices.length, 1);
    const notice = await client(fx.url, fx.tokens['t1:admin'])('GET', `/fhir/R4/Communication/${r.body.notices[0]}`);
    assert.match(notice.body.payload[0].contentString, /patient in dialysis/);
  });

  test('turnaround: per test, from order to collection to receipt, as JSON and CSV', async () => {
    const t = await lab('GET', '/api/turnaround?groupBy=test');
    assert.equal(t.status, 200, JSON.stringify(t.body));
    const cbc = t.body.groups.find((g: any) => /CBC|blood count/i.test(g.key));
    assert.ok(cbc.orderToCollect.median !== null && cbc.orderToCollect.median >= 0);
    assert.ok(cbc.collectToReceive.median !== null);
    const csv = await fetch(`${fx.url}/api/turnaround.csv`, { headers: { authorization: `Bearer ${fx.tokens['t1:lab']}` } });
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    const text = await csv.text();
    assert.match(text.split('\r\n')[0], /^order_id,test,location,priority,ordered,collected,received,resulted/);
    assert.ok(text.split('\r\n').length >= 5);
  });
});
