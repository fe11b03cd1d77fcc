import { Socket } from 'node:net';
import { labTestCode, writeOrderMessage, type CodeRef, type OrderItem, type OrderMessage } from '../../interop/hl7v2/index.js';
import { sampleOrder } from '../../interop/hl7v2/order/sample-order.js';
import type { Catalogue } from '../catalogue/index.js';
import { checkReferenceLab } from './lab-profile-check.js';
import { orderCodeOf } from './reference-labs.js';

/** The tests a preview orders at most: enough to see the repeating ORC/OBR groups, short enough to read. */
const PREVIEW_TESTS = 4;

export interface LabPreview {
  /** the message, one segment per entry (joined with CR on the wire); empty when nothing could be written */
  segments: string[];
  /** tests the preview orders: our code, its name, and what OBR-4 carries */
  tests: { code: string; display: string; sentAs: string }[];
  /** why some tests (or the whole message) could not be written, as the outbox would refuse them */
  problems: string[];
}

/**
 * The order this lab draft would be sent for a synthetic patient (no one real, nothing stored):
 * the tests the catalogue sends there and those in its code table, or a glucose when it has none.
 * Uses the same writer as the outbox, so what the admin reads is what the lab will get.
 */
export function previewLabMessage(draft: unknown, catalogue: Catalogue, now = new Date()): LabPreview {
  const lab = checkReferenceLab(draft);
  const mapped = new Set(Object.keys(lab.profile.testCodes ?? {}));
  const chosen = catalogue.items.filter((o) => o.status !== 'retired' && o.kind === 'lab' && (o.performingLab === lab.id || mapped.has(orderCodeOf(o).code)));
  const tests: CodeRef[] = chosen.length
    ? chosen.slice(0, PREVIEW_TESTS).map((o) => ({ ...orderCodeOf(o), display: o.display }))
    : sampleOrder.orders.map((o) => o.test);
  const base = sampleOrder.orders[0];
  const orders: OrderItem[] = tests.map((test, i) => ({ ...base, placerOrderNumber: `AL${String(42 + i).padStart(8, '0')}`, test, notes: i === 0 ? base.notes : undefined, diagnoses: i === 0 ? base.diagnoses : undefined }));
  const order: OrderMessage = { ...sampleOrder, controlId: 'PREVIEW0001', sentAt: now.toISOString(), orders };
  const problems: string[] = [];
  let written = writeOrderMessage(order, lab.profile);
  if (!written.ok) {
    problems.push(...written.issues.map((i) => i.message));
    // still show the message for the tests the profile can code
    const codable = orders.filter((o) => labTestCode(o.test, lab.profile));
    if (codable.length && codable.length < orders.length) written = writeOrderMessage({ ...order, orders: codable }, lab.profile);
  }
  return {
    segments: written.ok ? written.text.split('\r') : [],
    tests: orders.map((o) => ({ code: o.test.code, display: o.test.display ?? o.test.code, sentAs: sentAs(labTestCode(o.test, lab.profile)) })),
    problems,
  };
}

const coded = (c: CodeRef) => [c.code, c.display ?? '', c.system ?? ''].join('^');
const sentAs = (c: ReturnType<typeof labTestCode>) => (c ? [coded(c.primary), ...(c.alternate ? [coded(c.alternate)] : [])].join('^') : '(no lab code)');

export type ConnectionOutcome = 'reachable' | 'refused' | 'timeout' | 'unknown-host' | 'unreachable';
// Long enough for a VPN hop to a lab; short enough that an admin waits for it.
export const PROBE_TIMEOUT_MS = 3_000;

/** Opens a TCP connection to the lab's MLLP listener and closes it at once: nothing is sent. */
export function probeLab(host: string, port: number, timeoutMs = PROBE_TIMEOUT_MS): Promise<{ outcome: ConnectionOutcome; message: string; ms: number }> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const where = `${host}:${port}`;
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (outcome: ConnectionOutcome, message: string) => {
      socket.destroy();
      resolve({ outcome, message, ms: ms() });
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => done('reachable', `${where} accepted a connection in ${ms()} ms (nothing was sent)`));
    socket.once('timeout', () => done('timeout', `${where} did not answer within ${timeoutMs / 1000} s: a firewall may be dropping the connection, or the host is down`));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') done('refused', `${where} refused the connection: the host is up but nothing listens on port ${port}`);
      else if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') done('unknown-host', `${host} is not a name this server can resolve (DNS)`);
      else done('unreachable', `${where} cannot be reached (${err.code ?? err.message})`);
    });
    socket.connect(port, host);
  });
}
