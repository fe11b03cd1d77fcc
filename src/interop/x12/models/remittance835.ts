import type { X12Delimiters } from '../delimiters.js';
import type { Adjustment, ClaimPayment, ProviderAdjustment, Remittance835, ServicePayment } from '../models.js';
import { childLoops, firstSegment, segmentOf, segmentsOf, type StoredLoop } from '../schema/index.js';
import { idCodeOf, type SegmentStore } from '../store.js';
import { comp, el, type Segment } from '../segment.js';
import { num, partyFromN1, procedureAt } from './party.js';

const [CAS, NM1, DTM, REF] = ['CAS', 'NM1', 'DTM', 'REF'].map(idCodeOf);

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

export function remittanceFrom835(root: StoredLoop, d: X12Delimiters): Remittance835 {
  const bpr = segmentOf(root, 'BPR');
  const trn = segmentOf(root, 'TRN');
  const payerLoop = childLoops(root, '1000A')[0];
  const payeeLoop = childLoops(root, '1000B')[0];
  const remittance: Remittance835 = {
    paymentAmount: bpr ? num(el(bpr, 2)) : 0,
    creditDebit: bpr ? el(bpr, 3) : '',
    paymentMethod: bpr ? el(bpr, 4) : '',
    traceNumber: trn ? el(trn, 2) : '',
    payer: partyFromN1(payerLoop && firstSegment(payerLoop), payerLoop),
    payee: partyFromN1(payeeLoop && firstSegment(payeeLoop), payeeLoop),
    claims: [],
    providerAdjustments: [],
  };
  if (bpr && el(bpr, 16)) remittance.paymentDate = el(bpr, 16);
  for (const header of root.children) {
    if (header.id !== '2000') continue;
    for (const claim of header.children) if (claim.id === '2100') remittance.claims.push(claimPaymentOf(claim, d));
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

/** CAS triples of segment i, added to `out` (the store form of adjustmentsOf). */
function addAdjustments(st: SegmentStore, i: number, out: Adjustment[]): void {
  let group: string | undefined;
  for (let k = 2; k <= 17; k += 3) {
    if (st.isEmpty(i, k)) continue;
    group ??= st.el(i, 1);
    const adjustment: Adjustment = { group, reason: st.el(i, k), amount: st.num(i, k + 1) };
    if (!st.isEmpty(i, k + 2)) adjustment.quantity = st.num(i, k + 2);
    out.push(adjustment);
  }
}

/** One 2100 claim, read in a single pass over its segments' positions. */
export function claimPaymentOf(loop: StoredLoop, d: X12Delimiters): ClaimPayment {
  const st = loop.store;
  const clp = loop.at[0];
  const claim: ClaimPayment = {
    id: st.el(clp, 1),
    status: st.el(clp, 2),
    chargeAmount: st.num(clp, 3),
    paidAmount: st.num(clp, 4),
    patientResponsibility: st.num(clp, 5),
    filingIndicator: st.el(clp, 6),
    payerClaimControlNumber: st.el(clp, 7),
    adjustments: [],
    serviceLines: [],
  };
  let patient = -1;
  for (const i of loop.at) {
    const code = st.idCode(i);
    if (code === CAS) addAdjustments(st, i, claim.adjustments);
    else if (code === NM1 && patient < 0 && st.elEquals(i, 1, 'QC')) patient = i;
  }
  if (patient >= 0) {
    const first = st.el(patient, 4);
    const last = st.el(patient, 3);
    claim.patientName = first && last ? `${first} ${last}` : first || last;
  }
  for (const line of loop.children) if (line.id === '2110') claim.serviceLines.push(servicePaymentOf(line, d));
  return claim;
}

function servicePaymentOf(line: StoredLoop, d: X12Delimiters): ServicePayment {
  const st = line.store;
  const svc = line.at[0];
  const payment: ServicePayment = { procedure: procedureAt(st, svc, 1, d), chargeAmount: st.num(svc, 2), paidAmount: st.num(svc, 3), adjustments: [] };
  if (!st.isEmpty(svc, 5)) payment.units = st.num(svc, 5);
  let date = -1;
  let control = -1;
  for (const i of line.at) {
    const code = st.idCode(i);
    if (code === CAS) addAdjustments(st, i, payment.adjustments);
    else if (code === DTM && date < 0 && (st.elEquals(i, 1, '472') || st.elEquals(i, 1, '150'))) date = i;
    else if (code === REF && control < 0 && st.elEquals(i, 1, '6R')) control = i;
  }
  if (date >= 0) payment.serviceDate = st.el(date, 2);
  if (control >= 0) payment.controlNumber = st.el(control, 2);
  return payment;
}

/** 835 balancing (TR3 section 1.10.2): BPR02 = sum of CLP04 - sum of PLB amounts, to the cent. */
export function remittanceBalance(r: Remittance835): { expected: number; actual: number; balanced: boolean } {
  const cents = (n: number): number => Math.round(n * 100);
  const paid = r.claims.reduce((t, c) => t + cents(c.paidAmount), 0);
  const plb = r.providerAdjustments.reduce((t, a) => t + cents(a.amount), 0);
  const expected = paid - plb;
  return { expected: expected / 100, actual: r.paymentAmount, balanced: expected === cents(r.paymentAmount) };
}
