/**
 * Group commit: callers add one item each and wait for its result; items that arrive while a flush
 * is running wait for the next flush and go together. A lone item is flushed at once (after the
 * current turn of the event loop, so items added in the same turn share it); under load batches
 * grow by themselves up to `maxBatch`. One flush at a time, in arrival order.
 */
export class GroupCommit<T, R> {
  private waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;
  private scheduled = false;

  constructor(
    private readonly flushFn: (items: T[]) => Promise<R[]>,
    private readonly opts: { maxBatch?: number; delayMs?: number } = {},
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
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.run();
    };
    if (this.opts.delayMs) setTimeout(go, this.opts.delayMs);
    else setImmediate(go);
  }

  private async run(): Promise<void> {
    if (this.running || !this.waiting.length) return;
    this.running = true;
    const batch = this.waiting.splice(0, this.opts.maxBatch ?? 500);
    try {
      const results = await this.flushFn(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.running = false;
      if (this.waiting.length) this.schedule();
    }
  }
}
