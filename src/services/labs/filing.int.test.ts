import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation, Patient, ServiceRequest } from '@medplum/fhirtypes';
import { testBackends } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { ensureTenant } from '../../store/users.js';
import { validateResource } from '../../fhir/validation/index.js';
import type { IssueCode } from '../../fhir/errors.js';
import { MllpClient } from '../../interop/hl7v2/index.js';
import { startLabListener } from './listener.js';
import { PLACER_SYSTEM } from './orders-out.js';
import { Repository } from '../../store/repository.js';
import { verifyAuditChain } from '../../store/audit.js';

const validate = (r: unknown) => validateResource(r).map((i) => ({ severity: i.severity, code: i.code as IssueCode, diagnostics: i.message, expression: [i.expression] }));

function oru(o: { controlId: string; placer: string; filler: string; na: string; k?: string; status?: 'P' | 'F' | 'C'; flag?: string }): string {
  const st = o.status ?? 'F';
  return [
    `MSH|^~\\&|TRICOUNTY|TRICOUNTY LAB|ALLIED|t1|20261124101500+0000||ORU^R01^ORU_R01|${o.controlId}|P|2.5.1`,
    'PID|1||MRN-7^^^T1^MR||Okafor^Ada||19800101|F',
    `ORC|RE|${o.placer}|${o.filler}`,
    `OBR|1|${o.placer}|${o.filler}|24321-2^Basic metabolic panel^LN|||20261124080000+0000|||||||||||||||20261124101000+0000|||${st}`,
    `OBX|1|NM|2951-2^Sodium^LN||${o.na}|mmol/L^mmol/L^UCUM|136-145|${o.flag ?? 'N'}|||${st}|||20261124100000+0000`,
    `OBX|2|NM|2823-3^Potassium^LN||${o.k ?? '4.1'}|mmol/L^mmol/L^UCUM|3.5-5.1|N|||${st}|||20261124100000+0000`,
  ].join('\r');
}

async function sendAll(port: number, messages: string[], connections: number): Promise<string[]> {
  const codes: string[] = new Array(messages.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new MllpClient({ host: '127.0.0.1', port, ackTimeoutMs: 20_000 });
      try {
        for (let i = next++; i < messages.length; i = next++) {
          const r = await c.send(messages[i]);
          codes[i] = r.ok ? r.ack.code : r.failure.kind;
        }
      } finally {
        await c.close();
      }
    }),
  );
  return codes;
}

for (const backend of testBackends) {
  describe(`lab results: stored on arrival, filed in batches (${backend.name})`, () => {
    let store: Store & { cleanup(): Promise<void> };
    const ctx = { tenant: 't1' };
    let patient: Patient;
    const orders: ServiceRequest[] = [];
    const count = async (sql: string) => Number((await store.db.query<{ n: number }>(sql)).rows[0].n);

    before(async () => {
      store = await backend.open({ validate });
      await ensureTenant(store.db, 't1', 'Organisation t1');
      patient = (await store.repo.create(ctx, { resourceType: 'Patient', identifier: [{ system: 'urn:allied:mrn', value: 'MRN-7' }], name: [{ family: 'Okafor', given: ['Ada'] }] })).resource;
      for (let i = 0; i < 10; i++) {
        orders.push((await store.repo.create(ctx, { resourceType: 'ServiceRequest', status: 'active', intent: 'order', identifier: [{ system: PLACER_SYSTEM, value: `AL7${String(i).padStart(7, '0')}` }], code: { coding: [{ system: 'http://loinc.org', code: '24321-2' }] }, subject: { reference: `Patient/${patient.id}` } })).resource);
      }
    });
    after(async () => {
      await store?.cleanup();
    });

    test('messages from many connections at once, with the same message sent twice at the same moment: every one ACKed AA, each filed exactly once', async () => {
      const lab = await startLabListener(store.repo, { port: 0, host: '127.0.0.1' });
      try {
        const messages = Array.from({ length: 120 }, (_, i) => oru({ controlId: `C-${i}`, placer: orders[i % 10].identifier![0].value!, filler: `F-C-${i}`, na: String(130 + (i % 15)) }));
        // every tenth message is also sent again from another connection at once
        const doubled = [...messages, ...messages.filter((_, i) => i % 10 === 0)];
        const codes = await sendAll(lab.port, doubled, 6);
        assert.deepEqual(new Set(codes), new Set(['AA']));
        await lab.drain();
        assert.equal(await count(`SELECT count(*) AS n FROM inbox WHERE message_id LIKE 'C-%'`), 120, 'one inbox row per message id');
        assert.equal(await count(`SELECT count(*) AS n FROM inbox WHERE message_id LIKE 'C-%' AND status = 'processed'`), 120);
        assert.equal(await count(`SELECT count(*) AS n FROM res_observation WHERE content->'identifier'->0->>'value' LIKE 'F-C-%'`), 240, 'two Observations per message, none twice');
        assert.equal(await count(`SELECT count(*) AS n FROM res_diagnosticreport WHERE content->'identifier'->0->>'value' LIKE 'F-C-%'`), 120);
        assert.equal(await count(`SELECT count(*) AS n FROM audit_log WHERE operation = 'create' AND resource_type = 'Observation'`), 240, 'each write audited');
        assert.equal(await count(`SELECT count(*) AS n FROM audit_log WHERE resource_type IN ('Observation', 'DiagnosticReport') AND hash IS NULL`), 0, 'filed already linked into the audit chain');
        await store.audit.seal(); // what other writes left unsealed
        const chain = await verifyAuditChain(store.db);
        assert.deepEqual(chain.problems, []);
        assert.ok(chain.ok && chain.checked >= 360 + 10);
        const one = (await store.repo.search(ctx, 'Observation', new URLSearchParams({ identifier: 'urn:allied:lab-filler-order|F-C-7|2951-2|' }))).resources[0] as Observation;
        assert.equal(one.valueQuantity?.value, 137);
        assert.equal(one.basedOn?.[0].reference, `ServiceRequest/${orders[7].id}`);
        assert.equal(one.subject?.reference, `Patient/${patient.id}`);
        assert.equal(one.referenceRange?.[0].high?.value, 145);
        for (const o of orders) assert.equal((await store.repo.read<ServiceRequest>(ctx, 'ServiceRequest', o.id!)).status, 'completed');
      } finally {
        await lab.close();
      }
    });

    test('a restart files what was acknowledged but not yet filed; a preliminary and its correction stored together end as the correction', async () => {
      const accepting = await startLabListener(store.repo, { port: 0, host: '127.0.0.1', filing: false });
      const placer = orders[3].identifier![0].value!;
      let codes: string[];
      try {
        codes = await sendAll(accepting.port, [
          ...Array.from({ length: 15 }, (_, i) => oru({ controlId: `R-${i}`, placer, filler: `F-R-${i}`, na: '140' })),
          oru({ controlId: 'R-P', placer, filler: 'F-R-X', na: '150', status: 'P' }),
          oru({ controlId: 'R-C', placer, filler: 'F-R-X', na: '171', status: 'C', flag: 'HH' }),
        ], 1);
      } finally {
        await accepting.close(); // as if the process stopped right after answering
      }
      assert.deepEqual(new Set(codes), new Set(['AA']));
      assert.equal(await count(`SELECT count(*) AS n FROM inbox WHERE message_id LIKE 'R-%' AND status = 'received'`), 17, 'stored, waiting');
      assert.equal(await count(`SELECT count(*) AS n FROM res_diagnosticreport WHERE content->'identifier'->0->>'value' LIKE 'F-R-%'`), 0, 'nothing filed yet');

      const restarted = await startLabListener(store.repo, { port: 0, host: '127.0.0.1' });
      try {
        await restarted.drain();
      } finally {
        await restarted.close();
      }
      assert.equal(await count(`SELECT count(*) AS n FROM inbox WHERE message_id LIKE 'R-%' AND status = 'processed'`), 17);
      assert.equal(await count(`SELECT count(*) AS n FROM res_diagnosticreport WHERE content->'identifier'->0->>'value' LIKE 'F-R-%'`), 16);
      const sodium = (await store.repo.search(ctx, 'Observation', new URLSearchParams({ identifier: 'urn:allied:lab-filler-order|F-R-X|2951-2|' }))).resources as Observation[];
      assert.equal(sodium.length, 1, 'the correction replaced the preliminary result');
      assert.equal(sodium[0].valueQuantity?.value, 171);
      assert.equal(sodium[0].status, 'corrected');
      assert.equal(sodium[0].meta?.versionId, '2');
      const history = await store.repo.history(ctx, 'Observation', sodium[0].id);
      assert.deepEqual(history.map((h) => (h.resource as Observation).valueQuantity?.value), [171, 150]);
      const alerts = await store.repo.search(ctx, 'Communication', new URLSearchParams({ subject: `Patient/${patient.id}` }));
      assert.ok(alerts.resources.some((c: any) => /CRITICAL: Sodium 171/.test(c.payload?.[0]?.contentString)), 'the critical corrected value was sent to the clinician');
    });

    test('while a lab keeps sending, filing waits for a pause; then everything acknowledged is filed without a drain', async () => {
      // a long pause threshold, so the messages sent back to back stay within one run of arrivals
      const lab = await startLabListener(store.repo, { port: 0, host: '127.0.0.1', yieldToArrivals: { quietMs: 1500, maxLagMs: 60_000 } });
      const filed = () => count(`SELECT count(*) AS n FROM inbox WHERE message_id LIKE 'Y-%' AND status = 'processed'`);
      try {
        await lab.drain(); // the round every listener runs on start is over before the lab sends
        const codes = await sendAll(lab.port, Array.from({ length: 30 }, (_, i) => oru({ controlId: `Y-${i}`, placer: orders[i % 10].identifier![0].value!, filler: `F-Y-${i}`, na: '140' })), 3);
        assert.deepEqual(new Set(codes), new Set(['AA']));
        assert.equal(await filed(), 0, 'nothing filed while the lab was still sending');
        for (let i = 0; i < 200 && (await filed()) < 30; i++) await new Promise((r) => setTimeout(r, 50));
        assert.equal(await filed(), 30, 'all filed once the lab paused');
        assert.equal(await count(`SELECT count(*) AS n FROM res_diagnosticreport WHERE content->'identifier'->0->>'value' LIKE 'F-Y-%'`), 30);
      } finally {
        await lab.close();
      }
    });

    test('a result nobody can match is parked with the reason, and answered AA like the others', async () => {
      const lab = await startLabListener(store.repo, { port: 0, host: '127.0.0.1' });
      try {
        const codes = await sendAll(lab.port, [oru({ controlId: 'U-1', placer: 'AL99999999', filler: 'F-U-1', na: '140' }), oru({ controlId: 'U-2', placer: orders[1].identifier![0].value!, filler: 'F-U-2', na: '141' })], 2);
        assert.deepEqual(codes, ['AA', 'AA']);
        await lab.drain();
      } finally {
        await lab.close();
      }
      const rows = (await store.db.query<{ message_id: string; status: string; error: string | null }>(`SELECT message_id, status, error FROM inbox WHERE message_id LIKE 'U-%' ORDER BY message_id`)).rows;
      assert.deepEqual(rows.map((r) => [r.message_id, r.status]), [['U-1', 'error'], ['U-2', 'processed']]);
      assert.match(rows[0].error!, /Parked for matching: No order AL99999999 \(OBR-2\) on file/);
    });

    test('one message that cannot be filed is kept for a person with the reason; the others in its round are filed', async () => {
      // an order stored by something that skipped validation (no intent): completing it fails validation
      const unchecked = new Repository(store.db, {});
      const broken = (await unchecked.create(ctx, { resourceType: 'ServiceRequest', status: 'active', identifier: [{ system: PLACER_SYSTEM, value: 'AL70009999' }], subject: { reference: `Patient/${patient.id}` } } as unknown as ServiceRequest)).resource;
      const accepting = await startLabListener(store.repo, { port: 0, host: '127.0.0.1', filing: false });
      try {
        const codes = await sendAll(accepting.port, [
          oru({ controlId: 'B-1', placer: orders[5].identifier![0].value!, filler: 'F-B-1', na: '139' }),
          oru({ controlId: 'B-2', placer: broken.identifier![0].value!, filler: 'F-B-2', na: '140' }),
          oru({ controlId: 'B-3', placer: orders[6].identifier![0].value!, filler: 'F-B-3', na: '141' }),
        ], 1);
        assert.deepEqual(codes, ['AA', 'AA', 'AA']);
      } finally {
        await accepting.close();
      }
      const filer = await startLabListener(store.repo, { port: 0, host: '127.0.0.1' });
      try {
        await filer.drain();
      } finally {
        await filer.close();
      }
      const rows = (await store.db.query<{ message_id: string; status: string; error: string | null }>(`SELECT message_id, status, error FROM inbox WHERE message_id LIKE 'B-%' ORDER BY message_id`)).rows;
      assert.deepEqual(rows.map((r) => [r.message_id, r.status]), [['B-1', 'processed'], ['B-2', 'error'], ['B-3', 'processed']]);
      assert.match(rows[1].error!, /^Could not be filed: .*intent/);
      assert.equal(await count(`SELECT count(*) AS n FROM res_diagnosticreport WHERE content->'identifier'->0->>'value' IN ('F-B-1', 'F-B-2', 'F-B-3')`), 2, 'nothing of the failed message was written');
    });
  });
}
