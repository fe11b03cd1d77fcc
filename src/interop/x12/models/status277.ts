import type { X12Delimiters } from '../delimiters.js';
import type { ClaimStatus } from '../models.js';
import { segmentOf, segmentsOf, type LoopNode } from '../schema/index.js';
import { comp, el, type Segment } from '../segment.js';
import { num } from './party.js';
import type { StoredLoop } from '../schema/engine.js';
import type { BuildContext, StreamingBuilder } from './stream.js';

/** The status-bearing loops of a 277 or 277CA and the level each reports on. */
export const LEVELS: Record<string, ClaimStatus['level']> = { '2200B': 'receiver', '2200C': 'provider', '2200D': 'claim', '2200E': 'claim', '2220D': 'service', '2220E': 'service' };

/** The patient name of a 2100D/2100E loop: first and last name, as the claim status lists it. */
export function patientName(nm1: Segment | undefined): string | undefined {
  return nm1 ? [el(nm1, 4), el(nm1, 3)].filter(Boolean).join(' ') : undefined;
}

export function statusOf(loop: LoopNode, d: X12Delimiters, level: ClaimStatus['level'], patient: string | undefined): ClaimStatus {
  const trn = segmentOf(loop, 'TRN');
  const svc = segmentOf(loop, 'SVC');
  const status: ClaimStatus = { level, traceNumber: trn ? el(trn, 2) : svc ? comp(svc, 1, 2, d) : '', statuses: [] };
  if (patient && (level === 'claim' || level === 'service')) status.patient = patient;
  const refs = segmentsOf(loop, 'REF');
  const payerClaim = refs.find((s) => el(s, 1) === '1K');
  if (payerClaim) status.payerClaimControlNumber = el(payerClaim, 2);
  const trace = refs.find((s) => el(s, 1) === 'D9');
  if (trace) status.clearinghouseTrace = el(trace, 2);
  for (const stc of segmentsOf(loop, 'STC')) {
    for (const n of [1, 10, 11]) {
      const category = comp(stc, n, 1, d);
      if (!category) continue;
      const code = { category, code: comp(stc, n, 2, d) } as ClaimStatus['statuses'][number];
      const entity = comp(stc, n, 3, d);
      if (entity) code.entity = entity;
      status.statuses.push(code);
    }
    if (!status.statusDate && el(stc, 2)) status.statusDate = el(stc, 2);
    if (!status.action && el(stc, 3)) status.action = el(stc, 3);
    if (status.chargeAmount === undefined && el(stc, 4)) status.chargeAmount = num(el(stc, 4));
    if (status.paidAmount === undefined && el(stc, 5)) status.paidAmount = num(el(stc, 5));
  }
  if (svc && status.chargeAmount === undefined) status.chargeAmount = num(el(svc, 2));
  return status;
}

/**
 * 277/277CA statuses, each built when its status loop (2200B/C/D/E, 2220D/E) closes, which is file
 * order; the patient named by the nearest 2100D/2100E above it goes with claim and service statuses.
 * Patient and provider levels are done with once closed, so a set of any size is held a patient at a time.
 */
export class ClaimStatus277Builder implements StreamingBuilder {
  readonly droppable = new Set(['2000C', '2000D', '2000E']);
  readonly statuses: ClaimStatus[] = [];
  /** names from 2100D (subscriber or patient) and 2100E (dependent) of the levels now open */
  private nameD: string | undefined;
  private nameE: string | undefined;
  private inDependent = false;

  constructor(private readonly ctx: BuildContext) {}

  opened(node: StoredLoop): void {
    if (node.id === '2000D') {
      this.nameD = undefined;
      this.nameE = undefined;
      this.inDependent = false;
    } else if (node.id === '2000E') {
      this.nameE = undefined;
      this.inDependent = true;
    }
  }

  closed(node: StoredLoop): void {
    const id = node.id;
    if (id === '2100D') this.nameD = patientName(node.segments.find((s) => s.id === 'NM1')) ?? this.nameD;
    else if (id === '2100E') this.nameE = patientName(node.segments.find((s) => s.id === 'NM1')) ?? this.nameE;
    else if (id === '2000E') this.inDependent = false;
    const level = LEVELS[id];
    if (!level) return;
    const status = statusOf(node, this.ctx.delimiters, level, this.inDependent ? (this.nameE ?? this.nameD) : this.nameD);
    if (this.ctx.keep) this.statuses.push(status);
    this.ctx.sink.claimStatus?.(status);
  }

  finish(): void {
    // every status was handed on as its loop closed
  }
}
