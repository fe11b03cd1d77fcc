import { ackTargetFromRaw, buildAck, MllpServer, type MllpServerEvent } from '../../interop/hl7v2/index.js';
import type { Repository } from '../../store/repository.js';
import { storeInboundMany, type InboundRow } from '../../store/inbox.js';
import { listTenants } from '../../store/users.js';
import { fileWaitingResults, type FilingRound } from './filing.js';
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
  /**
   * While messages keep arriving, filing waits so the ACKs are bounded by the raw insert alone:
   * it files once arrivals pause for `quietMs`, or when the oldest waiting message is `maxLagMs`
   * old, or `maxBacklog` messages wait (then it files round after round, which slows arrival:
   * a lab sending faster than results can be filed for long is held back, not queued without end).
   * false: file as soon as anything is stored.
   */
  yieldToArrivals?: false | { quietMs?: number; maxLagMs?: number; maxBacklog?: number };
}

/** Filing waits for a pause in arrivals this long (ms) */
const QUIET_MS = 25;
/** ...but no result waits more than this (ms) to be filed while a lab keeps sending */
const MAX_LAG_MS = 3_000;
/** ...and no more than this many messages wait */
const MAX_BACKLOG = 10_000;
/** Inbox inserts committing at once per process: one is written while others wait for the disk (measured best of 1, 2, 4) */
const STORE_IN_FLIGHT = 4;

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
 * Arrival and filing are two steps. On arrival a message is checked (HL7 structure, ORU^R01) and
 * stored raw; messages arriving together on all connections are stored in one statement (group
 * commit), and each is answered once its row is committed: AA, or AE/AR for what cannot be
 * accepted. Filing then takes the stored messages in order, many per transaction: reading the
 * result, links, FHIR, corrections, critical notices, parking of unmatched results. A message
 * stored and acknowledged but not filed when the process stops is filed on the next start (the
 * inbox row is the queue).
 */
export async function startLabListener(repo: Repository, opts: LabListenerOptions): Promise<LabListener> {
  if (opts.filing !== false) {
    // Filing validates the resources it did not build itself (critical notices, orders completed), and
    // the validator compiles the FHIR definitions on first use (~0.8 s of CPU): do that before the
    // first message is accepted, not in the first filing round while a lab is sending.
    repo.opts.validate?.({ resourceType: 'Communication', status: 'completed' });
  }
  const store = new GroupCommit<InboundRow, { id: number; duplicateOf?: number }>((rows) => storeInboundMany(repo.db, rows), { maxBatch: 500, maxInFlight: STORE_IN_FLIGHT });
  const filer = new Filer(repo, opts);
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
      if (outcome.status === 'received') filer.arrived();
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

/**
 * Files stored results in rounds until none are waiting; woken on arrival, and every pollMs for
 * messages other processes stored. While this process's messages keep arriving it yields to them
 * (see `yieldToArrivals`); what it left waiting is filed as soon as arrivals pause.
 */
class Filer {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private lastArrival = 0;
  /** when the oldest message this process stored and has not yet seen filed arrived (0: none) */
  private oldestWaiting = 0;
  /** messages this process stored since its last filing round began */
  private waiting = 0;
  /** while arrivals go on, no filing round before this (a rest after the last one) */
  private restUntil = 0;
  private readonly quietMs: number;
  private readonly maxLagMs: number;
  private readonly maxBacklog: number;

  constructor(
    private readonly repo: Repository,
    private readonly opts: LabListenerOptions,
  ) {
    const y = opts.yieldToArrivals;
    this.quietMs = y === false ? 0 : (y?.quietMs ?? QUIET_MS);
    this.maxLagMs = y === false ? 0 : (y?.maxLagMs ?? MAX_LAG_MS);
    this.maxBacklog = y === false ? 0 : (y?.maxBacklog ?? MAX_BACKLOG);
  }

  start(): void {
    if (this.opts.filing === false) return;
    this.timer = setInterval(() => this.kick(), this.opts.pollMs ?? 1000);
    this.timer.unref();
    this.kick(); // what was stored but not filed before a restart
  }

  /** A message was stored here and waits for filing. */
  arrived(): void {
    const now = Date.now();
    this.lastArrival = now;
    if (!this.oldestWaiting) this.oldestWaiting = now;
    this.waiting++;
    this.kick();
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

  /** How long to hold filing back for arrivals (0: file now). */
  private holdFor(): number {
    if (!this.quietMs || !this.waiting) return 0;
    const now = Date.now();
    const quietIn = this.lastArrival + this.quietMs - now;
    if (quietIn <= 0 || this.waiting >= this.maxBacklog) return 0;
    // results that waited maxLagMs are filed while arrivals go on, one round then a rest as long as the round
    const wait = Math.max(this.oldestWaiting + this.maxLagMs - now, this.restUntil - now);
    return wait <= 0 ? 0 : Math.min(quietIn, wait);
  }

  private async loop(): Promise<void> {
    const limit = this.opts.filingBatch ?? (this.repo.db.kind === 'pglite' ? 100 : 200);
    while (!this.stopped) {
      const hold = this.holdFor();
      if (hold > 0) {
        await new Promise((r) => setTimeout(r, hold));
        continue;
      }
      // what arrives from now on waits for a later round
      const roundStart = Date.now();
      const seen = this.waiting;
      let round: FilingRound;
      try {
        round = await fileWaitingResults(this.repo, { limit });
      } catch (error) {
        this.opts.onFilingError?.(error);
        return; // tried again on the next poll
      }
      if (round.busy) {
        // another process is filing; it takes these too, but look again shortly in case it just finished
        await new Promise((r) => setTimeout(r, 25));
        continue;
      }
      const now = Date.now();
      this.restUntil = now + (now - roundStart);
      if (round.claimed) this.opts.onFiled?.(round);
      const more = round.claimed >= limit || round.deferred > 0;
      this.waiting = Math.max(0, this.waiting - (more ? Math.min(seen, round.claimed) : seen));
      if (!more) {
        // everything stored before this round began is filed; the lag clock restarts with what came since
        this.oldestWaiting = this.waiting ? roundStart : 0;
        return;
      }
    }
  }

  /** Files until nothing is waiting (in this process's view). */
  async drain(): Promise<void> {
    if (this.opts.filing === false) return;
    for (;;) {
      while (this.running) await this.running;
      const round = await fileWaitingResults(this.repo, { limit: 1000 });
      if (!round.busy && !round.claimed) {
        this.waiting = 0;
        this.oldestWaiting = 0;
        return;
      }
      if (round.busy) await new Promise((r) => setTimeout(r, 25));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
