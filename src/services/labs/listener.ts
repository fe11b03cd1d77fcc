import { ackTargetFromRaw, buildAck, MllpServer, type MllpServerEvent } from '../../interop/hl7v2/index.js';
import type { Repository } from '../../store/repository.js';
import { storeInboundMany, type InboundRow } from '../../store/inbox.js';
import { listTenants } from '../../store/users.js';
import { fileWaitingResults, ReadResults, type FilingRound } from './filing.js';
import { GroupCommit } from './group-commit.js';
import { answerArrival, assessLabMessage, type InboundOutcome } from './results-in.js';

export interface LabListenerOptions {
  port: number;
  host?: string;
  tenant?: string;
  onOutcome?: (o: InboundOutcome) => void;
  onEvent?: (e: MllpServerEvent) => void;
  /** after each filing round that took messages */
  onFiled?: (r: FilingRound) => void;
  /** a filing round failed (the database is unwell); its messages stay waiting and are tried again */
  onFilingError?: (error: unknown) => void;
  /** messages per filing transaction (default 200) */
  filingBatch?: number;
  /** how often to look for messages other processes stored (default 1000 ms) */
  pollMs?: number;
  /** false: accept and store only; what is stored is filed by a listener that files (default true) */
  filing?: boolean;
}

export interface LabListener {
  port: number;
  /** files everything stored so far (the tests and the benchmark wait on this) */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The MLLP listener for reference-lab results (default port 2575). Which organisation a message
 * belongs to: the configured tenant, else the only one, else the one named in MSH-6.
 *
 * Arrival and filing are two steps. On arrival a message is checked (structure, type, readable
 * ORU) and stored raw; messages arriving together on all connections are stored in one statement
 * (group commit), and each is answered once its row is committed: AA, or AE/AR for what cannot be
 * accepted. Filing then takes the stored messages in order, many per transaction: links, FHIR,
 * corrections, critical notices, parking of unmatched results. A message stored and acknowledged
 * but not filed when the process stops is filed on the next start (the inbox row is the queue).
 */
export async function startLabListener(repo: Repository, opts: LabListenerOptions): Promise<LabListener> {
  const read = new ReadResults();
  const store = new GroupCommit<InboundRow, { id: number; duplicateOf?: number }>((rows) => storeInboundMany(repo.db, rows), { maxBatch: 500 });
  const filer = new Filer(repo, read, opts);
  let tenants: { at: number; ids: string[] } | undefined;
  const tenantIds = async (fresh: boolean) => {
    if (fresh || !tenants || Date.now() - tenants.at > 5000) tenants = { at: Date.now(), ids: (await listTenants(repo.db)).map((t) => t.id) };
    return tenants.ids;
  };
  const tenantFor = async (facility: string): Promise<string | undefined> => {
    if (opts.tenant) return opts.tenant;
    for (const fresh of [false, true]) {
      const ids = await tenantIds(fresh);
      const found = ids.length === 1 ? ids[0] : ids.find((t) => t.toLowerCase() === facility.toLowerCase());
      if (found) return found;
    }
    return undefined;
  };
  const server = new MllpServer({
    port: opts.port,
    host: opts.host,
    onEvent: opts.onEvent,
    handler: async (parsed, raw, meta) => {
      const text = raw.toString('utf8');
      const facility = parsed.ok ? parsed.message.get('MSH-6.1') : '';
      const tenant = await tenantFor(facility);
      if (!tenant) {
        const controlId = parsed.ok ? parsed.message.get('MSH-10') : parsed.controlId;
        return buildAck(ackTargetFromRaw(text, controlId), { code: 'AR', text: `Unknown receiving facility "${facility}" (MSH-6): no organisation here by that id` });
      }
      const arrival = assessLabMessage(parsed, text, tenant, `${meta.remoteAddress}:${meta.remotePort}`);
      const stored = await store.add(arrival.row);
      const outcome = answerArrival(arrival, stored);
      if (outcome.status === 'received' && arrival.result) {
        read.set(stored.id, arrival.result);
        filer.kick();
      }
      opts.onOutcome?.(outcome);
      return outcome.ack;
    },
  });
  const port = await server.listen();
  filer.start();
  return {
    port,
    drain: () => filer.drain(),
    async close() {
      await server.close();
      await filer.stop();
    },
  };
}

/** Files stored results in rounds until none are waiting; woken on arrival, and every pollMs for messages other processes stored. */
class Filer {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly repo: Repository,
    private readonly read: ReadResults,
    private readonly opts: LabListenerOptions,
  ) {}

  start(): void {
    if (this.opts.filing === false) return;
    this.timer = setInterval(() => this.kick(), this.opts.pollMs ?? 1000);
    this.timer.unref();
    this.kick(); // what was stored but not filed before a restart
  }

  kick(): void {
    if (this.stopped || this.opts.filing === false) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async loop(): Promise<void> {
    const limit = this.opts.filingBatch ?? (this.repo.db.kind === 'pglite' ? 100 : 200);
    while (!this.stopped) {
      let round: FilingRound;
      try {
        round = await fileWaitingResults(this.repo, { limit, cache: this.read });
      } catch (error) {
        this.opts.onFilingError?.(error);
        return; // tried again on the next poll
      }
      if (round.busy) {
        // another process is filing; it takes these too, but look again shortly in case it just finished
        await new Promise((r) => setTimeout(r, 25));
        continue;
      }
      if (round.claimed) this.opts.onFiled?.(round);
      if (round.claimed < limit && !round.deferred) return;
    }
  }

  /** Files until nothing is waiting (in this process's view). */
  async drain(): Promise<void> {
    if (this.opts.filing === false) return;
    for (;;) {
      while (this.running) await this.running;
      const round = await fileWaitingResults(this.repo, { limit: 1000, cache: this.read });
      if (!round.busy && !round.claimed) return;
      if (round.busy) await new Promise((r) => setTimeout(r, 25));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
