import net from 'node:net';
import { readAck, type ReceivedAck } from '../ack/read-ack.js';
import { parseHl7Message } from '../parse.js';
import { DEFAULT_MAX_FRAME_BYTES, MllpDecoder, frameMessage } from './framing.js';

/** Why a send did not end in an accepting ACK. Each carries a sentence a person can act on. */
export type MllpFailure =
  | { kind: 'timeout'; message: string; afterMs: number }
  | { kind: 'nack'; message: string; code: string; ack: ReceivedAck; ackText: string }
  | { kind: 'connection-refused'; message: string; address: string }
  | { kind: 'connection-lost'; message: string }
  | { kind: 'bad-ack'; message: string; ackText: string };

export type SendOutcome = { ok: true; ack: ReceivedAck; ackText: string } | { ok: false; failure: MllpFailure };

export interface MllpClientOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  /** how long to wait for the ACK of one message (default 30 s) */
  ackTimeoutMs?: number;
  maxFrameBytes?: number;
}

interface Waiting {
  controlId: string;
  resolve: (o: SendOutcome) => void;
}

/**
 * Sends one message at a time and waits for its ACK (matched on MSA-2). Reconnects on the next
 * send after any failure; a timed-out connection is dropped so a late ACK cannot be taken for
 * the next message's.
 */
export class MllpClient {
  private socket: net.Socket | undefined;
  private connecting: Promise<net.Socket> | undefined;
  private waiting: Waiting | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly options: MllpClientOptions) {}

  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** Open the connection now (send() also does it when needed). */
  async connect(): Promise<void> {
    await this.ensureSocket();
  }

  /** Send one message and wait for its ACK. Never throws; failures are values. */
  send(message: string, options: { timeoutMs?: number } = {}): Promise<SendOutcome> {
    const run = this.chain.then(() => this.sendNow(message, options.timeoutMs ?? this.options.ackTimeoutMs ?? 30_000));
    this.chain = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (!s || s.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      s.once('close', () => resolve());
      s.end();
      setTimeout(() => s.destroy(), 1000).unref();
    });
  }

  private async sendNow(message: string, timeoutMs: number): Promise<SendOutcome> {
    // only MSH-10 is needed, to match the ACK: the header segment alone is read
    const end = message.search(/[\r\n]/);
    const parsed = parseHl7Message(end > 0 ? message.slice(0, end) : message);
    const controlId = parsed.ok ? parsed.message.controlId : parsed.controlId;
    let socket: net.Socket;
    try {
      socket = await this.ensureSocket();
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ECONNREFUSED') return { ok: false, failure: { kind: 'connection-refused', message: `the lab's listener at ${this.address} refused the connection; is it running?`, address: this.address } };
      if (err.code === 'ETIMEDOUT' || err.message === 'connect timeout') return { ok: false, failure: { kind: 'timeout', message: `no connection to ${this.address} within ${this.options.connectTimeoutMs ?? 10_000} ms`, afterMs: this.options.connectTimeoutMs ?? 10_000 } };
      return { ok: false, failure: { kind: 'connection-lost', message: `could not connect to ${this.address}: ${err.code ?? err.message}` } };
    }
    return new Promise<SendOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        this.drop();
        resolve({ ok: false, failure: { kind: 'timeout', message: `no ACK from ${this.address} within ${timeoutMs} ms for message ${controlId}; it may or may not have been received, resend it`, afterMs: timeoutMs } });
      }, timeoutMs);
      this.waiting = {
        controlId,
        resolve: (o) => {
          clearTimeout(timer);
          this.waiting = undefined;
          resolve(o);
        },
      };
      socket.write(frameMessage(message));
    });
  }

  private drop(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private ensureSocket(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    const timeout = this.options.connectTimeoutMs ?? 10_000;
    this.connecting = new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: this.options.host, port: this.options.port });
      const decoder = new MllpDecoder(this.options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
      const timer = setTimeout(() => {
        s.destroy();
        reject(new Error('connect timeout'));
      }, timeout);
      s.once('connect', () => {
        clearTimeout(timer);
        this.socket = s;
        resolve(s);
      });
      s.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
        this.failWaiting(`connection to ${this.address} failed: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
      });
      s.on('close', () => {
        if (this.socket === s) this.socket = undefined;
        this.failWaiting(`the lab closed the connection at ${this.address} before acknowledging`);
      });
      s.on('data', (chunk: Buffer) => {
        for (const e of decoder.push(chunk)) if (e.type === 'frame') this.onFrame(e.payload);
      });
    }).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private failWaiting(message: string): void {
    this.waiting?.resolve({ ok: false, failure: { kind: 'connection-lost', message } });
  }

  private onFrame(payload: Buffer): void {
    const w = this.waiting;
    if (!w) return; // an ACK nobody waits for (late, or unsolicited): ignored
    const ackText = payload.toString('utf8');
    const parsed = parseHl7Message(payload);
    if (!parsed.ok) {
      w.resolve({ ok: false, failure: { kind: 'bad-ack', message: `the lab answered with text that is not a readable HL7 message: ${parsed.error.message}`, ackText } });
      return;
    }
    const r = readAck(parsed.message);
    if (!r.ok) {
      w.resolve({ ok: false, failure: { kind: 'bad-ack', message: r.error.message, ackText } });
      return;
    }
    if (w.controlId && r.ack.acknowledgedControlId && r.ack.acknowledgedControlId !== w.controlId) return; // a stale ACK for an earlier message
    if (r.ack.accepted) {
      w.resolve({ ok: true, ack: r.ack, ackText });
      return;
    }
    const detail = r.ack.errors.map((e) => [e.code, e.diagnostics].filter(Boolean).join(' ')).join('; ') || r.ack.text;
    w.resolve({ ok: false, failure: { kind: 'nack', code: r.ack.code, message: `the lab answered ${r.ack.code}${detail ? `: ${detail}` : ''}`, ack: r.ack, ackText } });
  }
}
