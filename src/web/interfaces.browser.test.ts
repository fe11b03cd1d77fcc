/**
 * The lab interfaces desk (/lab/interfaces) in real Chromium against the real server with demo data
 * and a reference lab built with another library (medplum's HL7 server): an order the lab refuses
 * (NACK) shows as failed and a person resends it once the lab answers again; two results that match
 * nothing wait in the error queue: one is matched to its patient and order, the other rejected with
 * a reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Hl7Message } from '@medplum/core';
import { Hl7Client, Hl7Server } from '@medplum/hl7';
import type { Page } from 'playwright-core';
import { deliverDueOrders } from '../services/labs/deliver.js';
import { browserSuite, call, skip } from './browser-suite.js';

const suite = browserSuite();
const { signIn, shot } = suite;

/**
 * A reference lab that answers every order with `ack.code` (AE refuses, AA accepts). While
 * `ack.hold` is set it keeps its answers back until `release()`: the server's own outbox worker
 * (every second) and the test's `deliverDueOrders` race for the same message, so the test judges
 * the message's state, never who sent it, and holds the answer to see the message waiting.
 */
async function referenceLab(ack: { code: 'AA' | 'AE'; hold: boolean }) {
  const held: (() => void)[] = [];
  const server = new Hl7Server((connection) => {
    connection.addEventListener('message', ({ message }) => {
      const answer = () => connection.send(message.buildAck({ ackCode: ack.code }));
      if (ack.hold) held.push(answer);
      else answer();
    });
  });
  server.start(0);
  const net = server.server!;
  if (!net.listening) await new Promise((r) => net.once('listening', r));
  return {
    port: (net.address() as AddressInfo).port,
    release: () => {
      ack.hold = false;
      for (const answer of held.splice(0)) answer();
    },
    stop: () => server.stop({ forceDrainTimeoutMs: 100 }),
  };
}

interface OutboxItem {
  id: number;
  destination: string;
  status: string;
  lastResult: string | null;
}

/** The outbox message to this lab once it has reached one of `states` (a delivery pass runs each turn: whoever claims it first sends it). */
async function outboxMessageIn(page: Page, db: Parameters<typeof deliverDueOrders>[0], labId: string, states: string[]): Promise<OutboxItem> {
  let last: OutboxItem[] = [];
  for (let i = 0; i < 100; i++) {
    await deliverDueOrders(db);
    last = (await call<{ messages: OutboxItem[] }>(page, 'GET', '/api/interfaces/outbox')).body.messages.filter((m) => m.destination === labId);
    const hit = last.find((m) => states.includes(m.status));
    if (hit) return hit;
    await page.waitForTimeout(100);
  }
  return assert.fail(`no message to ${labId} became ${states.join(' or ')}: ${JSON.stringify(last)}`);
}

/** A PSA result for a patient and placer order number our server has never seen. */
function unknownResult(controlId: string, mrn: string, placer: string): string {
  return [
    `MSH|^~\\&|TRICOUNTY|TRICOUNTY LAB|ALLIED|RIVERSIDE|20261124101500||ORU^R01^ORU_R01|${controlId}|P|2.5.1`,
    `PID|1||${mrn}^^^RGH^MR||Nobody^Known||19550101|M`,
    `ORC|RE|${placer}|F-${placer}`,
    `OBR|1|${placer}|F-${placer}|2857-1^PSA^LN|||20261124080000|||||||||||||||20261124101000|||F`,
    `OBX|1|NM|2857-1^PSA^LN||1.8|ng/mL^ng/mL^UCUM|0.0-4.0|N|||F|||20261124100000`,
  ].join('\r');
}

async function sendResult(port: number, text: string): Promise<string | undefined> {
  const c = new Hl7Client({ host: '127.0.0.1', port });
  try {
    return (await c.sendAndWait(Hl7Message.parse(text))).getSegment('MSA')?.getField(1)?.toString();
  } finally {
    await c.close();
  }
}

test('lab interfaces desk: resend a refused order, match one parked result, reject another', { skip }, async () => {
  const ack: { code: 'AA' | 'AE'; hold: boolean } = { code: 'AE', hold: false };
  const peer = await referenceLab(ack);
  try {
    // The admin points the reference lab at the peer, and the catalogue sends PSA there.
    const admin = await signIn('admin');
    const labs = await call<{ labs: Record<string, unknown>[] }>(admin.page, 'GET', '/api/interfaces/labs');
    const lab = { ...(labs.body.labs[0] ?? { id: 'tricounty', name: 'Tri-County Reference Laboratory' }), host: '127.0.0.1', port: peer.port, maxAttempts: 1, ackTimeoutMs: 30_000 };
    const labId = String((lab as { id?: unknown }).id);
    const put = await call(admin.page, 'PUT', '/api/interfaces/labs', [lab, ...labs.body.labs.slice(1)]);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const psa = await call<Record<string, unknown>>(admin.page, 'GET', '/api/catalogue/LAB-PSA');
    const routed = await call(admin.page, 'PUT', '/api/catalogue/LAB-PSA', { ...psa.body, performingLab: labId });
    assert.equal(routed.status, 200, JSON.stringify(routed.body));

    // A physician orders PSA for a demo patient; the phlebotomist collects it; the order goes out and is refused.
    const doc = await signIn('physician');
    const patient = await doc.page.evaluate(async () => {
      const bundle = await (await fetch('/fhir/R4/Patient?_count=30')).json();
      for (const e of bundle.entry.slice(5)) {
        const banner = await (await fetch(`/api/patients/${e.resource.id}/banner`)).json();
        if (banner.mrn && banner.birthDate) return { id: e.resource.id as string, name: banner.name as string, mrn: banner.mrn as string, birthDate: banner.birthDate as string };
      }
      return null;
    });
    assert.ok(patient);
    const order = await call<{ serviceRequest: { id: string } }>(doc.page, 'POST', '/api/orders', { patientId: patient.id, orderable: 'LAB-PSA', priority: 'routine' });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    const phleb = await signIn('phlebotomist');
    const collected = await call(phleb.page, 'POST', '/api/collection/collect', { patientId: patient.id, scannedWristband: patient.mrn, birthDate: patient.birthDate });
    assert.equal(collected.status, 201, JSON.stringify(collected.body));
    const refused = await outboxMessageIn(admin.page, suite.server.store.db, labId, ['failed', 'delivered']);
    assert.equal(refused.status, 'failed', JSON.stringify(refused));
    assert.match(refused.lastResult ?? '', /refused/i);

    // Two results nobody can place arrive over MLLP and wait for a person.
    const mllpPort = suite.server.server.mllpPort!;
    assert.equal(await sendResult(mllpPort, unknownResult('UNK-1', 'MRN-NOPE-1', 'AL00000001')), 'AA', 'stored first, answered AA');
    assert.equal(await sendResult(mllpPort, unknownResult('UNK-2', 'MRN-NOPE-2', 'AL00000002')), 'AA');

    const desk = await signIn('lab', '/lab/interfaces');
    const { page } = desk;
    await page.getByTestId('interfaces-page').waitFor();
    const failed = page.locator('[data-testid="outbox-row"][data-status="failed"]').first();
    await failed.waitFor();
    assert.match((await failed.getByTestId('outbox-result').textContent()) ?? '', /refused/i);
    const failedId = await failed.getAttribute('data-id');
    await shot(page, 'interfaces-outbox-failed');

    // The lab is back: resend; the message waits in the queue (the lab holds its answer) until the lab acknowledges it.
    ack.code = 'AA';
    ack.hold = true;
    await failed.getByTestId('outbox-resend').click();
    await page.getByText(/queued to send again/).waitFor();
    await page.locator(`[data-testid="outbox-row"][data-id="${failedId}"]:is([data-status="pending"], [data-status="sending"])`).waitFor();
    peer.release();
    assert.equal((await outboxMessageIn(page, suite.server.store.db, labId, ['delivered', 'failed'])).status, 'delivered');
    await page.getByTestId('outbox-refresh').click();
    await page.locator(`[data-testid="outbox-row"][data-id="${failedId}"][data-status="delivered"]`).waitFor();

    // The error queue: both results are there (filing runs behind the ACK).
    const parked = (id: string) => page.locator('[data-testid="inbox-item"][data-status="error"]').filter({ hasText: id });
    for (let i = 0; i < 20 && (await parked('UNK-2').count()) === 0; i++) {
      await page.getByTestId('inbox-refresh').click();
      await page.waitForTimeout(250);
    }
    await parked('UNK-1').waitFor();
    await parked('UNK-2').waitFor();
    assert.match((await parked('UNK-1').getByTestId('inbox-why').textContent()) ?? '', /\S/);
    await shot(page, 'interfaces-error-queue');

    // Match the first to the patient and the PSA order.
    await parked('UNK-1').getByTestId('inbox-match').click();
    const form = parked('UNK-1').getByTestId('match-form');
    await form.getByTestId('patient-search-input').fill(patient.mrn);
    await form.locator(`[data-testid="patient-result"][data-patient-id="${patient.id}"]`).click();
    await form.getByTestId('match-patient').waitFor();
    await form.getByTestId('match-order').selectOption(order.body.serviceRequest.id);
    await form.getByTestId('match-submit').click();
    await parked('UNK-1').waitFor({ state: 'detached' });

    // Reject the second, with a reason.
    await parked('UNK-2').getByTestId('inbox-reject').click();
    await parked('UNK-2').getByTestId('reject-reason').fill('Not our patient: sent to the wrong hospital');
    await parked('UNK-2').getByTestId('reject-confirm').click();
    await parked('UNK-2').waitFor({ state: 'detached' });

    // The PSA result is filed on the patient's order; the rejected message keeps its reason.
    const filed = await call<{ total?: number; entry?: { resource: { valueQuantity?: { value: number } } }[] }>(page, 'GET', `/fhir/R4/Observation?based-on=ServiceRequest/${order.body.serviceRequest.id}`);
    assert.equal(filed.body.entry?.[0]?.resource.valueQuantity?.value, 1.8, JSON.stringify(filed.body));
    const rejected = await call<{ messages: { messageId: string; error: string | null }[] }>(page, 'GET', '/api/interfaces/inbox?status=rejected');
    assert.match(rejected.body.messages.find((m) => m.messageId === 'UNK-2')?.error ?? '', /wrong hospital/);
  } finally {
    await peer.stop();
  }
});
