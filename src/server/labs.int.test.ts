import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Hl7Message as PeerMessage } from '@medplum/core';
import { Hl7Client, Hl7Server } from '@medplum/hl7';
import { startFixture, client, type ServerFixture } from './fixture.js';
import { deliverDueOrders } from '../services/labs/deliver.js';

const json = { 'content-type': 'application/json' };

/** A reference lab built with another library: medplum's HL7 server, answering with `ackCode`. */
async function peerLab(ackCode: 'AA' | 'AE' = 'AA') {
  const received: PeerMessage[] = [];
  const server = new Hl7Server((connection) => {
    connection.addEventListener('message', ({ message }) => {
      received.push(message);
      connection.send(message.buildAck({ ackCode }));
    });
  });
  server.start(0);
  const net = server.server!;
  if (!net.listening) await new Promise((r) => net.once('listening', r));
  return { received, port: (net.address() as AddressInfo).port, stop: () => server.stop({ forceDrainTimeoutMs: 100 }) };
}

function oru(opts: { controlId: string; mrn: string; placer: string; value: string; flag?: string; status?: string }): string {
  return [
    `MSH|^~\\&|TRICOUNTY|TRICOUNTY LAB|ALLIED|t1|20261124101500||ORU^R01^ORU_R01|${opts.controlId}|P|2.5.1`,
    `PID|1||${opts.mrn}^^^T1^MR||Ramirez^Luz||19700315|F`,
    `ORC|RE|${opts.placer}|F-${opts.placer}`,
    `OBR|1|${opts.placer}|F-${opts.placer}|3016-3^TSH^LN|||20261124080000|||||||||||||||20261124101000|||${opts.status ?? 'F'}`,
    `OBX|1|NM|3016-3^TSH^LN||${opts.value}|m[IU]/L^mIU/L^UCUM|0.4-4.0|${opts.flag ?? 'N'}|||${opts.status ?? 'F'}|||20261124100000`,
  ].join('\r');
}

async function sendFromPeer(port: number, text: string): Promise<PeerMessage> {
  const c = new Hl7Client({ host: '127.0.0.1', port });
  try {
    return await c.sendAndWait(PeerMessage.parse(text));
  } finally {
    await c.close();
  }
}

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`reference lab interface (HL7 v2 over MLLP) on ${backend}`, () => {
    let fx: ServerFixture;
    let lab: Awaited<ReturnType<typeof peerLab>>;
    let patientId: string;
    let tshOrder: string;
    let placer: string;
    const admin = () => client(fx.url, fx.tokens['t1:admin']);
    /** AA means stored; filing follows: wait until nothing is waiting, as a person watching the inbox would. */
    const filed = async () => {
      for (let i = 0; i < 400; i++) {
        const waiting = await admin()('GET', '/api/interfaces/inbox?status=received');
        if (waiting.body.messages.length === 0) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('results still waiting to be filed after 10 s');
    };
    /** Sends what is due; the server's own outbox worker may have taken it first, so wait for the outcome either way. */
    const delivered = async (status: 'delivered' | 'failed') => {
      await deliverDueOrders(fx.store.db);
      for (let i = 0; i < 400; i++) {
        const out = await admin()('GET', '/api/interfaces/outbox');
        const m = out.body.messages[0];
        if (m?.status === status) return m;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`the newest outbound message did not become ${status} within 10 s`);
    };
    before(async () => {
      fx = await startFixture(backend);
      lab = await peerLab('AA');
      const r = await admin()('PUT', '/api/interfaces/labs', [{ id: 'tricounty', name: 'Tri-County Reference Laboratory', host: '127.0.0.1', port: lab.port, orderables: ['LAB-TSH', 'LAB-PSA'], maxAttempts: 2, ackTimeoutMs: 2000 }], json);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      patientId = (await admin()('POST', '/fhir/R4/Patient', { resourceType: 'Patient', identifier: [{ system: 'urn:allied:mrn', value: 'MRN-4242' }], name: [{ family: 'Ramirez', given: ['Luz'] }], birthDate: '1970-03-15', gender: 'female' })).body.id;
      const doc = client(fx.url, fx.tokens['t1:physician']);
      tshOrder = (await doc('POST', '/api/orders', { patientId, orderable: 'LAB-TSH', priority: 'routine', reasonCode: 'E03.9' }, json)).body.serviceRequest.id;
      await doc('POST', '/api/orders', { patientId, orderable: 'LAB-CBC', priority: 'routine' }, json);
    });
    after(async () => {
      await lab?.stop();
      await fx?.close();
    });

    test('collecting a send-out test queues an ORM^O01 that the lab receives and acknowledges', async () => {
      const c = await client(fx.url, fx.tokens['t1:phlebotomist'])('POST', '/api/collection/collect', { patientId, scannedWristband: 'MRN-4242', birthDate: '1970-03-15' }, json);
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const pending = await admin()('GET', '/api/interfaces/outbox');
      assert.equal(pending.body.messages.length, 1, 'only the TSH goes out; the CBC is in-house');
      await delivered('delivered');
      const orm = lab.received[0];
      assert.equal(orm.getSegment('MSH')?.getComponent(9, 1), 'ORM');
      assert.equal(orm.getSegment('PID')?.getComponent(3, 1), 'MRN-4242');
      assert.equal(orm.getSegment('OBR')?.getComponent(4, 1), '3016-3');
      placer = orm.getSegment('OBR')!.getComponent(2, 1);
      assert.match(placer, /^AL\d{8}$/);
      const after = await admin()('GET', '/api/interfaces/outbox');
      assert.equal(after.body.messages[0].status, 'delivered');
      assert.match(after.body.messages[0].lastResult, /^AA/);
    });

    test('an ORU^R01 from another library\'s client is stored, acknowledged AA and filed against the order', async () => {
      const ack = await sendFromPeer(fx.server.mllpPort!, oru({ controlId: `R1-${backend}`, mrn: 'MRN-4242', placer, value: '2.1' }));
      assert.equal(ack.getSegment('MSA')?.getField(1)?.toString(), 'AA');
      await filed();
      const obs = await admin()('GET', `/fhir/R4/Observation?patient=${patientId}&code=http://loinc.org|3016-3`);
      assert.equal(obs.body.entry.length, 1);
      const o = obs.body.entry[0].resource;
      assert.equal(o.valueQuantity.value, 2.1);
      assert.equal(o.referenceRange[0].low.value, 0.4);
      assert.equal(o.basedOn[0].reference, `ServiceRequest/${tshOrder}`);
      assert.equal(o.performer[0].display, 'Tri-County Reference Laboratory', 'MSH-3 names the configured lab');
      const chart = await client(fx.url, fx.tokens['t1:physician'])('GET', `/api/patients/${patientId}/results`);
      const tsh = chart.body.reports.find((r: any) => r.orderId === tshOrder);
      assert.equal(tsh.performer, 'Tri-County Reference Laboratory');
      assert.deepEqual(tsh.values.map((v: any) => [v.code, v.numeric, v.unit, v.range, v.abnormal]), [['3016-3', 2.1, 'mIU/L', '0.4-4.0', false]]);
      const rep = await admin()('GET', `/fhir/R4/DiagnosticReport?based-on=ServiceRequest/${tshOrder}`);
      assert.equal(rep.body.entry[0].resource.status, 'final');
      assert.equal((await admin()('GET', `/fhir/R4/ServiceRequest/${tshOrder}`)).body.status, 'completed');
    });

    test('the same message again is acknowledged but not applied twice; a corrected result replaces the old one', async () => {
      const again = await sendFromPeer(fx.server.mllpPort!, oru({ controlId: `R1-${backend}`, mrn: 'MRN-4242', placer, value: '2.1' }));
      assert.equal(again.getSegment('MSA')?.getField(1)?.toString(), 'AA');
      const corrected = await sendFromPeer(fx.server.mllpPort!, oru({ controlId: `R2-${backend}`, mrn: 'MRN-4242', placer, value: '21.5', flag: 'HH', status: 'C' }));
      assert.equal(corrected.getSegment('MSA')?.getField(1)?.toString(), 'AA');
      await filed();
      const obs = await admin()('GET', `/fhir/R4/Observation?patient=${patientId}&code=http://loinc.org|3016-3`);
      assert.equal(obs.body.entry.length, 1, 'corrected in place, not duplicated');
      assert.equal(obs.body.entry[0].resource.valueQuantity.value, 21.5);
      assert.equal(obs.body.entry[0].resource.status, 'corrected');
      const notes = await admin()('GET', `/fhir/R4/Communication?patient=${patientId}&category=alert`);
      assert.match(notes.body.entry[0].resource.payload[0].contentString, /CRITICAL: .*21\.5/);
    });

    test('a result for an unknown patient is parked, then matched by a person; nothing is dropped', async () => {
      const ack = await sendFromPeer(fx.server.mllpPort!, oru({ controlId: `R3-${backend}`, mrn: 'MRN-0000', placer: 'AL99999999', value: '1.2' }));
      assert.equal(ack.getSegment('MSA')?.getField(1)?.toString(), 'AA');
      await filed();
      const q = await client(fx.url, fx.tokens['t1:lab'])('GET', '/api/interfaces/inbox?status=error');
      const parked = q.body.messages.find((m: any) => m.messageId === `R3-${backend}`);
      assert.match(parked.error, /No patient with MRN MRN-0000/);
      const m = await client(fx.url, fx.tokens['t1:lab'])('POST', `/api/interfaces/inbox/${parked.id}/match`, { patientId, serviceRequestIds: [tshOrder] }, json);
      assert.equal(m.status, 200, JSON.stringify(m.body));
      assert.equal(m.body.observations, 1);
      const after = await client(fx.url, fx.tokens['t1:lab'])('GET', `/api/interfaces/inbox/${parked.id}`);
      assert.equal(after.body.status, 'processed');
    });

    test('what is not an ORU^R01 is refused with AR, and stored', async () => {
      const adt = 'MSH|^~\\&|X|Y|ALLIED|t1|20261124||ADT^A01|ADT-' + backend + '|P|2.5.1\rPID|1||123';
      const ack = await sendFromPeer(fx.server.mllpPort!, adt);
      assert.equal(ack.getSegment('MSA')?.getField(1)?.toString(), 'AR');
      const rejected = await admin()('GET', '/api/interfaces/inbox?status=rejected');
      assert.ok(rejected.body.messages.some((m: any) => m.messageId === `ADT-${backend}`));
      const again = await sendFromPeer(fx.server.mllpPort!, adt);
      assert.equal(again.getSegment('MSA')?.getField(1)?.toString(), 'AR', 'sent again, refused again (not taken for an accepted duplicate)');
    });

    test('a NACK from the lab is visible, and a person can resend', async () => {
      const nack = await peerLab('AE');
      try {
        await admin()('PUT', '/api/interfaces/labs', [{ id: 'tricounty', name: 'Tri-County Reference Laboratory', host: '127.0.0.1', port: nack.port, orderables: ['LAB-TSH', 'LAB-PSA'], maxAttempts: 2, ackTimeoutMs: 2000 }], json);
        const o = await client(fx.url, fx.tokens['t1:physician'])('POST', '/api/orders', { patientId, orderable: 'LAB-PSA', priority: 'routine' }, json);
        assert.equal(o.status, 201);
        const c = await client(fx.url, fx.tokens['t1:phlebotomist'])('POST', '/api/collection/collect', { patientId, scannedWristband: 'MRN-4242', birthDate: '1970-03-15' }, json);
        assert.equal(c.status, 201, JSON.stringify(c.body));
        await delivered('failed');
        const out = await admin()('GET', '/api/interfaces/outbox?status=failed');
        assert.match(out.body.messages[0].lastResult, /refused the message/);
        const resend = await admin()('POST', `/api/interfaces/outbox/${out.body.messages[0].id}/resend`, {}, json);
        assert.equal(resend.body.status, 'pending');
      } finally {
        await nack.stop();
      }
    });
  });
}
