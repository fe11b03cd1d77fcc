import type { X12Delimiters } from '../delimiters.js';
import type { Claim837, Party, Patient, ServiceLine837, Subscriber } from '../models.js';
import type { StoredLoop } from '../schema/index.js';
import { idCodeOf, type SegmentStore } from '../store.js';
import { childLoop, firstAt, partyAt, procedureAt } from './party.js';

export { SBR, DMG, PAT, REF };

/** HI qualifiers that carry diagnoses (ICD-10 ABK/ABF/ABJ/APR/ABN and their ICD-9 forms). */
const DIAGNOSIS_QUALIFIERS = new Set(['ABK', 'ABF', 'ABJ', 'APR', 'ABN', 'BK', 'BF', 'BJ', 'PR', 'BN']);
const [SBR, DMG, PAT, REF, DTP, HI, SV1, SV2] = ['SBR', 'DMG', 'PAT', 'REF', 'DTP', 'HI', 'SV1', 'SV2'].map(idCodeOf);

export type ClaimContext = Pick<Claim837, 'submitter' | 'receiver' | 'billingProvider' | 'subscriber' | 'payer' | 'billingProviderTaxId'>;

/** Party of the name loop `loopId` under `parent` (NM1, N3, N4). */
const nameLoopParty = (parent: StoredLoop, loopId: string): Party => partyAt(childLoop(parent, loopId));

/** Claims of one 837 set, each with its parties attached (flat, in file order). */
export function claimsFrom837(root: StoredLoop, d: X12Delimiters, kind: Claim837['kind']): Claim837[] {
  const claims: Claim837[] = [];
  const st = root.store;
  const submitter = nameLoopParty(root, '1000A');
  const receiver = nameLoopParty(root, '1000B');
  for (const provider of root.children) {
    if (provider.id !== '2000A') continue;
    const billingLoop = childLoop(provider, '2010AA');
    const billingProvider = partyAt(billingLoop);
    const taxId = billingLoop ? firstAt(billingLoop, REF, 'EI') : -1;
    for (const sub of provider.children) {
      if (sub.id !== '2000B') continue;
      const sbr = firstAt(sub, SBR);
      const subLoop = childLoop(sub, '2010BA');
      const subscriber = partyAt(subLoop) as Subscriber;
      subscriber.payerResponsibility = sbr >= 0 ? st.el(sbr, 1) : '';
      if (sbr >= 0 && !st.isEmpty(sbr, 2)) subscriber.relationship = st.el(sbr, 2);
      if (sbr >= 0 && !st.isEmpty(sbr, 3)) subscriber.groupNumber = st.el(sbr, 3);
      if (sbr >= 0 && !st.isEmpty(sbr, 9)) subscriber.filingIndicator = st.el(sbr, 9);
      const dmg = subLoop ? firstAt(subLoop, DMG) : -1;
      if (dmg >= 0 && !st.isEmpty(dmg, 2)) subscriber.dateOfBirth = st.el(dmg, 2);
      if (dmg >= 0 && !st.isEmpty(dmg, 3)) subscriber.gender = st.el(dmg, 3);
      const payer = nameLoopParty(sub, '2010BB');
      const context: ClaimContext = { submitter, receiver, billingProvider, subscriber, payer };
      if (taxId >= 0) context.billingProviderTaxId = st.el(taxId, 2);
      for (const c of sub.children) if (c.id === '2300') claims.push(claimOf(c, d, kind, context, undefined));
      for (const pat of sub.children) {
        if (pat.id !== '2000C') continue;
        const patLoop = childLoop(pat, '2010CA');
        const patSeg = firstAt(pat, PAT);
        const patient = partyAt(patLoop) as Patient;
        patient.relationship = patSeg >= 0 ? st.el(patSeg, 1) : '';
        const pdmg = patLoop ? firstAt(patLoop, DMG) : -1;
        if (pdmg >= 0 && !st.isEmpty(pdmg, 2)) patient.dateOfBirth = st.el(pdmg, 2);
        if (pdmg >= 0 && !st.isEmpty(pdmg, 3)) patient.gender = st.el(pdmg, 3);
        for (const c of pat.children) if (c.id === '2300') claims.push(claimOf(c, d, kind, context, patient));
      }
    }
  }
  return claims;
}

/** component starts of the composite being read (CLM05, HI, SV107) */
const STARTS = new Int32Array(16);

/** Component c (0-based) of the element whose `k` component starts are in STARTS, '' when absent. */
const part = (st: SegmentStore, i: number, k: number, c: number): string => (c < k ? st.text(i, STARTS[c], STARTS[c + 1] - 1) : '');

export function claimOf(loop: StoredLoop, d: X12Delimiters, kind: Claim837['kind'], context: ClaimContext, patient: Patient | undefined): Claim837 {
  const st = loop.store;
  const clm = loop.at[0];
  const component = d.component.charCodeAt(0);
  const facility = st.componentStarts(clm, 5, component, STARTS);
  // keys in the order readers have always seen them: parties, then lines
  const claim = {
    kind,
    id: st.el(clm, 1),
    chargeAmount: st.num(clm, 2),
    facilityCode: part(st, clm, facility, 0),
    facilityQualifier: part(st, clm, facility, 1),
    frequencyCode: part(st, clm, facility, 2),
    providerSignature: st.el(clm, 6),
    assignment: st.el(clm, 7),
    benefitsAssignment: st.el(clm, 8),
    releaseOfInformation: st.el(clm, 9),
    diagnosisCodes: [],
    submitter: context.submitter,
    receiver: context.receiver,
    billingProvider: context.billingProvider,
    subscriber: context.subscriber,
    payer: context.payer,
  } as Omit<Claim837, 'serviceLines'> as Claim837;
  if (context.billingProviderTaxId !== undefined) claim.billingProviderTaxId = context.billingProviderTaxId;
  if (patient) claim.patient = patient;
  claim.serviceLines = [];
  let statement = -1;
  let original = -1;
  for (const i of loop.at) {
    const code = st.idCode(i);
    if (code === DTP && statement < 0 && st.elEquals(i, 1, '434')) statement = i;
    else if (code === REF && original < 0 && st.elEquals(i, 1, 'F8')) original = i;
    else if (code === HI) {
      for (let n = 1; n < st.elementCount(i); n++) {
        const k = st.componentStarts(i, n, component, STARTS);
        // qualifier:code; an empty or missing code is no diagnosis
        if (k < 2 || STARTS[2] - 1 === STARTS[1]) continue;
        if (DIAGNOSIS_QUALIFIERS.has(part(st, i, k, 0))) claim.diagnosisCodes.push(part(st, i, k, 1));
      }
    }
  }
  if (statement >= 0) claim.statementPeriod = st.el(statement, 3);
  if (original >= 0) claim.originalReference = st.el(original, 2);
  for (const line of loop.children) if (line.id === '2400') claim.serviceLines.push(lineOf(line, d, kind));
  return claim;
}

function lineOf(loop: StoredLoop, d: X12Delimiters, kind: Claim837['kind']): ServiceLine837 {
  const st = loop.store;
  const lx = loop.at[0];
  const sv = firstAt(loop, kind === 'professional' ? SV1 : SV2);
  const line: ServiceLine837 = { lineNumber: st.num(lx, 1), procedure: { qualifier: '', code: '', modifiers: [] }, chargeAmount: 0, unitCode: '', units: 0, diagnosisPointers: [] };
  if (sv >= 0 && kind === 'professional') {
    line.procedure = procedureAt(st, sv, 1, d);
    line.chargeAmount = st.num(sv, 2);
    line.unitCode = st.el(sv, 3);
    line.units = st.num(sv, 4);
    if (!st.isEmpty(sv, 5)) line.placeOfService = st.el(sv, 5);
    if (!st.isEmpty(sv, 7)) {
      const k = st.componentStarts(sv, 7, d.component.charCodeAt(0), STARTS);
      for (let c = 0; c < k; c++) if (STARTS[c + 1] - 1 > STARTS[c]) line.diagnosisPointers.push(Number(part(st, sv, k, c)));
    }
  } else if (sv >= 0) {
    line.revenueCode = st.el(sv, 1);
    line.procedure = procedureAt(st, sv, 2, d);
    line.chargeAmount = st.num(sv, 3);
    line.unitCode = st.el(sv, 4);
    line.units = st.num(sv, 5);
  }
  let date = -1;
  let control = -1;
  for (const i of loop.at) {
    const code = st.idCode(i);
    if (code === DTP && date < 0 && st.elEquals(i, 1, '472')) date = i;
    else if (code === REF && control < 0 && st.elEquals(i, 1, '6R')) control = i;
  }
  if (date >= 0) line.serviceDate = st.el(date, 3);
  if (control >= 0) line.controlNumber = st.el(control, 2);
  return line;
}
