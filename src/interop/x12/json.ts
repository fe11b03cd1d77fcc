import type { X12ReadResult } from './document.js';
import type { X12Delimiters } from './delimiters.js';
import type { X12Issue } from './errors.js';
import type { Acknowledgement, ClaimStatus, Eligibility, ProviderAdjustment } from './models.js';

/** The `allied x12 read --json` contract. Field names are public: keep them. */
export interface ReadJson {
  interchanges: number;
  groups: number;
  transactionSets: number;
  delimiters: X12Delimiters | null;
  claims: { id: string; chargeAmount: number; frequencyCode: string; serviceLines: number; diagnosisCodes: string[]; kind: string; payer: string; subscriber: string }[];
  remittances: {
    paymentAmount: number;
    traceNumber: string;
    payer: string;
    payee: string;
    claims: {
      id: string;
      status: string;
      chargeAmount: number;
      paidAmount: number;
      patientResponsibility: number;
      adjustments: { group: string; reason: string; amount: number }[];
      serviceLines: { procedure: string; chargeAmount: number; paidAmount: number; controlNumber?: string; adjustments: { group: string; reason: string; amount: number }[] }[];
    }[];
    providerAdjustments: ProviderAdjustment[];
  }[];
  acknowledgements: Acknowledgement[];
  claimStatuses: ClaimStatus[];
  eligibility: Eligibility[];
  errors: IssueJson[];
  warnings: IssueJson[];
}

export type IssueJson = { code: string; severity: string; message: string } & X12Issue['position'];

const issueJson = (i: X12Issue): IssueJson => ({ code: i.code, severity: i.severity, message: i.message, ...i.position });
const adj = (a: { group: string; reason: string; amount: number }): { group: string; reason: string; amount: number } => ({ group: a.group, reason: a.reason, amount: a.amount });

export function toReadJson(r: X12ReadResult): ReadJson {
  return {
    interchanges: r.interchanges,
    groups: r.groups,
    transactionSets: r.transactionSets,
    delimiters: r.delimiters,
    claims: r.claims.map((c) => ({ id: c.id, chargeAmount: c.chargeAmount, frequencyCode: c.frequencyCode, serviceLines: c.serviceLines.length, diagnosisCodes: c.diagnosisCodes, kind: c.kind, payer: c.payer.name, subscriber: [c.subscriber.firstName, c.subscriber.name].filter(Boolean).join(' ') })),
    remittances: r.remittances.map((m) => ({
      paymentAmount: m.paymentAmount,
      traceNumber: m.traceNumber,
      payer: m.payer.name,
      payee: m.payee.name,
      claims: m.claims.map((c) => ({
        id: c.id, status: c.status, chargeAmount: c.chargeAmount, paidAmount: c.paidAmount, patientResponsibility: c.patientResponsibility,
        adjustments: c.adjustments.map(adj),
        serviceLines: c.serviceLines.map((l) => {
          const line: ReadJson['remittances'][number]['claims'][number]['serviceLines'][number] = { procedure: [l.procedure.code, ...l.procedure.modifiers].join(':'), chargeAmount: l.chargeAmount, paidAmount: l.paidAmount, adjustments: l.adjustments.map(adj) };
          if (l.controlNumber) line.controlNumber = l.controlNumber;
          return line;
        }),
      })),
      providerAdjustments: m.providerAdjustments,
    })),
    acknowledgements: r.acknowledgements,
    claimStatuses: r.claimStatuses,
    eligibility: r.eligibility,
    errors: r.errors.map(issueJson),
    warnings: r.warnings.map(issueJson),
  };
}
