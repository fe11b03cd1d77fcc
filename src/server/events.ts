import type { Db } from '../store/db.js';
import { CHANGES_CHANNEL } from '../store/store.js';

export interface ChangeEvent {
  tenant: string;
  type: string;
  id: string;
  version: number;
  deleted: boolean;
  role?: string;
  /** a Communication's recipients ("Practitioner/id"), when the writer said */
  recipients?: string[];
}

type Listener = (e: ChangeEvent) => void;

/** Committed writes, as the database announces them (NOTIFY), fanned out to live subscribers. */
export class ChangeHub {
  private listeners = new Set<Listener>();
  private stop: (() => Promise<void>) | undefined;

  async start(db: Db): Promise<void> {
    this.stop = await db.listen(CHANGES_CHANNEL, (payload) => {
      let event: ChangeEvent;
      try {
        event = JSON.parse(payload);
      } catch {
        return;
      }
      for (const l of this.listeners) l(event);
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.stop?.();
  }
}
