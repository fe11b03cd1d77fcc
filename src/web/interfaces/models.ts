import type { ReferenceLab } from '../../services/labs/reference-labs.js';
import type { LabPreview, ConnectionOutcome } from '../../services/labs/lab-preview.js';
import type { CodeRef } from '../../interop/hl7v2/order/models.js';
import type { LabProfile } from '../../interop/hl7v2/order/profile.js';

/** Lab interface desk shapes (server/api/interfaces.ts): messages out, results in and the error queue. */

export const outboxStatuses = ['pending', 'sending', 'delivered', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface OutboxMessage {
  id: number;
  destination: string;
  status: OutboxStatus | string;
  attempts: number;
  /** what the lab (or the connection) answered last time */
  lastResult: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string;
  controlId: string | null;
}

export const inboxStatuses = ['error', 'received', 'processed', 'rejected', 'duplicate'] as const;
export type InboxStatus = (typeof inboxStatuses)[number];
export const inboxStatusLabels: Record<InboxStatus, string> = {
  error: 'Needs a person',
  received: 'Received',
  processed: 'Processed',
  rejected: 'Rejected',
  duplicate: 'Duplicate',
};

export interface InboxMessage {
  id: number;
  status: InboxStatus | string;
  messageId: string | null;
  source: string | null;
  receivedAt: string;
  /** why the message was parked (or how a person settled it) */
  error: string | null;
  /** the MSH, PID and OBR segments */
  summary: string;
}

export interface InboxDetail {
  id: number;
  status: InboxStatus | string;
  error: string | null;
  raw: string;
}

export interface MatchResult {
  observations: number;
  reports: number;
  critical: number;
}

/* Reference labs (GET/PUT /api/interfaces/labs): the server's own types. */
export type { ReferenceLab, LabProfile, CodeRef, LabPreview, ConnectionOutcome };

/** A catalogue test as the lab page sees it: where it goes and the code its orders carry. */
export interface LabCatalogueTest {
  code: string;
  display: string;
  sentAs: { code: string; system: 'LN' | 'L' };
  performingLab?: string;
  retired?: boolean;
}

export interface LabList {
  labs: ReferenceLab[];
  tests: LabCatalogueTest[];
  /** per lab id: its orders waiting to go and those that failed */
  outbox: Record<string, { pending: number; failed: number }>;
}

export interface ConnectionResult {
  host: string;
  port: number;
  outcome: ConnectionOutcome;
  message: string;
  ms: number;
}
