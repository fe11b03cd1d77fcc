import type { SetModels, X12ReadResult } from './document.js';
import type { X12Delimiters } from './delimiters.js';
import type { X12Issue } from './errors.js';
import type { AckSetResponse, Acknowledgement, Claim837, ClaimPayment, ClaimStatus, Eligibility, ProviderAdjustment, Remittance835 } from './models.js';

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
  /** the first MAX_LISTED_ISSUES errors and warnings (the counts say how many there were in all) */
  errors: IssueJson[];
  warnings: IssueJson[];
  errorCount: number;
  warningCount: number;
}

export type IssueJson = { code: string; severity: string; message: string } & X12Issue['position'];

const issueJson = (i: X12Issue): IssueJson => ({ code: i.code, severity: i.severity, message: i.message, ...i.position });
const adj = (a: { group: string; reason: string; amount: number }): { group: string; reason: string; amount: number } => ({ group: a.group, reason: a.reason, amount: a.amount });

type ClaimJson = ReadJson['claims'][number];
type RemittanceJson = ReadJson['remittances'][number];
type PaymentJson = RemittanceJson['claims'][number];

export function claimJson(c: Claim837): ClaimJson {
  return { id: c.id, chargeAmount: c.chargeAmount, frequencyCode: c.frequencyCode, serviceLines: c.serviceLines.length, diagnosisCodes: c.diagnosisCodes, kind: c.kind, payer: c.payer.name, subscriber: [c.subscriber.firstName, c.subscriber.name].filter(Boolean).join(' ') };
}

export function paymentJson(c: ClaimPayment): PaymentJson {
  return {
    id: c.id, status: c.status, chargeAmount: c.chargeAmount, paidAmount: c.paidAmount, patientResponsibility: c.patientResponsibility,
    adjustments: c.adjustments.map(adj),
    serviceLines: c.serviceLines.map((l) => {
      const line: PaymentJson['serviceLines'][number] = { procedure: [l.procedure.code, ...l.procedure.modifiers].join(':'), chargeAmount: l.chargeAmount, paidAmount: l.paidAmount, adjustments: l.adjustments.map(adj) };
      if (l.controlNumber) line.controlNumber = l.controlNumber;
      return line;
    }),
  };
}

function remittanceJson(m: Remittance835): RemittanceJson {
  return { paymentAmount: m.paymentAmount, traceNumber: m.traceNumber, payer: m.payer.name, payee: m.payee.name, claims: m.claims.map(paymentJson), providerAdjustments: m.providerAdjustments };
}

export function toReadJson(r: X12ReadResult): ReadJson {
  return {
    interchanges: r.interchanges,
    groups: r.groups,
    transactionSets: r.transactionSets,
    delimiters: r.delimiters,
    claims: r.claims.map(claimJson),
    remittances: r.remittances.map(remittanceJson),
    acknowledgements: r.acknowledgements,
    claimStatuses: r.claimStatuses,
    eligibility: r.eligibility,
    errors: r.errors.map(issueJson),
    warnings: r.warnings.map(issueJson),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
  };
}

/**
 * An acknowledgement's JSON cut where its set responses go: what comes before the `sets` list
 * (ending with `"sets":[`) and what follows it (from `]`), so that head + responses + tail is the
 * JSON.stringify of the whole acknowledgement, keys in the same order.
 */
function ackParts(a: Acknowledgement): [string, string] {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  let seen = false;
  for (const [key, value] of Object.entries(a)) {
    if (key === 'sets') seen = true;
    else (seen ? after : before)[key] = value;
  }
  const head = JSON.stringify(before);
  const tail = JSON.stringify(after);
  return [`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"sets":[`, tail.length > 2 ? `],${tail.slice(1)}` : ']}'];
}

/** A whole acknowledgement's JSON, with its set responses as already written JSON. */
const ackText = (a: Acknowledgement, sets: string[]): string => {
  const [head, tail] = ackParts(a);
  return `${head}${sets.join(',')}${tail}`;
};

/**
 * Writes the `read --json` object while the file is read, so a file of any size prints in bounded
 * memory: the list the file starts with (837 claims, 835 remittances with their claims, 277
 * statuses, 270/271 entries, or 999/997 acknowledgements with their set responses) is written item
 * by item, one per line; the other lists, the counts and the issues
 * follow at the end. The keys are those of ReadJson; only their order depends on the file.
 */
type Lead = 'claims' | 'remittances' | 'claimStatuses' | 'eligibility' | 'acknowledgements';

export class ReadJsonWriter {
  private lead: Lead | null = null;
  private written = 0;
  /** the lead remittance whose claims are being written */
  private open: Remittance835 | null = null;
  private openClaims = 0;
  private readonly claims: string[] = [];
  private readonly remittances: { head: Remittance835; claims: string[] }[] = [];
  /** acknowledgements held for the end (TA1s and 999/997s when another list leads), with their set responses */
  private readonly acknowledgements: { ack: Acknowledgement; sets: string[] }[] = [];
  /** the lead 999/997 whose set responses are being written */
  private openAck: Acknowledgement | null = null;
  private openSets = 0;
  private readonly claimStatuses: ClaimStatus[] = [];
  private readonly eligibility: Eligibility[] = [];

  constructor(private readonly write: (text: string) => void) {
    write('{');
  }

  private begin(lead: Lead): void {
    this.lead = lead;
    this.write(`\n  "${lead}": [`);
  }

  private item(text: string): void {
    this.write(`${this.written++ === 0 ? '' : ','}\n    ${text}`);
  }

  claim(c: Claim837): void {
    if (!this.lead) this.begin('claims');
    if (this.lead === 'claims') this.item(JSON.stringify(claimJson(c)));
    else this.claims.push(JSON.stringify(claimJson(c)));
  }

  remittance(r: Remittance835): void {
    if (!this.lead) this.begin('remittances');
    if (this.lead !== 'remittances') {
      this.remittances.push({ head: r, claims: [] });
      return;
    }
    this.closeRemittance();
    const head = JSON.stringify({ paymentAmount: r.paymentAmount, traceNumber: r.traceNumber, payer: r.payer.name, payee: r.payee.name });
    this.item(`${head.slice(0, -1)},"claims":[`);
    this.open = r;
    this.openClaims = 0;
  }

  payment(c: ClaimPayment, r: Remittance835): void {
    if (r === this.open) this.write(`${this.openClaims++ === 0 ? '' : ','}\n      ${JSON.stringify(paymentJson(c))}`);
    else this.remittances.find((m) => m.head === r)?.claims.push(JSON.stringify(paymentJson(c)));
  }

  /** A 277/277CA status: written at once when the file starts with statuses. */
  claimStatus(c: ClaimStatus): void {
    if (!this.lead) this.begin('claimStatuses');
    if (this.lead === 'claimStatuses') this.item(JSON.stringify(c));
    else this.claimStatuses.push(c);
  }

  /** A 270/271 entry: written at once when the file starts with eligibility. */
  eligibilityEntry(e: Eligibility): void {
    if (!this.lead) this.begin('eligibility');
    if (this.lead === 'eligibility') this.item(JSON.stringify(e));
    else this.eligibility.push(e);
  }

  /** A TA1 read (interchange acknowledgement): listed with the set acknowledgements, in file order. */
  acknowledgement(a: Acknowledgement): void {
    if (this.lead === 'acknowledgements') {
      this.closeAck();
      this.item(JSON.stringify(a));
    } else this.acknowledgements.push({ ack: a, sets: [] });
  }

  /**
   * A 999/997 whose set responses follow (`setResponse`): written at once when the file starts with
   * acknowledgements (after the TA1s read before it); its AK9 part is written when its set ends.
   */
  groupAcknowledgement(a: Acknowledgement): void {
    if (!this.lead) {
      this.begin('acknowledgements');
      for (const held of this.acknowledgements.splice(0)) this.item(ackText(held.ack, held.sets));
    }
    if (this.lead !== 'acknowledgements') {
      this.acknowledgements.push({ ack: a, sets: [] });
      return;
    }
    this.closeAck();
    this.item(ackParts(a)[0]);
    this.openAck = a;
    this.openSets = 0;
  }

  /** One set response of a 999/997 given to `groupAcknowledgement`. */
  setResponse(response: AckSetResponse, a: Acknowledgement): void {
    if (a === this.openAck) this.write(`${this.openSets++ === 0 ? '' : ','}\n      ${JSON.stringify(response)}`);
    else this.acknowledgements.find((m) => m.ack === a)?.sets.push(JSON.stringify(response));
  }

  /** A transaction set has ended; its remittance or acknowledgement (if the lead one) is closed (its claims, statuses, entries and set responses came one by one). */
  setEnd(models: SetModels): void {
    for (const r of models.remittances) if (r === this.open) this.closeRemittance();
    for (const a of models.acknowledgements) if (a === this.openAck) this.closeAck();
  }

  private closeAck(): void {
    const a = this.openAck;
    if (!a) return;
    this.write(`${this.openSets > 0 ? '\n    ' : ''}${ackParts(a)[1]}`);
    this.openAck = null;
  }

  private closeRemittance(): void {
    const r = this.open;
    if (!r) return;
    this.write(`${this.openClaims > 0 ? '\n    ' : ''}],"providerAdjustments":${JSON.stringify(r.providerAdjustments)}}`);
    this.open = null;
  }

  /** Ends the object with the lists not yet written, the counts and the issues. */
  finish(r: X12ReadResult): void {
    this.closeRemittance();
    this.closeAck();
    if (this.lead) this.write(`${this.written > 0 ? '\n  ' : ''}],`);
    const rest: [string, string][] = [];
    const list = (items: string[]): string => (items.length === 0 ? '[]' : `[\n    ${items.join(',\n    ')}\n  ]`);
    if (this.lead !== 'claims') rest.push(['claims', list(this.claims)]);
    if (this.lead !== 'remittances') {
      rest.push(['remittances', list(this.remittances.map((m) => {
        const head = JSON.stringify({ paymentAmount: m.head.paymentAmount, traceNumber: m.head.traceNumber, payer: m.head.payer.name, payee: m.head.payee.name });
        return `${head.slice(0, -1)},"claims":[${m.claims.join(',')}],"providerAdjustments":${JSON.stringify(m.head.providerAdjustments)}}`;
      }))]);
    }
    if (this.lead !== 'acknowledgements') rest.push(['acknowledgements', list(this.acknowledgements.map((m) => ackText(m.ack, m.sets)))]);
    if (this.lead !== 'claimStatuses') rest.push(['claimStatuses', list(this.claimStatuses.map((a) => JSON.stringify(a)))]);
    if (this.lead !== 'eligibility') rest.push(['eligibility', list(this.eligibility.map((a) => JSON.stringify(a)))]);
    rest.push(['interchanges', String(r.interchanges)], ['groups', String(r.groups)], ['transactionSets', String(r.transactionSets)], ['delimiters', JSON.stringify(r.delimiters)]);
    rest.push(['errors', list(r.errors.map((i) => JSON.stringify(issueJson(i))))], ['warnings', list(r.warnings.map((i) => JSON.stringify(issueJson(i))))]);
    rest.push(['errorCount', String(r.errorCount)], ['warningCount', String(r.warningCount)]);
    this.write(`${rest.map(([k, v]) => `\n  "${k}": ${v}`).join(',')}\n}\n`);
  }
}
