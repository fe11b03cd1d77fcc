import net from 'node:net';
import { ackTargetFromRaw, ackTargetOf, buildAck, buildErrorAck, type AckTarget } from '../ack/build-ack.js';
import { issue } from '../errors.js';
import { decodeHl7Bytes } from '../lines.js';
import { parseHl7Message, type ParseOutcome } from '../parse.js';
import { DEFAULT_MAX_FRAME_BYTES, MllpDecoder, frameMessage } from './framing.js';

export const DEFAULT_MLLP_PORT = 2575;

export interface MllpMeta {
  connectionId: number;
  remoteAddress: string;
  remotePort: number;
  receivedAt: Date;
}

/**
 * Called once per received frame, in order per connection. Store `raw` first, then process;
 * resolve with the ACK text to send back. A rejection is answered with AE (207) for you.
 */
export type MllpHandler = (message: ParseOutcome, raw: Buffer, meta: MllpMeta) => Promise<string>;

export type MllpServerEvent =
  | { type: 'connection'; connectionId: number; remoteAddress: string }
  | { type: 'garbage'; connectionId: number; bytes: number }
  | { type: 'oversize'; connectionId: number; bytes: number }
  | { type: 'handler-error'; connectionId: number; error: unknown }
  | { type: 'socket-error'; connectionId: number; error: Error }
  | { type: 'close'; connectionId: number };

export interface MllpServerOptions {
  handler: MllpHandler;
  /** default 2575; 0 picks a free port (tests) */
  port?: number;
  host?: string;
  maxFrameBytes?: number;
  /** close connections silent for this long (default 10 minutes) */
  idleTimeoutMs?: number;
  /** frames waiting per connection before we stop reading from it (back-pressure; default 32) */
  maxQueuedFrames?: number;
  onEvent?: (e: MllpServerEvent) => void;
}

/** An MLLP listener: frames in, handler, ACK out. One message at a time per connection, in order. */
export class MllpServer {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly inflight = new Set<Promise<void>>();
  private nextId = 1;

  constructor(private readonly options: MllpServerOptions) {}

  /** Start listening; resolves with the port actually bound. */
  listen(): Promise<number> {
    const server = net.createServer((s) => this.accept(s));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? DEFAULT_MLLP_PORT, this.options.host, () => {
        server.off('error', reject);
        server.on('error', (error) => this.emit({ type: 'socket-error', connectionId: 0, error }));
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  }

  get port(): number | undefined {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a.port : undefined;
  }

  /** Stop accepting, let messages being handled finish and their ACKs go out, then close connections. */
  async close(graceMs = 5000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const timer = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([Promise.allSettled([...this.inflight]), timer]);
    for (const s of this.sockets) s.end();
    await Promise.race([new Promise<void>((resolve) => setTimeout(resolve, 200).unref()), waitClosed(this.sockets)]);
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private emit(e: MllpServerEvent): void {
    try {
      this.options.onEvent?.(e);
    } catch {
      // an observer's failure must not break the connection
    }
  }

  private accept(socket: net.Socket): void {
    const id = this.nextId++;
    this.sockets.add(socket);
    const decoder = new MllpDecoder(this.options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
    const maxQueued = this.options.maxQueuedFrames ?? 32;
    const meta = { connectionId: id, remoteAddress: socket.remoteAddress ?? '', remotePort: socket.remotePort ?? 0 };
    let queue: Promise<void> = Promise.resolve();
    let queued = 0;
    this.emit({ type: 'connection', connectionId: id, remoteAddress: meta.remoteAddress });
    socket.setTimeout(this.options.idleTimeoutMs ?? 10 * 60_000, () => socket.end());
    socket.on('error', (error) => this.emit({ type: 'socket-error', connectionId: id, error }));
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.emit({ type: 'close', connectionId: id });
    });
    const enqueue = (work: () => Promise<string>) => {
      queued++;
      if (queued >= maxQueued) socket.pause();
      const p = (queue = queue.then(async () => {
        const ack = await work();
        if (!socket.destroyed && socket.writable) socket.write(frameMessage(ack));
      }).catch((error) => this.emit({ type: 'handler-error', connectionId: id, error })).finally(() => {
        queued--;
        if (queued < maxQueued / 2 && socket.isPaused()) socket.resume();
      }));
      const tracked = p.finally(() => this.inflight.delete(tracked));
      this.inflight.add(tracked);
    };
    socket.on('data', (chunk: Buffer) => {
      for (const e of decoder.push(chunk)) {
        if (e.type === 'garbage') this.emit({ type: 'garbage', connectionId: id, bytes: e.bytes });
        else if (e.type === 'oversize') {
          this.emit({ type: 'oversize', connectionId: id, bytes: e.bytes });
          const limit = this.options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
          enqueue(async () => oversizeAck(e.head, e.bytes, limit));
        } else {
          const receivedAt = new Date();
          const raw = e.payload;
          enqueue(() => this.handle(raw, { ...meta, receivedAt }, id));
        }
      }
    });
  }

  private async handle(raw: Buffer, meta: MllpMeta, id: number): Promise<string> {
    const parsed = parseHl7Message(raw);
    try {
      return await this.options.handler(parsed, raw, meta);
    } catch (error) {
      this.emit({ type: 'handler-error', connectionId: id, error });
      const target: AckTarget = parsed.ok ? ackTargetOf(parsed.message) : ackTargetFromRaw(decodeHl7Bytes(raw), parsed.controlId);
      const text = 'the receiving application failed while storing or processing the message; resend it later';
      return buildAck(target, { code: 'AE', text, errors: [{ code: '207', severity: 'E', message: text }] });
    }
  }
}

function oversizeAck(head: Buffer, bytes: number, limit: number): string {
  const text = decodeHl7Bytes(head);
  const controlId = (() => {
    const p = parseHl7Message(text.split(/\r\n|\r|\n/)[0] ?? '');
    return p.ok ? p.message.controlId : p.controlId;
  })();
  return buildErrorAck(ackTargetFromRaw(text, controlId), issue('input-too-large', 'error', `the message is ${bytes} bytes; this receiver accepts at most ${limit}`));
}

function waitClosed(sockets: Set<net.Socket>): Promise<void> {
  return Promise.all([...sockets].map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve()))))).then(() => undefined);
}
