import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { MllpDecoder, frameMessage } from './framing.js';
import { MllpServer, type MllpHandler } from './server.js';
import { MllpClient } from './client.js';
import { sendWithRetry } from './retry.js';
import { buildAck, buildErrorAck } from '../ack/build-ack.js';
import { parseHl7Message } from '../parse.js';

const msg = (id: string) => `MSH|^~\\&|LAB|LABFAC|ALLIED|ALLIED|20260301093000||ORU^R01^ORU_R01|${id}|P|2.5.1\rPID|1||MRN1||Doe^Jane\rOBR|1|42|F42|2345-7^Glucose^LN\rOBX|1|NM|2345-7^Glucose^LN||5.4|mmol/L|3.9-5.5||||F`;
const accept: MllpHandler = async (p) => (p.ok ? buildAck(p.message, { code: 'AA' }) : buildErrorAck({ controlId: p.controlId, sendingApplication: [], sendingFacility: [], receivingApplication: [], receivingFacility: [], trigger: '', processingId: 'P', version: '2.5.1' }, p.error));

async function withServer(handler: MllpHandler, run: (port: number, server: MllpServer) => Promise<void>, extra: { maxFrameBytes?: number } = {}) {
  const server = new MllpServer({ handler, port: 0, host: '127.0.0.1', ...extra });
  const port = await server.listen();
  try {
    await run(port, server);
  } finally {
    await server.close(500);
  }
}

/** Raw socket: write bytes, collect ACK frames. */
function rawExchange(port: number, writes: Buffer[], expectFrames: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    const dec = new MllpDecoder();
    const got: string[] = [];
    s.on('data', (c: Buffer) => {
      for (const e of dec.push(c)) if (e.type === 'frame') got.push(e.payload.toString());
      if (got.length >= expectFrames) {
        s.end();
        resolve(got);
      }
    });
    s.on('error', reject);
    s.on('connect', async () => {
      for (const w of writes) {
        s.write(w);
        await new Promise((r) => setImmediate(r));
      }
    });
  });
}

describe('MLLP framing', () => {
  test('a frame split byte by byte comes out whole', () => {
    const d = new MllpDecoder();
    const framed = frameMessage(msg('A1'));
    const frames = [...framed].flatMap((b) => d.push(Buffer.from([b])));
    assert.deepEqual(frames.map((f) => f.type), ['frame']);
    assert.equal(frames[0]?.type === 'frame' && frames[0].payload.toString(), msg('A1'));
  });
  test('three frames in one chunk, garbage between them reported', () => {
    const d = new MllpDecoder();
    const ev = d.push(Buffer.concat([frameMessage(msg('1')), Buffer.from('junk'), frameMessage(msg('2')), Buffer.from('\r\n'), frameMessage(msg('3'))]));
    assert.deepEqual(ev.map((e) => e.type), ['frame', 'garbage', 'frame', 'frame']);
  });
  test('an oversize frame is cut off with its head kept, and memory stays bounded', () => {
    const d = new MllpDecoder(1000);
    const big = frameMessage(msg('BIG') + `\rNTE|1||${'x'.repeat(5000)}`);
    const ev = d.push(big);
    assert.equal(ev[0]?.type, 'oversize');
    assert.ok(ev[0]?.type === 'oversize' && ev[0].head.toString().startsWith('MSH|'));
    assert.equal(d.buffered, 0);
  });
});

describe('MLLP server and client', () => {
  test('split frames, three messages in one write: each answered in order with its MSA-2', async () => {
    await withServer(accept, async (port) => {
      const split = [...frameMessage(msg('S1'))].map((b) => Buffer.from([b]));
      assert.match((await rawExchange(port, split, 1))[0] ?? '', /MSA\|AA\|S1/);
      const acks = await rawExchange(port, [Buffer.concat([frameMessage(msg('T1')), frameMessage(msg('T2')), frameMessage(msg('T3'))])], 3);
      assert.deepEqual(acks.map((a) => /MSA\|AA\|(\w+)/.exec(a)?.[1]), ['T1', 'T2', 'T3']);
    });
  });
  test('unparseable input is answered AR with an ERR naming the problem; the handler still sees the raw bytes', async () => {
    const seen: Buffer[] = [];
    await withServer(async (p, raw) => {
      seen.push(raw);
      return accept(p, raw, {} as never);
    }, async (port) => {
      const [ack] = await rawExchange(port, [frameMessage('MSH|^~\\&|X|Y|||||||')], 1);
      assert.match(ack ?? '', /MSA\|AR/);
      assert.match(ack ?? '', /ERR\|\|MSH\^1\^9\^1\^1\|101\^Required field missing\^HL70357\|E/);
      assert.equal(seen.length, 1);
    });
  });
  test('a failing handler is answered AE 207, and the server keeps serving', async () => {
    let n = 0;
    await withServer(async (p, raw, meta) => {
      if (n++ === 0) throw new Error('database down');
      return accept(p, raw, meta);
    }, async (port) => {
      const client = new MllpClient({ host: '127.0.0.1', port, ackTimeoutMs: 2000 });
      const first = await client.send(msg('H1'));
      assert.equal(first.ok, false);
      assert.ok(!first.ok && first.failure.kind === 'nack' && first.failure.code === 'AE' && /207/.test(first.failure.message));
      const second = await client.send(msg('H2'));
      assert.ok(second.ok);
      await client.close();
    });
  });
  test('oversize frame gets AR 104 with the control id', async () => {
    await withServer(accept, async (port) => {
      const [ack] = await rawExchange(port, [frameMessage(msg('OV') + `\rNTE|1||${'x'.repeat(3000)}`)], 1);
      assert.match(ack ?? '', /MSA\|AR\|OV/);
      assert.match(ack ?? '', /104\^Value too long/);
    }, { maxFrameBytes: 1000 });
  });
  test('a NACK comes back as a typed failure with the lab text', async () => {
    const nack: MllpHandler = async (p) => {
      assert.ok(p.ok);
      return buildAck(p.message, { code: 'AE', text: 'Unknown test', errors: [{ code: '103', severity: 'E', message: 'OBR-4 2345-7 not on our menu', location: { segmentId: 'OBR', segment: 3, field: 4 } }] });
    };
    await withServer(nack, async (port) => {
      const r = await sendWithRetry({ host: '127.0.0.1', port, ackTimeoutMs: 2000 }, msg('N1'), { maxAttempts: 3, initialDelayMs: 10 });
      assert.equal(r.ok, false);
      assert.equal(r.attempts, 1); // a NACK goes to a person, not round a retry loop
      assert.ok(!r.ok && r.failure.kind === 'nack' && r.failure.code === 'AE');
      assert.ok(!r.ok && r.failure.kind === 'nack' && r.failure.ack.errors[0]?.diagnostics === 'OBR-4 2345-7 not on our menu');
    });
  });
  test('a server that never answers: timeout failure, then retried with backoff', async () => {
    const silent = net.createServer((s) => {
      s.resume(); // read and ignore: never answer
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    const delays: number[] = [];
    const started = Date.now();
    const r = await sendWithRetry({ host: '127.0.0.1', port, ackTimeoutMs: 150 }, msg('TO1'), { maxAttempts: 3, initialDelayMs: 20, onRetry: (_a, _o, d) => delays.push(d) });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.failure.kind === 'timeout');
    assert.equal(r.attempts, 3);
    assert.deepEqual(delays, [20, 40]);
    assert.ok(Date.now() - started >= 450);
    await new Promise<void>((res) => silent.close(() => res()));
  });
  test('connection refused: retried with backoff, then a typed failure', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const delays: number[] = [];
    const r = await sendWithRetry({ host: '127.0.0.1', port }, msg('CR1'), { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 15, onRetry: (_a, _o, d) => delays.push(d) });
    assert.ok(!r.ok && r.failure.kind === 'connection-refused');
    assert.equal(r.attempts, 4);
    assert.deepEqual(delays, [5, 10, 15]);
  });
  test('the listener comes back: retry succeeds on a later attempt', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const server = new MllpServer({ handler: accept, port, host: '127.0.0.1' });
    const r = await sendWithRetry({ host: '127.0.0.1', port, ackTimeoutMs: 1000 }, msg('UP1'), { maxAttempts: 5, initialDelayMs: 30, onRetry: (a) => { if (a === 2) void server.listen(); } });
    assert.ok(r.ok);
    assert.equal(r.attempts, 3);
    await server.close(200);
  });
  test('a connection reset mid-message does not crash the server', async () => {
    await withServer(accept, async (port) => {
      const s = net.connect(port, '127.0.0.1');
      await new Promise((r) => s.once('connect', r));
      s.write(frameMessage(msg('R1')).subarray(0, 20));
      s.resetAndDestroy();
      const p = parseHl7Message((await rawExchange(port, [frameMessage(msg('R2'))], 1))[0] ?? '');
      assert.ok(p.ok && p.message.get('MSA-2') === 'R2');
    });
  });
});
