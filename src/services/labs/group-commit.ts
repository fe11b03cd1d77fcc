/**
 * Group commit: callers add one item each and wait for its result; items that arrive while a flush
 * is running wait for the next flush and go together. A lone item is flushed at once (after the
 * current turn of the event loop, so items added in the same turn share it); under load batches
 * grow by themselves up to `maxBatch`. Up to `maxInFlight` flushes at a time (default 1), each
 * started in arrival order: with two, a batch is written while the one before waits for its commit
 * to reach the disk, so a caller waits about one commit instead of one and a half. Flushes that run
 * together may finish in either order; a caller that waits for its answer before sending the next
 * item (an HL7 sender waiting for its ACK) still has its items stored in the order it sent them.
 */
export class GroupCommit<T, R> {
  private waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly flushFn: (items: T[]) => Promise<R[]>,
    private readonly opts: { maxBatch?: number; delayMs?: number; maxInFlight?: number } = {},
  ) {}

  /** Waits until the item is part of a flush that finished; rejects if that flush failed. */
  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for a flush (not counting the one running). */
  get pending(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.running >= (this.opts.maxInFlight ?? 1) || this.scheduled) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.run();
    };
    if (this.opts.delayMs) setTimeout(go, this.opts.delayMs);
    else setImmediate(go);
  }

  private async run(): Promise<void> {
    if (this.running >= (this.opts.maxInFlight ?? 1) || !this.waiting.length) return;
    this.running++;
    const batch = this.waiting.splice(0, this.opts.maxBatch ?? 500);
    if (this.waiting.length) this.schedule(); // more than one batch waits and another flush may start
    try {
      const results = await this.flushFn(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.running--;
      if (this.waiting.length) this.schedule();
    }
  }
}
