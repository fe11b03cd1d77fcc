import type { X12Delimiters } from '../delimiters.js';
import type { AckSegmentError, AckSetResponse, Acknowledgement } from '../models.js';
import { childLoops, firstSegment, type LoopNode, segmentOf } from '../schema/index.js';
import { el, type Segment } from '../segment.js';
import { num } from './party.js';

const codesFrom = (s: Segment | undefined, from: number): string[] => (s ? s.elements.slice(from).filter((c) => c !== '') : []);

/** Reads a 999 (IK3/IK4/IK5) or 997 (AK3/AK4/AK5): the same shape with different segment ids. */
export function acknowledgementFrom(root: LoopNode, _d: X12Delimiters, type: '999' | '997'): Acknowledgement {
  const [segErr, elErr, setResp] = type === '999' ? ['IK3', 'IK4', 'IK5'] : ['AK3', 'AK4', 'AK5'];
  const ak1 = segmentOf(root, 'AK1');
  const ak9 = segmentOf(root, 'AK9');
  const ack: Acknowledgement = {
    type,
    functionalId: ak1 ? el(ak1, 1) : '',
    groupControl: ak1 ? el(ak1, 2) : '',
    sets: [],
    status: ak9 ? el(ak9, 1) : '',
    included: ak9 ? num(el(ak9, 2)) : 0,
    received: ak9 ? num(el(ak9, 3)) : 0,
    accepted: ak9 ? num(el(ak9, 4)) : 0,
    groupCodes: codesFrom(ak9, 5),
  };
  if (ak1 && el(ak1, 3)) ack.version = el(ak1, 3);
  for (const response of childLoops(root, '2000')) {
    const ak2 = firstSegment(response);
    const status = segmentOf(response, setResp);
    const set: AckSetResponse = { type: el(ak2, 1), control: el(ak2, 2), status: status ? el(status, 1) : '', codes: codesFrom(status, 2), errors: [] };
    if (el(ak2, 3)) set.implementation = el(ak2, 3);
    for (const note of childLoops(response, '2100')) {
      const s = firstSegment(note);
      if (s.id !== segErr) continue;
      const error: AckSegmentError = { segmentId: el(s, 1), position: num(el(s, 2)), code: el(s, 4), elements: [] };
      if (el(s, 3)) error.loop = el(s, 3);
      for (const elementNote of childLoops(note, '2110')) {
        const e = firstSegment(elementNote);
        if (e.id !== elErr) continue;
        const item: AckSegmentError['elements'][number] = { position: el(e, 1), code: el(e, 3) };
        if (el(e, 2)) item.reference = el(e, 2);
        if (el(e, 4)) item.value = el(e, 4);
        error.elements.push(item);
      }
      set.errors.push(error);
    }
    ack.sets.push(set);
  }
  return ack;
}
