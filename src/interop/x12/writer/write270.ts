import type { EligibilityRequest, Party } from '../models.js';
import { hm, writeInterchange, ymd, type EnvelopeOptions } from './envelope.js';

const nm1 = (code: string, p: Party, qualifier: string): string[] => ['NM1', code, p.entityType, p.name, p.firstName ?? '', p.middleName ?? '', '', '', p.id ? (p.idQualifier ?? qualifier) : '', p.id ?? ''];

/** Writes 270 eligibility inquiries (005010X279A1), one subscriber per request, in one set. */
export function write270(requests: readonly EligibilityRequest[], options: EnvelopeOptions): string {
  const date = options.date ?? new Date();
  const d = options.delimiters;
  const repetition = d?.repetition || '^';
  const segs: string[][] = [['BHT', '0022', '13', requests[0]?.traceNumber ?? String(options.interchangeControl), ymd(date), hm(date)]];
  let hl = 0;
  for (const r of requests) {
    const source = ++hl;
    segs.push(['HL', String(source), '', '20', '1'], nm1('PR', r.informationSource, 'PI'));
    const receiver = ++hl;
    segs.push(['HL', String(receiver), String(source), '21', '1'], nm1('1P', r.informationReceiver, 'XX'));
    segs.push(['HL', String(++hl), String(receiver), '22', '0']);
    segs.push(['TRN', '1', r.traceNumber, `9${(r.informationReceiver.id ?? '').replace(/\D/g, '').padEnd(9, '0').slice(0, 9)}`]);
    segs.push(nm1('IL', r.subscriber, 'MI'));
    if (r.subscriber.dateOfBirth) segs.push(['DMG', 'D8', r.subscriber.dateOfBirth, r.subscriber.gender ?? '']);
    segs.push(['EQ', (r.serviceTypes.length > 0 ? r.serviceTypes : ['30']).join(repetition)]);
  }
  return writeInterchange('HS', [{ type: '270', implementation: '005010X279A1', segments: segs }], options);
}
