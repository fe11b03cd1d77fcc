import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Hl7Message as MedplumMessage } from '@medplum/core';
import { Hl7Client, Hl7Server } from '@medplum/hl7';
import { MllpClient } from './client.js';
import { MllpServer, type MllpHandler } from './server.js';
import { buildAck } from '../ack/build-ack.js';
import { writeOrderMessage } from '../order/write-order.js';
import { DEFAULT_ORM_PROFILE } from '../order/profile.js';
import { readLabResult } from '../result/read-result.js';
import { sampleOrder } from '../order/sample-order.js';

const corpus = new URL('../../../../../shared/hl7-corpus/oru/', import.meta.url);

describe('peer: @medplum/hl7 (a library nobody here wrote)', () => {
  test("our ORM^O01 over our MllpClient is parsed by medplum's Hl7Server, whose ACK we read", async () => {
    const received: MedplumMessage[] = [];
    const server = new Hl7Server((connection) => {
      connection.addEventListener('message', ({ message }) => {
        received.push(message);
        connection.send(message.buildAck());
      });
    });
    server.start(0);
    const net = server.server;
    assert.ok(net);
    if (!net.listening) await new Promise((r) => net.once('listening', r));
    const port = (net.address() as AddressInfo).port;
    const client = new MllpClient({ host: '127.0.0.1', port, ackTimeoutMs: 5000 });
    try {
      const w = writeOrderMessage(sampleOrder, DEFAULT_ORM_PROFILE);
      assert.ok(w.ok);
      const r = await client.send(w.text);
      assert.ok(r.ok, r.ok ? '' : r.failure.message);
      assert.equal(r.ack.code, 'AA');
      assert.equal(r.ack.acknowledgedControlId, 'ALLIED-0001');
      const m = received[0];
      assert.ok(m);
      assert.equal(m.getSegment('MSH')?.getField(9).toString(), 'ORM^O01^ORM_O01');
      assert.equal(m.getSegment('PID')?.getComponent(5, 2), 'Ann');
      assert.equal(m.getSegment('OBR')?.getComponent(4, 1), '2345-7');
      assert.deepEqual(m.segments.map((s) => s.name), ['MSH', 'PID', 'PV1', 'IN1', 'ORC', 'OBR', 'NTE', 'DG1']);
    } finally {
      await client.close();
      await server.stop({ forceDrainTimeoutMs: 100 });
    }
  });

  test("ORU messages from medplum's Hl7Client into our MllpServer: stored, read, ACKed AA with MSA-2", async () => {
    const seen: string[] = [];
    const handler: MllpHandler = async (p, raw) => {
      seen.push(raw.toString('utf8'));
      assert.ok(p.ok);
      const r = readLabResult(p.message);
      return buildAck(p.message, r.ok ? { code: 'AA' } : { code: 'AE', text: r.error.message });
    };
    const server = new MllpServer({ handler, port: 0, host: '127.0.0.1' });
    const port = await server.listen();
    const client = new Hl7Client({ host: '127.0.0.1', port });
    try {
      for (const name of ['simplehl7__oru.hl7', 'isante__ORU_R01_Final_Result.hl7', 'msfhir__LRI_2.0-NG_CBC_Typ_Message.hl7']) {
        const text = readFileSync(new URL(name, corpus), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n|\n/g, '\r').trim();
        const msg = MedplumMessage.parse(text);
        const ack = await client.sendAndWait(msg, { timeoutMs: 5000 });
        assert.equal(ack.getSegment('MSA')?.getField(1).toString(), 'AA');
        assert.equal(ack.getSegment('MSA')?.getField(2).toString(), msg.getSegment('MSH')?.getField(10).toString());
      }
      assert.equal(seen.length, 3);
    } finally {
      await client.close();
      await server.close(500);
    }
  });
});
