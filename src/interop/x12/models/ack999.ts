import type { X12Delimiters } from '../delimiters.js';
import type { AckSegmentError, AckSetResponse, Acknowledgement } from '../models.js';
import { childLoops, firstSegment, type LoopNode, segmentOf } from '../schema/index.js';
import type { StoredLoop } from '../schema/engine.js';
import { el, type Segment } from '../segment.js';
import { idCodeOf } from '../store.js';
import { firstAt, num } from './party.js';
import type { BuildContext, StreamingBuilder } from './stream.js';

const codesFrom = (s: Segment | undefined, from: number): string[] => (s ? s.elements.slice(from).filter((c) => c !== '') : []);

/** The segment ids of the error (IK3/AK3), element (IK4/AK4) and set response (IK5/AK5) segments. */
const idsOf = (type: '999' | '997'): [string, string, string] => (type === '999' ? ['IK3', 'IK4', 'IK5'] : ['AK3', 'AK4', 'AK5']);

/** A 999/997 from its AK1, before any set response: AK9's status and counts are filled in by `closeAcknowledgement`. */
export function acknowledgementHead(ak1: Segment | undefined, type: '999' | '997'): Acknowledgement {
  const ack: Acknowledgement = { type, functionalId: ak1 ? el(ak1, 1) : '', groupControl: ak1 ? el(ak1, 2) : '', sets: [], status: '', included: 0, received: 0, accepted: 0, groupCodes: [] };
  // after the AK9 fields, where readers have always found it
  if (ak1 && el(ak1, 3)) ack.version = el(ak1, 3);
  return ack;
}

/** Fills in AK9: the group's status, the sets it says were included, received and accepted, and its notes. */
export function closeAcknowledgement(ack: Acknowledgement, ak9: Segment | undefined): void {
  ack.status = ak9 ? el(ak9, 1) : '';
  ack.included = ak9 ? num(el(ak9, 2)) : 0;
  ack.received = ak9 ? num(el(ak9, 3)) : 0;
  ack.accepted = ak9 ? num(el(ak9, 4)) : 0;
  ack.groupCodes = codesFrom(ak9, 5);
}

/** One transaction set response (a 2000 loop: AK2, its IK3/IK4 notes and IK5). */
export function setResponseOf(response: LoopNode, type: '999' | '997'): AckSetResponse {
  const [segErr, elErr, setResp] = idsOf(type);
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
  return set;
}

/** Reads a whole 999 (IK3/IK4/IK5) or 997 (AK3/AK4/AK5) loop tree: the same shape with different segment ids (see Acknowledgement999Builder for reading while streaming). */
export function acknowledgementFrom(root: LoopNode, _d: X12Delimiters, type: '999' | '997'): Acknowledgement {
  const ack = acknowledgementHead(segmentOf(root, 'AK1'), type);
  for (const response of childLoops(root, '2000')) ack.sets.push(setResponseOf(response, type));
  closeAcknowledgement(ack, segmentOf(root, 'AK9'));
  return ack;
}

const [AK1, AK9] = ['AK1', 'AK9'].map(idCodeOf);

/**
 * A 999/997 read set response by set response: the acknowledgement is handed on once its first
 * response (2000 loop) closes, or at the end when it has none; each response follows as its loop
 * closes, and AK9 is filled in at the end. Responses are done with once closed, so a 999
 * acknowledging any number of sets is held a response at a time.
 */
export class Acknowledgement999Builder implements StreamingBuilder {
  readonly droppable = new Set(['2000']);
  acknowledgement: Acknowledgement | null = null;

  constructor(private readonly ctx: BuildContext, private readonly root: StoredLoop, private readonly type: '999' | '997') {}

  private head(): Acknowledgement {
    if (this.acknowledgement) return this.acknowledgement;
    // AK1 read from the store: the root's Segment list would be made before AK9 arrives
    const at = firstAt(this.root, AK1);
    const ack = acknowledgementHead(at >= 0 ? this.root.store.segment(at) : undefined, this.type);
    this.acknowledgement = ack;
    this.ctx.sink.acknowledgement?.(ack);
    return ack;
  }

  closed(node: StoredLoop): void {
    if (node.id !== '2000') return;
    const ack = this.head();
    const response = setResponseOf(node, this.type);
    if (this.ctx.keep) ack.sets.push(response);
    this.ctx.sink.setResponse?.(response, ack);
  }

  finish(root: StoredLoop): void {
    const ack = this.head();
    const at = firstAt(root, AK9);
    closeAcknowledgement(ack, at >= 0 ? root.store.segment(at) : undefined);
  }
}
