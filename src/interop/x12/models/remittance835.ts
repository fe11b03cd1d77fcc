import type { X12Delimiters } from '../delimiters.js';
import type { Adjustment, ClaimPayment, ProviderAdjustment, Remittance835, ServicePayment } from '../models.js';
import { childLoops, segmentOf, segmentsOf, type LoopNode } from '../schema/index.js';
import { comp, el, type Segment } from '../segment.js';
import { num, partyFromN1, procedureOf } from './party.js';

/** CAS carries up to six reason/amount/quantity triples after the group code. */
export function adjustmentsOf(cas: readonly Segment[]): Adjustment[] {
  const out: Adjustment[] = [];
  for (const s of cas) {
    for (let i = 2; i <= 17; i += 3) {
      const reason = el(s, i);
      if (!reason) continue;
      const adjustment: Adjustment = { group: el(s, 1), reason, amount: num(el(s, i + 1)) };
      if (el(s, i + 2)) adjustment.quantity = num(el(s, i + 2));
      out.push(adjustment);
    }
  }
  return out;
}

export function remittanceFrom835(root: LoopNode, d: X12Delimiters): Remittance835 {
  const bpr = segmentOf(root, 'BPR');
  const trn = segmentOf(root, 'TRN');
  const payerLoop = childLoops(root, '1000A')[0];
  const payeeLoop = childLoops(root, '1000B')[0];
  const remittance: Remittance835 = {
    paymentAmount: bpr ? num(el(bpr, 2)) : 0,
    creditDebit: bpr ? el(bpr, 3) : '',
    paymentMethod: bpr ? el(bpr, 4) : '',
    traceNumber: trn ? el(trn, 2) : '',
    payer: partyFromN1(payerLoop?.segments[0], payerLoop),
    payee: partyFromN1(payeeLoop?.segments[0], payeeLoop),
    claims: [],
    providerAdjustments: [],
  };
  if (bpr && el(bpr, 16)) remittance.paymentDate = el(bpr, 16);
  for (const header of childLoops(root, '2000')) {
    for (const claim of childLoops(header, '2100')) remittance.claims.push(claimPaymentOf(claim, d));
  }
  for (const plb of segmentsOf(root, 'PLB')) {
    for (let i = 3; i + 1 < plb.elements.length; i += 2) {
      if (!el(plb, i)) continue;
      const adjustment: ProviderAdjustment = { provider: el(plb, 1), fiscalPeriodDate: el(plb, 2), reason: comp(plb, i, 1, d), amount: num(el(plb, i + 1)) };
      const reference = comp(plb, i, 2, d);
      if (reference) adjustment.reference = reference;
      remittance.providerAdjustments.push(adjustment);
    }
  }
  return remittance;
}

function claimPaymentOf(loop: LoopNode, d: X12Delimiters): ClaimPayment {
  const clp = loop.segments[0];
  const claim: ClaimPayment = {
    id: el(clp, 1),
    status: el(clp, 2),
    chargeAmount: num(el(clp, 3)),
    paidAmount: num(el(clp, 4)),
    patientResponsibility: num(el(clp, 5)),
    filingIndicator: el(clp, 6),
    payerClaimControlNumber: el(clp, 7),
    adjustments: adjustmentsOf(segmentsOf(loop, 'CAS')),
    serviceLines: [],
  };
  const patient = segmentsOf(loop, 'NM1').find((s) => el(s, 1) === 'QC');
  if (patient) claim.patientName = [el(patient, 4), el(patient, 3)].filter(Boolean).join(' ');
  for (const line of childLoops(loop, '2110')) {
    const svc = line.segments[0];
    const payment: ServicePayment = {
      procedure: procedureOf(svc, 1, d),
      chargeAmount: num(el(svc, 2)),
      paidAmount: num(el(svc, 3)),
      adjustments: adjustmentsOf(segmentsOf(line, 'CAS')),
    };
    if (el(svc, 5)) payment.units = num(el(svc, 5));
    const date = segmentsOf(line, 'DTM').find((s) => ['472', '150'].includes(el(s, 1)));
    if (date) payment.serviceDate = el(date, 2);
    const control = segmentsOf(line, 'REF').find((s) => el(s, 1) === '6R');
    if (control) payment.controlNumber = el(control, 2);
    claim.serviceLines.push(payment);
  }
  return claim;
}

/** 835 balancing (TR3 section 1.10.2): BPR02 = sum of CLP04 - sum of PLB amounts, to the cent. */
export function remittanceBalance(r: Remittance835): { expected: number; actual: number; balanced: boolean } {
  const cents = (n: number): number => Math.round(n * 100);
  const paid = r.claims.reduce((t, c) => t + cents(c.paidAmount), 0);
  const plb = r.providerAdjustments.reduce((t, a) => t + cents(a.amount), 0);
  const expected = paid - plb;
  return { expected: expected / 100, actual: r.paymentAmount, balanced: expected === cents(r.paymentAmount) };
}
