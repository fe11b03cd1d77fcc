import type { X12Delimiters } from '../delimiters.js';
import type { Claim837, Party, Patient, ServiceLine837, Subscriber } from '../models.js';
import { childLoops, segmentOf, segmentsOf, type LoopNode } from '../schema/index.js';
import { comp, comps, el } from '../segment.js';
import { num, partyFromNm1, procedureOf } from './party.js';

/** HI qualifiers that carry diagnoses (ICD-10 ABK/ABF/ABJ/APR/ABN and their ICD-9 forms). */
const DIAGNOSIS_QUALIFIERS = new Set(['ABK', 'ABF', 'ABJ', 'APR', 'ABN', 'BK', 'BF', 'BJ', 'PR', 'BN']);

function nameLoopParty(parent: LoopNode | undefined, loopId: string): { party: Party; loop: LoopNode | undefined } {
  const loop = parent ? childLoops(parent, loopId)[0] : undefined;
  return { party: partyFromNm1(segmentOf(loop, 'NM1'), loop), loop };
}

/** Claims of one 837 set, each with its parties attached (flat, in file order). */
export function claimsFrom837(root: LoopNode, d: X12Delimiters, kind: Claim837['kind']): Claim837[] {
  const claims: Claim837[] = [];
  const submitter = nameLoopParty(root, '1000A').party;
  const receiver = nameLoopParty(root, '1000B').party;
  for (const provider of childLoops(root, '2000A')) {
    const { party: billingProvider, loop: billingLoop } = nameLoopParty(provider, '2010AA');
    const taxId = segmentsOf(billingLoop, 'REF').find((s) => el(s, 1) === 'EI');
    for (const sub of childLoops(provider, '2000B')) {
      const sbr = segmentOf(sub, 'SBR');
      const { party, loop: subLoop } = nameLoopParty(sub, '2010BA');
      const subscriber: Subscriber = { ...party, payerResponsibility: sbr ? el(sbr, 1) : '' };
      if (sbr && el(sbr, 2)) subscriber.relationship = el(sbr, 2);
      if (sbr && el(sbr, 3)) subscriber.groupNumber = el(sbr, 3);
      if (sbr && el(sbr, 9)) subscriber.filingIndicator = el(sbr, 9);
      const dmg = segmentOf(subLoop, 'DMG');
      if (dmg && el(dmg, 2)) subscriber.dateOfBirth = el(dmg, 2);
      if (dmg && el(dmg, 3)) subscriber.gender = el(dmg, 3);
      const payer = nameLoopParty(sub, '2010BB').party;
      const context: ClaimContext = { submitter, receiver, billingProvider, subscriber, payer };
      if (taxId) context.billingProviderTaxId = el(taxId, 2);
      for (const c of childLoops(sub, '2300')) claims.push(claimOf(c, d, kind, context));
      for (const pat of childLoops(sub, '2000C')) {
        const patLoop = childLoops(pat, '2010CA')[0];
        const patSeg = segmentOf(pat, 'PAT');
        const patient: Patient = { ...partyFromNm1(segmentOf(patLoop, 'NM1'), patLoop), relationship: patSeg ? el(patSeg, 1) : '' };
        const pdmg = segmentOf(patLoop, 'DMG');
        if (pdmg && el(pdmg, 2)) patient.dateOfBirth = el(pdmg, 2);
        if (pdmg && el(pdmg, 3)) patient.gender = el(pdmg, 3);
        for (const c of childLoops(pat, '2300')) claims.push(claimOf(c, d, kind, { ...context, patient }));
      }
    }
  }
  return claims;
}

type ClaimContext = Pick<Claim837, 'submitter' | 'receiver' | 'billingProvider' | 'subscriber' | 'payer' | 'patient' | 'billingProviderTaxId'>;

function claimOf(loop: LoopNode, d: X12Delimiters, kind: Claim837['kind'], context: ClaimContext): Claim837 {
  const clm = loop.segments[0];
  const claim: Claim837 = {
    kind,
    id: el(clm, 1),
    chargeAmount: num(el(clm, 2)),
    facilityCode: comp(clm, 5, 1, d),
    facilityQualifier: comp(clm, 5, 2, d),
    frequencyCode: comp(clm, 5, 3, d),
    providerSignature: el(clm, 6),
    assignment: el(clm, 7),
    benefitsAssignment: el(clm, 8),
    releaseOfInformation: el(clm, 9),
    diagnosisCodes: [],
    ...context,
    serviceLines: [],
  };
  if (!context.patient) delete claim.patient;
  const statement = segmentsOf(loop, 'DTP').find((s) => el(s, 1) === '434');
  if (statement) claim.statementPeriod = el(statement, 3);
  const original = segmentsOf(loop, 'REF').find((s) => el(s, 1) === 'F8');
  if (original) claim.originalReference = el(original, 2);
  for (const hi of segmentsOf(loop, 'HI')) {
    for (let i = 1; i < hi.elements.length; i++) {
      const [qualifier, code] = comps(hi, i, d);
      if (code && DIAGNOSIS_QUALIFIERS.has(qualifier)) claim.diagnosisCodes.push(code);
    }
  }
  for (const line of childLoops(loop, '2400')) claim.serviceLines.push(lineOf(line, d, kind));
  return claim;
}

function lineOf(loop: LoopNode, d: X12Delimiters, kind: Claim837['kind']): ServiceLine837 {
  const lx = loop.segments[0];
  const sv = segmentOf(loop, kind === 'professional' ? 'SV1' : 'SV2');
  const line: ServiceLine837 = { lineNumber: num(el(lx, 1)), procedure: { qualifier: '', code: '', modifiers: [] }, chargeAmount: 0, unitCode: '', units: 0, diagnosisPointers: [] };
  if (sv && kind === 'professional') {
    line.procedure = procedureOf(sv, 1, d);
    line.chargeAmount = num(el(sv, 2));
    line.unitCode = el(sv, 3);
    line.units = num(el(sv, 4));
    if (el(sv, 5)) line.placeOfService = el(sv, 5);
    line.diagnosisPointers = comps(sv, 7, d).filter((p) => p !== '').map(Number);
  } else if (sv) {
    line.revenueCode = el(sv, 1);
    line.procedure = procedureOf(sv, 2, d);
    line.chargeAmount = num(el(sv, 3));
    line.unitCode = el(sv, 4);
    line.units = num(el(sv, 5));
  }
  const date = segmentsOf(loop, 'DTP').find((s) => el(s, 1) === '472');
  if (date) line.serviceDate = el(date, 3);
  const control = segmentsOf(loop, 'REF').find((s) => el(s, 1) === '6R');
  if (control) line.controlNumber = el(control, 2);
  return line;
}
