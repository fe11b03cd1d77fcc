import type { X12Delimiters } from '../delimiters.js';
import type { X12Issue, X12Position } from '../errors.js';
import type { AckSetResponse, Acknowledgement, Claim837, ClaimPayment, ClaimStatus, Eligibility, Party, Patient, ProviderAdjustment, Remittance835, Subscriber } from '../models.js';
import type { LoopEvents, StoredLoop } from '../schema/engine.js';
import { idCodeOf } from '../store.js';
import { claimOf, DMG, PAT, REF, SBR, type ClaimContext } from './claim837.js';
import { addressAt, childLoop, firstAt, partyAt } from './party.js';
import { claimPaymentOf } from './remittance835.js';

/** Where models go as soon as each is read: one claim, or one remittance claim, at a time. */
export interface ModelSink {
  claim?(claim: Claim837): void;
  /** an 835's header is read; its claim payments follow, its provider adjustments come at the end */
  remittance?(remittance: Remittance835): void;
  payment?(remittance: Remittance835, claim: ClaimPayment): void;
  /** a 277/277CA status (receiver, provider, claim or service line) */
  claimStatus?(status: ClaimStatus): void;
  /** a 270/271 entry (one subscriber with its dependent, or a refused source or receiver) */
  eligibility?(entry: Eligibility): void;
  /** a 999/997 whose set responses follow one by one (AK9's status and counts are filled in at its set's end) */
  acknowledgement?(ack: Acknowledgement): void;
  /** one set response (AK2 with its IK3/IK4 notes and IK5) of a 999/997 */
  setResponse?(response: AckSetResponse, ack: Acknowledgement): void;
}

/** What a builder needs from the set being read. */
export interface BuildContext {
  delimiters: X12Delimiters;
  /** keep claims in the set's models (and in each remittance's claims list) */
  keep: boolean;
  sink: ModelSink;
  issue(issue: X12Issue): void;
  /** position of store segment i */
  position(i: number, extra: Partial<X12Position>): X12Position;
}

/** Builds models loop by loop as they close; `droppable` loops are done with once closed. */
export interface StreamingBuilder extends LoopEvents {
  readonly droppable: ReadonlySet<string>;
  finish(root: StoredLoop): void;
}

/** A name loop's party and DMG, kept until the claims below it need them. */
interface Person {
  party: Party;
  dateOfBirth?: string;
  gender?: string;
}

const emptyParty = (): Party => ({ name: '', entityType: '2' });
const [BPR, TRN, PLB] = ['BPR', 'TRN', 'PLB'].map(idCodeOf);

/**
 * 837P/837I claims, each built when its 2300 loop closes, with the parties of the levels above it
 * (read when their loops close). Duplicate CLM01s and claims whose lines do not add up to CLM02 are
 * reported as each claim is read.
 */
export class Claims837Builder implements StreamingBuilder {
  readonly droppable = new Set(['2300', '2000C', '2000B', '2000A']);
  readonly claims: Claim837[] = [];
  private submitter = emptyParty();
  private receiver = emptyParty();
  private billing = emptyParty();
  private taxId: string | undefined;
  private subscriberLoop: StoredLoop | null = null;
  private subscriberParty: Person | null = null;
  private payer = emptyParty();
  private context: ClaimContext | null = null;
  private patientLoop: StoredLoop | null = null;
  private patientParty: Person | null = null;
  private patient: Patient | null = null;
  private readonly ids = new IdSet();

  constructor(private readonly ctx: BuildContext, private readonly kind: Claim837['kind']) {}

  opened(node: StoredLoop): void {
    switch (node.id) {
      case '2000A':
        this.billing = emptyParty();
        this.taxId = undefined;
        this.context = null;
        break;
      case '2000B':
        this.subscriberLoop = node;
        this.subscriberParty = null;
        this.payer = emptyParty();
        this.context = null;
        this.patientLoop = null;
        break;
      case '2000C':
        this.patientLoop = node;
        this.patientParty = null;
        this.patient = null;
        break;
      default:
        break;
    }
  }

  closed(node: StoredLoop, parent: StoredLoop): void {
    const st = node.store;
    switch (node.id) {
      case '1000A':
        this.submitter = partyAt(node);
        break;
      case '1000B':
        this.receiver = partyAt(node);
        break;
      case '2010AA': {
        this.billing = partyAt(node);
        const ref = firstAt(node, REF, 'EI');
        if (ref >= 0) this.taxId = st.el(ref, 2);
        break;
      }
      case '2010BA':
      case '2010CA': {
        const dmg = firstAt(node, DMG);
        const person: Person = { party: partyAt(node) };
        if (dmg >= 0 && !st.isEmpty(dmg, 2)) person.dateOfBirth = st.el(dmg, 2);
        if (dmg >= 0 && !st.isEmpty(dmg, 3)) person.gender = st.el(dmg, 3);
        if (node.id === '2010BA') this.subscriberParty = person;
        else this.patientParty = person;
        break;
      }
      case '2010BB':
        this.payer = partyAt(node);
        break;
      case '2300':
        this.claim(node, parent);
        break;
      default:
        break;
    }
  }

  private contextNow(): ClaimContext {
    if (this.context) return this.context;
    const loop = this.subscriberLoop;
    const st = loop?.store;
    const sbr = loop ? firstAt(loop, SBR) : -1;
    const person = this.subscriberParty ?? { party: partyAt(loop ? childLoop(loop, '2010BA') : undefined) };
    // keys in the order readers have always seen them: party, SBR, DMG
    const subscriber = person.party as Subscriber;
    subscriber.payerResponsibility = st && sbr >= 0 ? st.el(sbr, 1) : '';
    if (st && sbr >= 0 && !st.isEmpty(sbr, 2)) subscriber.relationship = st.el(sbr, 2);
    if (st && sbr >= 0 && !st.isEmpty(sbr, 3)) subscriber.groupNumber = st.el(sbr, 3);
    if (st && sbr >= 0 && !st.isEmpty(sbr, 9)) subscriber.filingIndicator = st.el(sbr, 9);
    if (person.dateOfBirth !== undefined) subscriber.dateOfBirth = person.dateOfBirth;
    if (person.gender !== undefined) subscriber.gender = person.gender;
    const context: ClaimContext = { submitter: this.submitter, receiver: this.receiver, billingProvider: this.billing, subscriber, payer: this.payer };
    if (this.taxId !== undefined) context.billingProviderTaxId = this.taxId;
    this.context = context;
    return context;
  }

  private patientNow(): Patient {
    if (this.patient) return this.patient;
    const loop = this.patientLoop;
    const pat = loop ? firstAt(loop, PAT) : -1;
    const person = this.patientParty ?? { party: partyAt(undefined) };
    const patient = person.party as Patient;
    patient.relationship = loop && pat >= 0 ? loop.store.el(pat, 1) : '';
    if (person.dateOfBirth !== undefined) patient.dateOfBirth = person.dateOfBirth;
    if (person.gender !== undefined) patient.gender = person.gender;
    this.patient = patient;
    return patient;
  }

  private claim(node: StoredLoop, parent: StoredLoop): void {
    const claim = claimOf(node, this.ctx.delimiters, this.kind, this.contextNow(), parent.id === '2000C' ? this.patientNow() : undefined);
    const clm = node.at[0];
    if (!this.ids.addIsNew(claim.id)) {
      this.ctx.issue({ code: 'duplicate-claim-id', severity: 'warning', message: `Claim id (CLM01) "${claim.id}" is used by more than one claim in this set; 277CA and 835 responses cannot be matched to one claim.`, position: this.ctx.position(clm, { element: 1, loop: '2300' }) });
    }
    if (claim.serviceLines.length > 0) {
      let lines = 0;
      for (const l of claim.serviceLines) lines += Math.round(l.chargeAmount * 100);
      if (lines !== Math.round(claim.chargeAmount * 100)) {
        this.ctx.issue({ code: 'claim-out-of-balance', severity: 'error', message: `Claim ${claim.id} totals ${claim.chargeAmount.toFixed(2)} (CLM02) but its service lines add up to ${(lines / 100).toFixed(2)}.`, position: this.ctx.position(clm, { element: 2, loop: '2300' }) });
      }
    }
    if (this.ctx.keep) this.claims.push(claim);
    this.ctx.sink.claim?.(claim);
  }

  finish(): void {
    // every claim was handed on as its loop closed
  }
}

/**
 * An 835 remittance: the header (BPR, TRN, payer, payee) is read before the first claim payment,
 * each 2100 claim payment when its loop closes, provider adjustments (PLB) at the end, and the
 * balance (BPR02 = claim payments - provider adjustments) is checked from running totals.
 */
export class Remittance835Builder implements StreamingBuilder {
  readonly droppable = new Set(['2100', '2000']);
  remittance: Remittance835 | null = null;
  private payer: Party | null = null;
  private payee: Party | null = null;
  private paidCents = 0;

  constructor(private readonly ctx: BuildContext, private readonly root: StoredLoop) {}

  closed(node: StoredLoop): void {
    if (node.id === '2100') {
      const r = this.header();
      const claim = claimPaymentOf(node, this.ctx.delimiters);
      this.paidCents += Math.round(claim.paidAmount * 100);
      if (this.ctx.keep) r.claims.push(claim);
      this.ctx.sink.payment?.(r, claim);
    } else if (node.id === '1000A') this.payer = partyFromN1Loop(node);
    else if (node.id === '1000B') this.payee = partyFromN1Loop(node);
  }

  private header(): Remittance835 {
    if (this.remittance) return this.remittance;
    const root = this.root;
    const st = root.store;
    const bpr = firstAt(root, BPR);
    const trn = firstAt(root, TRN);
    const r: Remittance835 = {
      paymentAmount: bpr >= 0 ? st.num(bpr, 2) : 0,
      creditDebit: bpr >= 0 ? st.el(bpr, 3) : '',
      paymentMethod: bpr >= 0 ? st.el(bpr, 4) : '',
      traceNumber: trn >= 0 ? st.el(trn, 2) : '',
      payer: this.payer ?? partyFromN1Loop(childLoop(root, '1000A')),
      payee: this.payee ?? partyFromN1Loop(childLoop(root, '1000B')),
      claims: [],
      providerAdjustments: [],
    };
    if (bpr >= 0 && !st.isEmpty(bpr, 16)) r.paymentDate = st.el(bpr, 16);
    this.remittance = r;
    this.ctx.sink.remittance?.(r);
    return r;
  }

  finish(root: StoredLoop): void {
    const r = this.header();
    const st = root.store;
    const d = this.ctx.delimiters;
    let plbCents = 0;
    for (const i of root.at) {
      if (st.idCode(i) !== PLB) continue;
      for (let n = 3; n + 1 < st.elementCount(i); n += 2) {
        if (st.isEmpty(i, n)) continue;
        const [reason = '', reference] = st.el(i, n).split(d.component);
        const adjustment: ProviderAdjustment = { provider: st.el(i, 1), fiscalPeriodDate: st.el(i, 2), reason, amount: st.num(i, n + 1) };
        if (reference) adjustment.reference = reference;
        r.providerAdjustments.push(adjustment);
        plbCents += Math.round(adjustment.amount * 100);
      }
    }
    const expected = this.paidCents - plbCents;
    if (expected !== Math.round(r.paymentAmount * 100)) {
      // looked up again: the store may have been compacted since the header was read
      const bpr = firstAt(root, BPR);
      const at = bpr >= 0 ? bpr : root.at[0];
      this.ctx.issue({ code: 'remittance-out-of-balance', severity: 'error', message: `BPR02 payment ${r.paymentAmount.toFixed(2)} does not equal claim payments minus provider adjustments (${(expected / 100).toFixed(2)}).`, position: this.ctx.position(at, { element: 2 }) });
    }
  }
}

/**
 * A set of claim ids kept as 53-bit hashes in a flat table: 8-16 bytes an id, so a set of 500,000
 * claims costs at most 16 MB, not the 40 MB or so of a Set of strings. Two different ids share a hash with odds
 * of about n^2 / 2^54 (1 in 70,000 for 500,000 claims), and then only a duplicate-id warning is wrong.
 */
export class IdSet {
  private table = new Float64Array(1024);
  private used = 0;

  /** Whether the id was seen before; records it. */
  addIsNew(id: string): boolean {
    const h = hash53(id) + 1; // 0 marks an empty slot
    if ((this.used + 1) * 2 > this.table.length) this.grow();
    const mask = this.table.length - 1;
    for (let at = h % this.table.length; ; at = (at + 1) & mask) {
      const v = this.table[at];
      if (v === h) return false;
      if (v === 0) {
        this.table[at] = h;
        this.used++;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    const mask = this.table.length - 1;
    for (const h of old) {
      if (h === 0) continue;
      let at = h % this.table.length;
      while (this.table[at] !== 0) at = (at + 1) & mask;
      this.table[at] = h;
    }
  }
}

/** A 53-bit string hash: two 32-bit multiplicative mixes, combined. */
function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f ^ text.length;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 13;
  a = Math.imul(a, 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  return (b >>> 11) * 4294967296 + (a >>> 0);
}

/** Party of an N1 loop (835 payer and payee), from the store. */
function partyFromN1Loop(loop: StoredLoop | undefined): Party {
  if (!loop) return emptyParty();
  const st = loop.store;
  const n1 = loop.at[0];
  const party: Party = { name: st.el(n1, 2), entityType: '2' };
  if (!st.isEmpty(n1, 3)) party.idQualifier = st.el(n1, 3);
  if (!st.isEmpty(n1, 4)) party.id = st.el(n1, 4);
  const address = addressAt(loop);
  if (address) party.address = address;
  return party;
}
