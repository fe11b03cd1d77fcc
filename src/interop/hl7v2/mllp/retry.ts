import { MllpClient, type MllpClientOptions, type SendOutcome } from './client.js';

export interface RetryOptions {
  /** attempts in all, the first included (default 5) */
  maxAttempts?: number;
  /** delay before the second attempt (default 1 s); doubles each time up to maxDelayMs */
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  /** NACK codes worth resending automatically; default none: a NACK goes to a person */
  retryOnNack?: string[];
  /** called before each wait, for logs and metrics */
  onRetry?: (attempt: number, outcome: SendOutcome, delayMs: number) => void;
}

export type RetryOutcome = SendOutcome & { attempts: number };

/**
 * Send with exponential backoff on timeouts and connection failures. Returns the ACK, or the
 * last failure (timeout / nack / connection-refused / connection-lost / bad-ack) with the count.
 */
export async function sendWithRetry(target: MllpClient | MllpClientOptions, message: string, options: RetryOptions = {}): Promise<RetryOutcome> {
  const client = target instanceof MllpClient ? target : new MllpClient(target);
  const max = Math.max(1, options.maxAttempts ?? 5);
  let delay = options.initialDelayMs ?? 1000;
  try {
    for (let attempt = 1; ; attempt++) {
      const outcome = await client.send(message);
      const retryable = !outcome.ok && (outcome.failure.kind !== 'nack' || (options.retryOnNack ?? []).includes(outcome.failure.code)) && outcome.failure.kind !== 'bad-ack';
      if (outcome.ok || !retryable || attempt >= max) return { ...outcome, attempts: attempt };
      options.onRetry?.(attempt, outcome, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * (options.factor ?? 2), options.maxDelayMs ?? 60_000);
    }
  } finally {
    if (!(target instanceof MllpClient)) await client.close();
  }
}
