import type { X12Delimiters } from '../delimiters.js';
import type { Benefit, Eligibility, Party } from '../models.js';
import { childLoops, firstSegment, type LoopNode, segmentOf, segmentsOf } from '../schema/index.js';
import { el, reps, type Segment } from '../segment.js';
import { num, partyFromNm1 } from './party.js';

type Person = Party & { dateOfBirth?: string; gender?: string };

function personOf(loop: LoopNode | undefined): Person {
  const person: Person = partyFromNm1(segmentOf(loop, 'NM1'), loop);
  const dmg = segmentOf(loop, 'DMG');
  if (dmg && el(dmg, 2)) person.dateOfBirth = el(dmg, 2);
  if (dmg && el(dmg, 3)) person.gender = el(dmg, 3);
  return person;
}

function benefitOf(loop: LoopNode, d: X12Delimiters): Benefit {
  const eb = firstSegment(loop);
  const benefit: Benefit = { code: el(eb, 1), serviceTypes: reps(eb, 3, d), messages: segmentsOf(loop, 'MSG').map((m) => el(m, 1)) };
  if (el(eb, 2)) benefit.coverageLevel = el(eb, 2);
  if (el(eb, 4)) benefit.insuranceType = el(eb, 4);
  if (el(eb, 5)) benefit.planDescription = el(eb, 5);
  if (el(eb, 6)) benefit.timePeriod = el(eb, 6);
  if (el(eb, 7)) benefit.amount = num(el(eb, 7));
  if (el(eb, 8)) benefit.percent = num(el(eb, 8));
  if (el(eb, 12)) benefit.inNetwork = el(eb, 12);
  return benefit;
}

const rejectionsOf = (segments: Segment[], level: string): Eligibility['rejections'] =>
  segments.filter((s) => s.id === 'AAA').map((s) => {
    const r: Eligibility['rejections'][number] = { level, code: el(s, 3) };
    if (el(s, 4)) r.action = el(s, 4);
    return r;
  });

/** One entry per subscriber (2000C) of a 270 or 271, with its dependent when present. */
export function eligibilityFrom(root: LoopNode, d: X12Delimiters, kind: Eligibility['kind']): Eligibility[] {
  const out: Eligibility[] = [];
  for (const source of childLoops(root, '2000A')) {
    const sourceLoop = childLoops(source, '2100A')[0];
    const informationSource = personOf(sourceLoop);
    const sourceRejections = [...rejectionsOf(source.segments, 'source'), ...rejectionsOf(sourceLoop?.segments ?? [], 'source')];
    const receivers = childLoops(source, '2000B');
    if (receivers.length === 0 && sourceRejections.length > 0) {
      out.push({ kind, traceNumbers: [], informationSource, subscriber: { name: '', entityType: '1' }, serviceTypes: [], benefits: [], rejections: sourceRejections });
    }
    for (const receiver of receivers) {
      const receiverLoop = childLoops(receiver, '2100B')[0];
      const informationReceiver = personOf(receiverLoop);
      const subscribers = childLoops(receiver, '2000C');
      const receiverRejections = rejectionsOf(receiverLoop?.segments ?? [], 'receiver');
      if (subscribers.length === 0 && sourceRejections.length + receiverRejections.length > 0) {
        // the payer refused the inquiry before reaching any subscriber
        out.push({ kind, traceNumbers: [], informationSource, informationReceiver, subscriber: { name: '', entityType: '1' }, serviceTypes: [], benefits: [], rejections: [...sourceRejections, ...receiverRejections] });
      }
      for (const sub of subscribers) {
        const subLoop = childLoops(sub, '2100C')[0];
        const entry: Eligibility = {
          kind,
          traceNumbers: segmentsOf(sub, 'TRN').map((t) => el(t, 2)),
          informationSource,
          informationReceiver,
          subscriber: personOf(subLoop),
          serviceTypes: [],
          benefits: [],
          rejections: [...sourceRejections, ...rejectionsOf(receiverLoop?.segments ?? [], 'receiver'), ...rejectionsOf(subLoop?.segments ?? [], 'subscriber')],
        };
        const collect = (parent: LoopNode, suffix: string, level: string): void => {
          for (const eq of childLoops(parent, `2110${suffix}`)) {
            const s = firstSegment(eq);
            if (s.id === 'EQ') entry.serviceTypes.push(...reps(s, 1, d));
            else {
              entry.benefits.push(benefitOf(eq, d));
              entry.rejections.push(...rejectionsOf(eq.segments, level));
            }
          }
        };
        collect(sub, 'C', 'subscriber');
        const dep = childLoops(sub, '2000D')[0];
        if (dep) {
          const depLoop = childLoops(dep, '2100D')[0];
          entry.dependent = personOf(depLoop);
          entry.traceNumbers.push(...segmentsOf(dep, 'TRN').map((t) => el(t, 2)));
          entry.rejections.push(...rejectionsOf(depLoop?.segments ?? [], 'dependent'));
          collect(dep, 'D', 'dependent');
        }
        out.push(entry);
      }
    }
  }
  return out;
}
