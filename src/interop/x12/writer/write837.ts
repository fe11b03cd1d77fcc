import { DEFAULT_DELIMITERS } from '../delimiters.js';
import type { Address, Claim837, Party } from '../models.js';
import { hm, writeInterchange, ymd, type EnvelopeOptions } from './envelope.js';

export interface Write837Options extends EnvelopeOptions {
  /** 1000A PER: who the receiver calls about the file */
  contact: { name: string; phone: string };
  /** BHT03 batch reference; defaults to the interchange control number */
  batchReference?: string;
}

export class ClaimWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimWriteError';
  }
}

const IMPLEMENTATION = { professional: '005010X222A1', institutional: '005010X223A2' } as const;

/** Gives every service line a REF*6R (claim id + line number) when it has none, so 835 lines can be matched. */
export function withLineControlNumbers(claims: readonly Claim837[]): Claim837[] {
  return claims.map((c) => ({ ...c, serviceLines: c.serviceLines.map((l) => (l.controlNumber ? l : { ...l, controlNumber: `${c.id}-${l.lineNumber}` })) }));
}

function nm1(code: string, p: Party, defaultQualifier: string): string[] {
  return ['NM1', code, p.entityType, p.name, p.firstName ?? '', p.middleName ?? '', '', '', p.id ? (p.idQualifier ?? defaultQualifier) : '', p.id ?? ''];
}

function address(a: Address | undefined): string[][] {
  if (!a) return [];
  const n3 = a.line2 ? ['N3', a.line1, a.line2] : ['N3', a.line1];
  return [n3, ['N4', a.city, a.state ?? '', a.postalCode ?? '']];
}

const dtp = (qualifier: string, date: string): string[] => ['DTP', qualifier, date.includes('-') ? 'RD8' : 'D8', date];
const money = (n: number): string => String(Math.round(n * 100) / 100);
const key = (value: unknown): string => JSON.stringify(value);

/**
 * Writes claims of one kind as one 837 transaction set: billing provider (HL 20) > subscriber
 * (HL 22) > patient (HL 23) > claims, with HL numbering, parent links and child codes computed.
 * Refuses duplicate CLM01 values: the 277CA and 835 can only be matched on a unique id.
 */
export function write837(claims: readonly Claim837[], options: Write837Options): string {
  if (claims.length === 0) throw new ClaimWriteError('There are no claims to write.');
  const kind = claims[0].kind;
  const seen = new Set<string>();
  for (const c of claims) {
    if (c.kind !== kind) throw new ClaimWriteError('Professional and institutional claims go in separate files.');
    if (seen.has(c.id)) throw new ClaimWriteError(`Claim id (CLM01) "${c.id}" is used twice in this submission; each claim needs its own.`);
    seen.add(c.id);
  }
  const d = options.delimiters ?? DEFAULT_DELIMITERS;
  const date = options.date ?? new Date();
  const prepared = withLineControlNumbers(claims);
  const first = prepared[0];
  const segs: string[][] = [
    ['BHT', '0019', '00', options.batchReference ?? String(options.interchangeControl), ymd(date), hm(date), 'CH'],
    nm1('41', first.submitter, '46'),
    ['PER', 'IC', options.contact.name, 'TE', options.contact.phone],
    nm1('40', first.receiver, '46'),
  ];
  // group: billing provider -> subscriber/payer -> patient, keeping first-seen order
  const providers = new Map<string, Map<string, Map<string, Claim837[]>>>();
  for (const c of prepared) {
    const pk = key([c.billingProvider, c.billingProviderTaxId]);
    const sk = key([c.subscriber, c.payer]);
    const ck = c.patient ? key(c.patient) : '';
    if (!providers.has(pk)) providers.set(pk, new Map());
    const subs = providers.get(pk) as Map<string, Map<string, Claim837[]>>;
    if (!subs.has(sk)) subs.set(sk, new Map());
    const pats = subs.get(sk) as Map<string, Claim837[]>;
    if (!pats.has(ck)) pats.set(ck, []);
    (pats.get(ck) as Claim837[]).push(c);
  }
  let hl = 0;
  for (const subs of providers.values()) {
    const providerHl = ++hl;
    const c0 = subs.values().next().value?.values().next().value?.[0] as Claim837;
    segs.push(['HL', String(providerHl), '', '20', '1']);
    segs.push(nm1('85', c0.billingProvider, 'XX'), ...address(c0.billingProvider.address));
    if (c0.billingProviderTaxId) segs.push(['REF', 'EI', c0.billingProviderTaxId]);
    for (const pats of subs.values()) {
      const subscriberHl = ++hl;
      const sample = pats.values().next().value?.[0] as Claim837;
      const s = sample.subscriber;
      const hasPatients = [...pats.keys()].some((k) => k !== '');
      segs.push(['HL', String(subscriberHl), String(providerHl), '22', hasPatients ? '1' : '0']);
      segs.push(['SBR', s.payerResponsibility, hasPatients ? '' : (s.relationship ?? '18'), s.groupNumber ?? '', '', '', '', '', '', s.filingIndicator ?? '']);
      segs.push(nm1('IL', s, 'MI'), ...address(s.address));
      if (s.dateOfBirth) segs.push(['DMG', 'D8', s.dateOfBirth, s.gender ?? '']);
      segs.push(nm1('PR', sample.payer, 'PI'), ...address(sample.payer.address));
      for (const [patientKey, list] of pats) {
        if (patientKey !== '') {
          const p = list[0].patient as NonNullable<Claim837['patient']>;
          segs.push(['HL', String(++hl), String(subscriberHl), '23', '0'], ['PAT', p.relationship]);
          segs.push(nm1('QC', p, ''), ...address(p.address), ['DMG', 'D8', p.dateOfBirth ?? '', p.gender ?? '']);
        }
        for (const c of list) segs.push(...claimSegments(c, d.component));
      }
    }
  }
  return writeInterchange('HC', [{ type: '837', implementation: IMPLEMENTATION[kind], segments: segs }], options);
}

function claimSegments(c: Claim837, component: string): string[][] {
  const out: string[][] = [];
  out.push(['CLM', c.id, money(c.chargeAmount), '', '', [c.facilityCode, c.facilityQualifier, c.frequencyCode].join(component), c.providerSignature, c.assignment, c.benefitsAssignment, c.releaseOfInformation]);
  if (c.statementPeriod) out.push(dtp('434', c.statementPeriod));
  if (c.originalReference) out.push(['REF', 'F8', c.originalReference]);
  if (c.diagnosisCodes.length > 0) {
    const coded = c.diagnosisCodes.map((code, i) => [i === 0 ? 'ABK' : 'ABF', code].join(component));
    for (let i = 0; i < coded.length; i += 12) out.push(['HI', ...coded.slice(i, i + 12)]);
  }
  for (const l of c.serviceLines) {
    const procedure = [l.procedure.qualifier, l.procedure.code, ...l.procedure.modifiers].join(component);
    out.push(['LX', String(l.lineNumber)]);
    if (c.kind === 'professional') out.push(['SV1', procedure, money(l.chargeAmount), l.unitCode, String(l.units), l.placeOfService ?? '', '', l.diagnosisPointers.join(component)]);
    else out.push(['SV2', l.revenueCode ?? '', l.procedure.code ? procedure : '', money(l.chargeAmount), l.unitCode, String(l.units)]);
    if (l.serviceDate) out.push(dtp('472', l.serviceDate));
    if (l.controlNumber) out.push(['REF', '6R', l.controlNumber]);
  }
  return out;
}
